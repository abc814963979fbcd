import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningVirtualStore, startVirtualStore } from './virtual-store.js';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('npm start: the virtual store', () => {
  const running: RunningVirtualStore[] = [];
  let dataDir = '';
  const output: string[] = [];

  afterAll(async () => {
    await Promise.all(running.map((store) => store.stop()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts HQ and the simulated devices, seeds the demo catalog, and a lane can enroll and pull it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'storefloor-virtual-store-'));
    const store = await startVirtualStore({
      dataDir,
      syncPort: await freePort(),
      simPort: await freePort(),
      log: (line) => output.push(line),
    });
    running.push(store);
    expect(store.seeded).toEqual({ products: 28, prices: 28, promotions: 4 });

    const health = (await (await fetch(`${store.syncUrl}/healthz`)).json()) as { database: string };
    expect(health.database).toBe('pglite');

    const { devices } = (await (await fetch(`${store.simUrl}/devices`)).json()) as {
      devices: { kind: string }[];
    };
    for (const kind of ['scanner', 'scale', 'printer', 'payment-terminal', 'shelf-labels']) {
      expect(devices.some((device) => device.kind === kind)).toBe(true);
    }

    const enrolled = await fetch(`${store.syncUrl}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: store.laneEnrollmentCode }),
    });
    expect(enrolled.status).toBe(201);
    const { token, storeId } = (await enrolled.json()) as { token: string; storeId: string };
    expect(storeId).toBe('store-001');

    const pulled = await fetch(`${store.syncUrl}/sync/products/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ checkpoint: null, batchSize: 100 }),
    });
    expect(pulled.status).toBe(200);
    const { documents } = (await pulled.json()) as { documents: { name: string; gtins: string[] }[] };
    expect(documents).toHaveLength(28);
    expect(documents.find((product) => product.name === 'Whole milk 1 l')?.gtins[0]).toMatch(/^\d{13}$/);
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    await running.pop()?.stop();
    const store = await startVirtualStore({
      dataDir,
      syncPort: await freePort(),
      simPort: await freePort(),
      log: (line) => output.push(line),
    });
    running.push(store);
    expect(store.seeded).toBe('already-seeded');
    // The admin token from the first start still unlocks HQ, and the seeded prices are still there.
    const report = await fetch(`${store.syncUrl}/api/admin/reports/stock?storeId=${store.state.storeId}`, {
      headers: { authorization: `Bearer ${store.state.adminToken}` },
    });
    expect(report.status).toBe(200);
    const enrolled = await fetch(`${store.syncUrl}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: store.laneEnrollmentCode }),
    });
    const { token } = (await enrolled.json()) as { token: string };
    const pulled = await fetch(`${store.syncUrl}/sync/prices/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ checkpoint: null, batchSize: 100 }),
    });
    const { documents } = (await pulled.json()) as { documents: { amount: number }[] };
    expect(documents).toHaveLength(28);
    expect(documents.every((price) => Number.isInteger(price.amount) && price.amount > 0)).toBe(true);
  });
});
