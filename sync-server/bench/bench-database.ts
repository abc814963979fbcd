import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { openPgliteDatabase } from '../src/db/pglite-database.js';
import { openPostgresDatabase } from '../src/db/postgres-database.js';

export const BENCH_POSTGRES_URL =
  process.env.STOREFLOOR_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  readonly db: Database;
  /** The schema holding this run's tables (PostgreSQL), for COPY and for child processes. */
  readonly schema: string | undefined;
  /** How the engine stores its data in this run, as the results should say. */
  readonly storage: string;
  close(): Promise<void>;
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh PGlite in a new folder under the OS temp dir, removed by `close`. */
export async function openBenchPglite(): Promise<{ db: Database; dataDir: string; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sf-bench-pglite-'));
  const db = await openPgliteDatabase(dataDir);
  return {
    db,
    dataDir,
    async close() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database per run: a new schema on PostgreSQL (dropped after), or PGlite in a data folder on disk —
 * the embedded mode as HQ runs it (`STOREFLOOR_DATA_DIR`), not `memory://`, whose in-memory file system
 * grows its files by copying them and so measures something no deployment runs.
 */
export async function openBenchDatabase(kind: 'pglite' | 'postgres'): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const pglite = await openBenchPglite();
    await migrate(pglite.db);
    return {
      db: pglite.db,
      schema: undefined,
      storage: 'PGlite data folder on local disk (os.tmpdir())',
      close: () => pglite.close(),
    };
  }
  const schema = `sf_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await openPostgresDatabase(BENCH_POSTGRES_URL, { searchPath: schema });
  await migrate(db);
  return {
    db,
    schema,
    storage: 'PostgreSQL server at 127.0.0.1:5432, a fresh schema',
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dropper.end();
    },
  };
}
