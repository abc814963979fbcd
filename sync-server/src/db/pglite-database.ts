import { PGlite } from '@electric-sql/pglite';
import type { Database, Subscription, Transaction } from './database.js';

/**
 * Embedded PostgreSQL (PGlite) in a data folder; `memory://` keeps it in memory (tests).
 * PGlite runs one connection, so its transactions are serialised by the engine itself.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const pg = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
  let closed = false;
  return {
    kind: 'pglite',
    async query<R>(sql: string, params?: unknown[]) {
      const result = await pg.query<R>(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return pg.transaction((tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            const result = await tx.query<R>(sql, params as unknown[] | undefined);
            return { rows: result.rows };
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async listen(channel, onNotify): Promise<Subscription> {
      const unlisten = await pg.listen(channel, onNotify);
      return {
        async close() {
          if (!closed) await unlisten();
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}
