/**
 * A lane killed while it pulls another device's document must not stop pushing its own (the simulate-day
 * stall of seed 972879). RxDB commits a pulled document to the collection and then, in a second write, the
 * replication state that says it came from the upstream. A `kill -9` between the two leaves the document
 * looking like a local write: on restart RxDB pushes it back, the upstream refuses the whole push (a lane
 * writes only documents carrying its own deviceId) and RxDB retries that same push forever, so nothing the lane
 * writes in that collection ever leaves it. Real parts: HQ (sync-server on PGlite) on a socket, the lane on
 * storage-sqlite in a real process killed with SIGKILL at that moment, then restarted on the same folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collections } from '@storefloor/core';
import { getRxStorageSQLite } from '@storefloor/rxdb-storage-sqlite';
import { buildServer, type Database, openPgliteDatabase } from '@storefloor/sync-server';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { replicateStorefloorCollection } from '../src/index.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

const ADMIN = 'sync-client-test-admin-token';
const STORE = 'store-1';

describe('a lane killed between the two writes of a pulled document', () => {
  let hqDb: Database;
  let hq: Awaited<ReturnType<typeof buildServer>>;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'sync-client-killed-mid-pull-'));

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
  const movement = (id: string, deviceId: string) => ({
    id,
    storeId: STORE,
    productId: 'prod-milk-1l',
    kind: 'sale',
    quantity: 1,
    unit: 'unit',
    deviceId,
    deviceSequence: 1,
    sourceId: '',
    reason: '',
    employeeId: 'emp-1',
    occurredAt: Date.now(),
  });
  const atHq = async (id: string) =>
    (
      await hqDb.query<{ data: { id: string } }>(
        "SELECT data FROM documents WHERE collection = 'stock_movements'",
      )
    ).rows.some((row) => row.data.id === id);

  beforeAll(async () => {
    hqDb = await openPgliteDatabase('memory://');
    hq = await buildServer({ db: hqDb, adminToken: ADMIN, logger: false });
    await hq.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hq.server.address() as AddressInfo).port}`;
    await admin('/api/admin/stores', { storeId: STORE, name: 'Store 1' });
  });
  afterAll(async () => {
    await hq.close();
    await hqDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes what the lane writes after its restart, and never pushes the other lane’s document', async () => {
    const [laneA, laneB] = [await enroll(), await enroll()];
    // Lane B's movement is at HQ: lane A pulls it (same store).
    const pushed = await fetch(`${url}/sync/stock_movements/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${laneB.token}` },
      body: JSON.stringify([
        {
          newDocumentState: {
            ...movement('0190f5c2-0000-7000-8000-00000000000b', laneB.deviceId),
            _deleted: false,
          },
        },
      ]),
    });
    expect(pushed.status).toBe(200);

    // Lane A, a real process, sells (its movement on the way up) and dies by SIGKILL between committing lane
    // B's document and its replication state.
    const sold = '0190f5c2-0000-7000-8000-0000000000a1';
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'support', 'lane-killed-mid-pull.ts')],
      {
        env: {
          ...process.env,
          LANE_DIR: dir,
          LANE_URL: url,
          LANE_TOKEN: laneA.token,
          LANE_OWN: JSON.stringify(movement(sold, laneA.deviceId)),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exit = await new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
    );
    expect(exit, stderr).toBe('SIGKILL');

    // Restarted on the same folder, lane A sells: its movement must reach HQ.
    const db: RxDatabase<{ stock_movements: RxCollection }> = await createRxDatabase({
      name: 'lane-replica',
      storage: getRxStorageSQLite({ directory: dir }),
      multiInstance: false,
    });
    await db.addCollections({
      stock_movements: { schema: collections.stock_movements.schema as unknown as RxJsonSchema<unknown> },
    });
    const errors: string[] = [];
    const replication = replicateStorefloorCollection({
      collection: db.stock_movements,
      url,
      token: laneA.token,
      deviceId: laneA.deviceId,
      retryTime: 200,
      waitForLeadership: false,
    });
    replication.error$.subscribe((error) => {
      const { parameters } = error as { parameters?: { errors?: { message?: string }[] } };
      errors.push(parameters?.errors?.[0]?.message ?? String(error));
    });
    try {
      const own = '0190f5c2-0000-7000-8000-0000000000a2';
      await db.stock_movements.insert(movement(own, laneA.deviceId));
      await vi.waitFor(
        async () => {
          if (!((await atHq(sold)) && (await atHq(own))))
            throw new Error(`lane A's movements not at HQ; push errors: ${[...new Set(errors)].join(' | ')}`);
        },
        { timeout: 20_000, interval: 250 },
      );
      expect(errors.filter((e) => e.includes('device-forbidden'))).toEqual([]);
      // The other lane's document is still in lane A's replica, as pulled.
      expect(await db.stock_movements.count().exec()).toBe(3);
    } finally {
      await replication.cancel();
      await db.close();
    }
  }, 90_000);
});
