import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.js';
import { openPgliteDatabase } from '../src/db/pglite-database.js';
import { openPostgresDatabase } from '../src/db/postgres-database.js';
import { buildServer } from '../src/server.js';

export const ADMIN_TOKEN = 'hq-test-admin-token';
export const POSTGRES_URL = process.env.HQ_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Engine {
  readonly name: 'pglite' | 'postgres';
  /** A fresh database (PostgreSQL: a fresh schema), or undefined when this engine is unavailable here. */
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

async function postgresReachable(): Promise<boolean> {
  try {
    const db = await openPostgresDatabase(POSTGRES_URL, { maxConnections: 1 });
    await db.close();
    return true;
  } catch {
    return false;
  }
}

/** PGlite always; PostgreSQL when reachable. Under CI=true an unreachable PostgreSQL is a failure. */
export async function engines(): Promise<{ engines: Engine[]; postgresProblem?: string }> {
  const list: Engine[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openPgliteDatabase('memory://');
        return { db, dispose: () => db.close() };
      },
    },
  ];
  if (await postgresReachable()) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `hq_test_${randomUUID().replace(/-/g, '')}`;
        const admin = await openPostgresDatabase(POSTGRES_URL, { maxConnections: 1 });
        await admin.query(`CREATE SCHEMA ${schema}`);
        const db = await openPostgresDatabase(POSTGRES_URL, { onConnectSql: `SET search_path TO ${schema}` });
        return {
          db,
          async dispose() {
            await db.close();
            await admin.query(`DROP SCHEMA ${schema} CASCADE`);
            await admin.close();
          },
        };
      },
    });
    return { engines: list };
  }
  const problem = `PostgreSQL is not reachable at ${POSTGRES_URL}: start it (e.g. "service postgresql start", database "test", trust auth for 127.0.0.1) or set HQ_TEST_DATABASE_URL`;
  if (process.env.CI === 'true') throw new Error(problem);
  console.warn(`[hq tests] skipping the PostgreSQL runs: ${problem}`);
  return { engines: list, postgresProblem: problem };
}

export async function buildHqApp(db: Database): Promise<FastifyInstance> {
  return buildServer({ db, adminToken: ADMIN_TOKEN, logger: false });
}

export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Creates a store and enrolls one device in it; returns the device's bearer header. */
export async function enrollDevice(
  app: FastifyInstance,
  storeId: string,
): Promise<{ deviceId: string; headers: { authorization: string } }> {
  await app.inject({
    method: 'POST',
    url: '/api/admin/stores',
    headers: admin,
    payload: { storeId, name: storeId },
  });
  const code = await app.inject({
    method: 'POST',
    url: `/api/admin/stores/${storeId}/enrollment-codes`,
    headers: admin,
    payload: {},
  });
  const enrolled = await app.inject({
    method: 'POST',
    url: '/api/enroll',
    payload: { code: code.json().code },
  });
  const { deviceId, token } = enrolled.json() as { deviceId: string; token: string };
  return { deviceId, headers: { authorization: `Bearer ${token}` } };
}
