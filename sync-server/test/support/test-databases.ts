import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { openPgliteDatabase } from '../../src/db/pglite-database.js';
import { openPostgresDatabase } from '../../src/db/postgres-database.js';

/** A database engine the suite runs against; each `open()` is a fresh, isolated database. */
export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  /**
   * Two handles on one database, as two server instances would hold. PostgreSQL: two separate pools (and LISTEN
   * connections). PGlite is embedded in one process, so both handles are the same engine.
   */
  openPair(): Promise<[Database, Database]>;
}

export const POSTGRES_URL =
  process.env.STOREFLOOR_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const HOW_TO_GET_POSTGRES =
  `PostgreSQL is not reachable at ${POSTGRES_URL}. Start PostgreSQL 15+ there (trust auth, database "test"), ` +
  'or set STOREFLOOR_TEST_DATABASE_URL to a database the tests may create schemas in.';

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A fresh schema per `open()` (dropped on close), so concurrent runs and test files never see each other's rows.
 * NOTIFY channels are database-wide: another run's wake-ups are harmless (a wake-up only triggers a read).
 */
async function createSchema(): Promise<string> {
  const schema = `sf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return schema;
}

async function openIsolatedPostgres(existingSchema?: string): Promise<Database> {
  const schema = existingSchema ?? (await createSchema());
  const db = await openPostgresDatabase(POSTGRES_URL, { searchPath: schema });
  if (existingSchema) return db;
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dropper.end();
    },
  };
}

const pglite: TestDatabase = {
  name: 'pglite',
  open: () => openPgliteDatabase('memory://'),
  async openPair() {
    const db = await openPgliteDatabase('memory://');
    // Closing either handle must not close the engine under the other instance twice.
    return [db, { ...db, close: async () => undefined }];
  },
};

const postgres: TestDatabase = {
  name: 'postgres',
  open: () => openIsolatedPostgres(),
  async openPair() {
    const schema = await createSchema();
    const first = await openIsolatedPostgres(schema);
    const second = await openIsolatedPostgres(schema);
    return [
      {
        ...first,
        async close() {
          await first.close();
          const dropper = new pg.Client({ connectionString: POSTGRES_URL });
          await dropper.connect();
          await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await dropper.end();
        },
      },
      second,
    ];
  },
};

const unreachable = await postgresReachable();
if (unreachable && process.env.CI !== 'true') {
  console.warn(
    `[sync-server tests] SKIPPING the PostgreSQL half of the suite: ${HOW_TO_GET_POSTGRES} (${unreachable})`,
  );
}

/**
 * The engines to run the suite on. PostgreSQL unreachable: in CI (CI=true) its tests are still listed and
 * fail with how to get it; elsewhere they are left out with a printed message. Never a silent pass.
 */
export const testDatabases: TestDatabase[] = unreachable
  ? process.env.CI === 'true'
    ? [
        pglite,
        {
          name: 'postgres',
          open: () => Promise.reject(new Error(`${HOW_TO_GET_POSTGRES} (${unreachable})`)),
          openPair: () => Promise.reject(new Error(`${HOW_TO_GET_POSTGRES} (${unreachable})`)),
        },
      ]
    : [pglite]
  : [pglite, postgres];
