import pg from 'pg';
import type { Database, Subscription, Transaction } from './database.js';

// BIGINT (int8) as a JS number: sequences stay far below 2^53 and every caller compares them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

const RECONNECT_DELAY_MS = 500;

export interface PostgresOptions {
  /** Schema search path of every connection (an isolated schema per test run), set at connect time. */
  readonly searchPath?: string;
  /** A statement run on each new connection; prefer `searchPath`, which needs no extra round trip. */
  readonly onConnectSql?: string;
  readonly maxConnections?: number;
}

/** PostgreSQL through a `pg` Pool; one extra dedicated client per LISTEN channel. */
export async function openPostgresDatabase(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<Database> {
  // libpq `options`: a run-time parameter applied by the server as the session starts, before any query.
  const sessionOptions = options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {};
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10, ...sessionOptions });
  pool.on('error', () => {
    // An idle client died (server restart); the pool replaces it on next checkout.
  });
  const onConnectSql = options.onConnectSql;
  if (onConnectSql) {
    pool.on('connect', (client) => {
      client.query(onConnectSql).catch(() => undefined);
    });
  }
  // Fail fast on a wrong URL instead of on the first request.
  await pool.query('SELECT 1');
  let closed = false;
  const listeners = new Set<() => Promise<void>>();

  const connectClient = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString, ...sessionOptions });
    await client.connect();
    if (onConnectSql) await client.query(onConnectSql);
    return client;
  };

  return {
    kind: 'postgres',
    async query<R>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params);
      return { rows: result.rows as R[] };
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn({
          async query<R>(sql: string, params?: unknown[]) {
            const result = await client.query(sql, params);
            return { rows: result.rows as R[] };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify, onReconnect): Promise<Subscription> {
      let client: pg.Client | undefined;
      let stopped = false;
      const attach = async (): Promise<void> => {
        const next = await connectClient();
        next.on('notification', (message) => {
          if (message.channel === channel) onNotify(message.payload ?? '');
        });
        next.on('error', () => {
          if (stopped) return;
          client = undefined;
          next.end().catch(() => undefined);
          const retry = (): void => {
            if (stopped) return;
            attach()
              .then(() => onReconnect?.())
              .catch(() => setTimeout(retry, RECONNECT_DELAY_MS));
          };
          setTimeout(retry, RECONNECT_DELAY_MS);
        });
        await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = next;
      };
      await attach();
      const stop = async (): Promise<void> => {
        stopped = true;
        listeners.delete(stop);
        await client?.end().catch(() => undefined);
      };
      listeners.add(stop);
      return { close: stop };
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}
