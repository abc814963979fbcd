/**
 * A document the upstream refuses for good (an oversized or schema-invalid document: HQ answers 413 or 422
 * and writes nothing of that push) used to block its whole collection: RxDB retried the same push forever and
 * nothing else the device wrote there ever left it, with nobody told why. Now the refused document is parked
 * in the client's quarantine with HQ's reason, stays in the local database, and the rest is pushed. Real parts:
 * HQ (sync-server on PGlite) on a socket with a small document limit, the lane on storage-sqlite in a folder,
 * reopened to show the quarantine survives a restart, and HQ rebuilt with a larger limit for a retry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collections } from '@storefloor/core';
import { getRxStorageSQLite } from '@storefloor/rxdb-storage-sqlite';
import { buildServer, type Database, openPgliteDatabase } from '@storefloor/sync-server';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type RefusedDocument,
  replicateStorefloorCollection,
  type StorefloorReplicationState,
} from '../src/index.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

const ADMIN = 'sync-client-refused-admin-token';
const STORE = 'store-1';
/** HQ's per-document limit in these tests: a plain movement is under it, one with a long reason over it. */
const MAX_DOCUMENT_BYTES = 450;

type Movement = Record<string, unknown> & { id: string };
type Lane = {
  db: RxDatabase<{ stock_movements: RxCollection }>;
  replication: StorefloorReplicationState<unknown>;
};

describe('a push the upstream refuses for good', () => {
  let hqDb: Database;
  let hq: Awaited<ReturnType<typeof buildServer>>;
  let port: number;
  let url: string;
  const dirs: string[] = [];

  const startHq = async (maxDocumentBytes: number) => {
    hq = await buildServer({ db: hqDb, adminToken: ADMIN, logger: false, limits: { maxDocumentBytes } });
    await hq.listen({ port, host: '127.0.0.1' });
    port = (hq.server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
  };
  const admin = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { code: string };
  };
  const enroll = async () => {
    const { code } = await admin(`/api/admin/stores/${STORE}/enrollment-codes`, { role: 'lane' });
    const response = await fetch(`${url}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    return (await response.json()) as { deviceId: string; token: string };
  };
  let sequence = 0;
  const movement = (deviceId: string, extra: Partial<Movement> = {}): Movement => ({
    id: `0190f5c2-0000-7000-8000-${String(++sequence).padStart(12, '0')}`,
    storeId: STORE,
    productId: 'prod-milk-1l',
    kind: 'sale',
    quantity: 1,
    unit: 'unit',
    deviceId,
    deviceSequence: sequence,
    sourceId: '',
    reason: '',
    employeeId: 'emp-1',
    occurredAt: 1_780_000_000_000,
    ...extra,
  });
  const idsAtHq = async () =>
    new Set(
      (
        await hqDb.query<{ id: string }>("SELECT id FROM documents WHERE collection = 'stock_movements'")
      ).rows.map((row) => row.id),
    );

  const openLane = async (
    dir: string,
    laneUrl: string,
    device: { deviceId: string; token: string },
    schemaVersion = 0,
  ): Promise<Lane> => {
    const db: Lane['db'] = await createRxDatabase({
      name: 'lane-replica',
      storage: getRxStorageSQLite({ directory: dir }),
      multiInstance: false,
    });
    // A later version of the collection's schema (the lane's sales are past version 0): same fields, so each
    // migration step keeps the document as it is.
    const schema = { ...collections.stock_movements.schema, version: schemaVersion };
    const migrationStrategies = Object.fromEntries(
      Array.from({ length: schemaVersion }, (_, i) => [i + 1, (doc: unknown) => doc]),
    );
    await db.addCollections({
      stock_movements: { schema: schema as unknown as RxJsonSchema<unknown>, migrationStrategies },
    });
    const replication = replicateStorefloorCollection({
      collection: db.stock_movements,
      url: laneUrl,
      token: device.token,
      deviceId: device.deviceId,
      retryTime: 200,
      waitForLeadership: false,
    });
    return { db, replication };
  };
  const closeLane = async ({ db, replication }: Lane) => {
    await replication.cancel();
    await db.close();
  };
  const refusedNow = (lane: Lane) => firstValueFrom(lane.replication.refused$);
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-client-refused-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    hqDb = await openPgliteDatabase('memory://');
    port = 0;
    await startHq(MAX_DOCUMENT_BYTES);
    await admin('/api/admin/stores', { storeId: STORE, name: 'Store 1' });
  });
  afterAll(async () => {
    await hq.close();
    await hqDb.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('parks the refused documents with HQ’s reason, pushes the others, loses nothing, and keeps them parked across a restart until HQ takes them', async () => {
    const device = await enroll();
    const good = [1, 2, 3, 4, 5].map(() => movement(device.deviceId));
    const oversized = movement(device.deviceId, { reason: 'x'.repeat(199) });
    const invalid = movement(device.deviceId, { quantity: 0 }); // a sale of nothing: HQ's schema says ≥ 1
    expect(JSON.stringify({ ...good[0], _deleted: false }).length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(JSON.stringify({ ...oversized, _deleted: false }).length).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    const dir = newDir();
    const lane = await openLane(dir, url, device);
    try {
      // All in one push batch, the bad ones in the middle.
      await lane.db.stock_movements.bulkInsert([
        good[0],
        good[1],
        oversized,
        good[2],
        invalid,
        good[3],
        good[4],
      ]);
      await vi.waitFor(
        async () => {
          const at = await idsAtHq();
          for (const doc of good) if (!at.has(doc.id)) throw new Error(`${doc.id} not at HQ`);
        },
        { timeout: 20_000, interval: 100 },
      );
      await expect.poll(() => lane.replication.refused().length, { timeout: 10_000 }).toBe(2);
      const parked = new Map(lane.replication.refused().map((doc) => [doc.id, doc]));
      expect(parked.get(oversized.id)).toMatchObject({
        collection: 'stock_movements',
        status: 413,
        code: 'document-too-large',
        attempts: 1,
      } satisfies Partial<RefusedDocument>);
      expect(parked.get(oversized.id)?.detail).toMatch(/at most 450/);
      expect(parked.get(invalid.id)).toMatchObject({ status: 422, code: 'invalid-document', attempts: 1 });
      expect(parked.get(invalid.id)?.firstRefusedAt).toBeGreaterThan(0);
      const at = await idsAtHq();
      expect(at.has(oversized.id) || at.has(invalid.id)).toBe(false);
      // Nothing is lost locally.
      expect(await lane.db.stock_movements.count().exec()).toBe(7);

      // The collection is not blocked: what the lane writes next still reaches HQ.
      const later = movement(device.deviceId);
      await lane.db.stock_movements.insert(later);
      await vi.waitFor(
        async () => {
          if (!(await idsAtHq()).has(later.id)) throw new Error('the later movement is not at HQ');
        },
        { timeout: 20_000, interval: 100 },
      );

      // A new local revision of a parked document is pushed again: corrected, HQ takes it and it leaves the
      // quarantine.
      const stored = await lane.db.stock_movements.findOne(invalid.id).exec();
      await stored?.incrementalPatch({ quantity: 2 });
      await vi.waitFor(
        async () => {
          if (!(await idsAtHq()).has(invalid.id)) throw new Error('the corrected movement is not at HQ');
        },
        { timeout: 20_000, interval: 100 },
      );
      await expect
        .poll(() => lane.replication.refused().map((doc) => doc.id), { timeout: 10_000 })
        .toEqual([oversized.id]);
    } finally {
      await closeLane(lane);
    }

    // Restarted on the same folder: the oversized movement is still there, still parked with its reason.
    const reopened = await openLane(dir, url, device);
    try {
      const parked = await refusedNow(reopened);
      expect(parked.map((doc) => [doc.id, doc.code])).toEqual([[oversized.id, 'document-too-large']]);
      expect(await reopened.db.stock_movements.count().exec()).toBe(8);
      // An explicit retry while HQ still refuses it: still parked, the first refusal's time kept.
      const first = parked[0]?.firstRefusedAt;
      const again = await reopened.replication.retryRefused();
      expect(again).toMatchObject([{ id: oversized.id, code: 'document-too-large', attempts: 2 }]);
      expect(again[0]?.firstRefusedAt).toBe(first);

      // HQ is rebuilt with a larger limit (same database, same address): the retry gets it through.
      await hq.close();
      await startHq(64 * 1024);
      expect(await reopened.replication.retryRefused()).toEqual([]);
      expect((await idsAtHq()).has(oversized.id)).toBe(true);
      expect(await refusedNow(reopened)).toEqual([]);
    } finally {
      await closeLane(reopened);
      await hq.close();
      await startHq(MAX_DOCUMENT_BYTES);
    }
  }, 120_000);

  it('parks in a collection past schema version 0, and the parked list survives a schema migration', async () => {
    const device = await enroll();
    const dir = newDir();
    const good = movement(device.deviceId);
    const oversized = movement(device.deviceId, { reason: 'y'.repeat(199) });
    const lane = await openLane(dir, url, device, 1);
    try {
      await lane.db.stock_movements.bulkInsert([oversized, good]);
      await vi.waitFor(
        async () => {
          if (!(await idsAtHq()).has(good.id)) throw new Error('the good movement is not at HQ');
        },
        { timeout: 20_000, interval: 100 },
      );
      await expect
        .poll(() => lane.replication.refused().map((doc) => doc.id), { timeout: 10_000 })
        .toEqual([oversized.id]);
    } finally {
      await closeLane(lane);
    }
    // The next release migrates the collection to version 2 on the same folder.
    const migrated = await openLane(dir, url, device, 2);
    try {
      expect((await refusedNow(migrated)).map((doc) => [doc.id, doc.code])).toEqual([
        [oversized.id, 'document-too-large'],
      ]);
      // Both still in the local database (beside what the lane pulled of the store since).
      const kept = await migrated.db.stock_movements.findByIds([oversized.id, good.id]).exec();
      expect([...kept.keys()].sort()).toEqual([good.id, oversized.id].sort());
    } finally {
      await closeLane(migrated);
    }
  }, 60_000);

  it('keeps retrying a push HQ answers 503 to, parks nothing, and the documents arrive once HQ answers', async () => {
    const device = await enroll();
    // A front door that answers 503 to the first three pushes (HQ restarting behind its load balancer) and
    // passes everything else to HQ.
    let refusedPushes = 0;
    const front: Server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (request.url?.endsWith('/push') && refusedPushes < 3) {
        refusedPushes += 1;
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'internal-error', message: 'HQ restarting' } }));
        return;
      }
      const answer = await fetch(`${url}${request.url}`, {
        method: request.method ?? 'GET',
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
          ),
        ),
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain',
      });
      if (!answer.body) return void response.end();
      const reader = answer.body.getReader();
      response.on('close', () => void reader.cancel().catch(() => {}));
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) break;
        response.write(value);
      }
      response.end();
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', () => resolve()));
    const frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    const lane = await openLane(newDir(), frontUrl, device);
    const errors: string[] = [];
    lane.replication.error$.subscribe((error) => {
      const { parameters } = error as { parameters?: { errors?: { message?: string }[] } };
      errors.push(parameters?.errors?.[0]?.message ?? String(error));
    });
    try {
      const docs = [movement(device.deviceId), movement(device.deviceId)];
      await lane.db.stock_movements.bulkInsert(docs);
      await vi.waitFor(
        async () => {
          const at = await idsAtHq();
          for (const doc of docs)
            if (!at.has(doc.id)) throw new Error(`${doc.id} not at HQ; errors ${errors}`);
        },
        { timeout: 20_000, interval: 100 },
      );
      expect(refusedPushes).toBe(3);
      expect(errors.some((message) => message.includes('503 internal-error'))).toBe(true);
      expect(await refusedNow(lane)).toEqual([]);
    } finally {
      await closeLane(lane);
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
    }
  }, 60_000);
});
