import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { PullResponse, PushRow, WireDocument } from '../../src/replication/wire.js';
import { type BuildServerOptions, buildServer } from '../../src/server.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const METRICS_TOKEN = 'test-metrics-token-0123456789';

/** Loose enough that no suite is throttled; the rate-limit tests set their own. */
export const LOOSE_RATE_LIMITS = {
  enrollPerMinutePerAddress: 100_000,
  memberLookupsPerMinutePerDevice: 100_000,
  pushesPerMinutePerDevice: 100_000,
  pullsPerMinutePerDevice: 100_000,
};

export interface EnrolledDevice {
  readonly deviceId: string;
  readonly storeId: string;
  readonly token: string;
}

export interface InjectResult<T> {
  readonly statusCode: number;
  readonly body: T;
}

export interface Harness {
  readonly app: FastifyInstance;
  readonly db: Database;
  createStore(storeId: string): Promise<void>;
  enroll(storeId: string): Promise<EnrolledDevice>;
  pull(device: EnrolledDevice, collection: string, body: unknown): Promise<InjectResult<PullResponse>>;
  push(
    device: EnrolledDevice,
    collection: string,
    rows: PushRow[] | unknown,
  ): Promise<InjectResult<WireDocument[]>>;
  /** Every row of `documents` in a collection, whatever the store (what a device could never see). */
  storedDocuments(
    collection: string,
  ): Promise<
    { id: string; store_id: string; seq: number; deleted: boolean; data: Record<string, unknown> }[]
  >;
  close(): Promise<void>;
}

export async function startHarness(
  db: Database,
  options: Partial<BuildServerOptions> = {},
): Promise<Harness> {
  const app = await buildServer({
    db,
    adminToken: ADMIN_TOKEN,
    logger: false,
    rateLimits: LOOSE_RATE_LIMITS,
    metrics: { token: METRICS_TOKEN },
    ...options,
  });
  await app.ready();
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const stores = new Set<string>();

  const harness: Harness = {
    app,
    db,
    async createStore(storeId) {
      if (stores.has(storeId)) return;
      const response = await app.inject({
        method: 'POST',
        url: '/api/admin/stores',
        headers: admin,
        payload: { storeId, name: storeId },
      });
      if (response.statusCode !== 201 && response.json().error?.code !== 'store-exists') {
        throw new Error(`create store ${storeId}: ${response.body}`);
      }
      stores.add(storeId);
    },
    async enroll(storeId) {
      await harness.createStore(storeId);
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
      if (enrolled.statusCode !== 201) throw new Error(`enroll: ${enrolled.body}`);
      return enrolled.json() as EnrolledDevice;
    },
    async pull(device, collection, body) {
      const response = await app.inject({
        method: 'POST',
        url: `/sync/${collection}/pull`,
        headers: { authorization: `Bearer ${device.token}` },
        payload: body as object,
      });
      return { statusCode: response.statusCode, body: response.json() };
    },
    async push(device, collection, rows) {
      const response = await app.inject({
        method: 'POST',
        url: `/sync/${collection}/push`,
        headers: { authorization: `Bearer ${device.token}` },
        payload: rows as object,
      });
      return { statusCode: response.statusCode, body: response.json() };
    },
    async storedDocuments(collection) {
      const { rows } = await db.query<{
        id: string;
        store_id: string;
        seq: number;
        deleted: boolean;
        data: Record<string, unknown>;
      }>('SELECT id, store_id, seq, deleted, data FROM documents WHERE collection = $1 ORDER BY seq, id', [
        collection,
      ]);
      return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
    },
    async close() {
      await app.close();
    },
  };
  return harness;
}

/** A push row creating a document (no assumed master state). */
export function newRow(document: Record<string, unknown>): PushRow {
  return { assumedMasterState: null, newDocumentState: { ...document, _deleted: false } };
}
