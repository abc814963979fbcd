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

async function ports() {
  return {
    syncPort: await freePort(),
    simPort: await freePort(),
    edgePort: await freePort(),
    posPort: await freePort(),
  };
}

/** A lane enrolls at the edge agent (which relays to HQ) and pulls one collection from the agent. */
async function enrollAndPull(store: RunningVirtualStore, collection: string) {
  const enrolled = await fetch(`${store.edgeUrl}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: store.laneEnrollmentCode, label: 'lane-1' }),
  });
  expect(enrolled.status).toBe(201);
  const { token, storeId } = (await enrolled.json()) as { token: string; storeId: string };
  expect(storeId).toBe('store-001');
  // Every document of the collection, page by page from the agent's own checkpoints.
  const pull = async () => {
    const documents: Record<string, unknown>[] = [];
    let checkpoint: unknown = null;
    for (;;) {
      const response = await fetch(`${store.edgeUrl}/sync/${collection}/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ checkpoint, batchSize: 200 }),
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { documents: Record<string, unknown>[]; checkpoint: unknown };
      documents.push(...page.documents);
      if (page.documents.length < 200) return documents;
      checkpoint = page.checkpoint;
    }
  };
  return pull;
}

describe('npm start: the virtual store', () => {
  const running: RunningVirtualStore[] = [];
  let dataDir = '';
  const output: string[] = [];

  afterAll(async () => {
    await Promise.all(running.map((store) => store.stop()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts HQ, the edge agent, the simulated devices and the POS lane, seeds the demo supermarket, and a lane pulls it through the agent', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'storefloor-virtual-store-'));
    const store = await startVirtualStore({
      dataDir,
      ...(await ports()),
      productCount: 300,
      log: (line) => output.push(line),
    });
    running.push(store);
    if (store.seeded === 'already-seeded') throw new Error('a fresh data folder must be seeded');
    expect(store.seeded.products.written).toBeGreaterThanOrEqual(300);
    expect(store.seeded.taxRates.written).toBeGreaterThan(0);

    const health = (await (await fetch(`${store.syncUrl}/healthz`)).json()) as { database: string };
    expect(health.database).toBe('pglite');
    const { devices } = (await (await fetch(`${store.simUrl}/devices`)).json()) as {
      devices: { kind: string }[];
    };
    for (const kind of ['scanner', 'scale', 'printer', 'payment-terminal', 'shelf-labels']) {
      expect(devices.some((device) => device.kind === kind)).toBe(true);
    }
    const page = await fetch(`${store.laneUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root"/);

    // The agent pulls master data from HQ by itself; a lane then finds it at the agent, tax rates included.
    const pull = await enrollAndPull(store, 'products');
    await expect
      .poll(async () => (await pull()).length, { timeout: 60_000 })
      .toBe(store.seeded.products.written);
    const products = await pull();
    expect(products.every((product) => Array.isArray(product.gtins))).toBe(true);
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    await running.pop()?.stop();
    const store = await startVirtualStore({
      dataDir,
      ...(await ports()),
      productCount: 300,
      log: (line) => output.push(line),
    });
    running.push(store);
    expect(store.seeded).toBe('already-seeded');
    const report = await fetch(`${store.syncUrl}/api/admin/reports/stock?storeId=${store.state.storeId}`, {
      headers: { authorization: `Bearer ${store.state.adminToken}` },
    });
    expect(report.status).toBe(200);
    const pull = await enrollAndPull(store, 'tax_rates');
    await expect.poll(async () => (await pull()).length, { timeout: 60_000 }).toBeGreaterThan(0);
  });
});
