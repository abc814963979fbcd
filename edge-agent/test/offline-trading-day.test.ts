/**
 * HQ stopped while two lanes trade through the agent: a return at lane 2 finds lane 1's sale, a sale suspended
 * at lane 1 is finished at lane 2, stock on hand at a lane counts both lanes. When HQ comes back, its own
 * reports equal what the lanes sold, to the cent, and nothing is there twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StockMovementDoc, stockOnHandByProduct } from '@storefloor/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AgentProcess, bundleAgent } from './support/agent-process.js';
import { HqServer } from './support/hq-server.js';
import { enrollThroughAgent, Lane } from './support/lane.js';
import { type Doc, movementsOf, product, sale } from './support/store-documents.js';

const STORE = 'store-0042';
const DAY = '2026-12-02';
const SALES_PER_LANE = 40;

/** A seeded PRNG (mulberry32), so a failing day can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('a trading day with HQ down', () => {
  const seed = Number(process.env.EDGE_SEED ?? Date.now() % 1_000_000);
  const random = prng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-offline-'));
  let hq: HqServer;
  let agent: AgentProcess;
  let lane1: Lane;
  let lane2: Lane;

  beforeAll(async () => {
    const bundle = await bundleAgent();
    hq = await HqServer.start(dir);
    await hq.createStore(STORE);
    await hq.writeMaster(
      'products',
      Array.from({ length: 10 }, (_, i) => product(i + 1)),
    );
    agent = await AgentProcess.start({
      bundle,
      hqUrl: hq.url,
      dataDir: join(dir, 'agent'),
      enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
    });
    await vi.waitFor(
      async () => {
        if (!(await agent.status()).enrolled) throw new Error('agent not enrolled yet');
      },
      { timeout: 15_000, interval: 100 },
    );
    lane1 = await Lane.open(await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'lane 1'));
    lane2 = await Lane.open(await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'lane 2'));
    lane1.replicate(agent.url);
    lane2.replicate(agent.url);
    await vi.waitFor(
      async () => {
        if ((await lane2.db.products.find().exec()).length !== 10) throw new Error('products not down yet');
      },
      { timeout: 20_000, interval: 100 },
    );
  }, 90_000);

  type Day = {
    pendingTotal: number;
    hq: { state: string };
    lanes: { deviceId: string }[];
    store: { sales: { count: number } };
  };
  const storeDay = async (): Promise<Day> => {
    const response = await fetch(`${agent.url}/api/day/${DAY}`, {
      headers: { authorization: `Bearer ${lane1.identity.token}` },
    });
    return (await response.json()) as Day;
  };

  afterAll(async () => {
    await lane1?.close();
    await lane2?.close();
    await agent?.stop();
    if (hq?.running) await hq.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`sells, returns and resumes across lanes, then HQ's reports equal the lanes' (seed ${seed})`, async () => {
    await hq.stop();
    const sold = new Map<string, Doc>();
    const sequences = new Map<Lane, number>([
      [lane1, 1],
      [lane2, 1],
    ]);
    const ring = async (lane: Lane, doc: Doc): Promise<Doc[]> => {
      const first = sequences.get(lane) ?? 1;
      const movements = doc.status === 'completed' ? movementsOf(doc, first) : [];
      sequences.set(lane, first + movements.length);
      await lane.sell(doc, movements);
      sold.set(String(doc.id), doc);
      return movements;
    };
    const randomLines = () =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        product: 1 + Math.floor(random() * 10),
        unitPrice: 50 + Math.floor(random() * 950),
      }));

    for (let i = 0; i < SALES_PER_LANE; i++) {
      await ring(
        lane1,
        sale({ storeId: STORE, deviceId: lane1.deviceId, lines: randomLines(), businessDay: DAY }),
      );
      await ring(
        lane2,
        sale({ storeId: STORE, deviceId: lane2.deviceId, lines: randomLines(), businessDay: DAY }),
      );
    }

    // A customer brings back at lane 2 what lane 1 sold: lane 2 finds the sale in its replica, via the agent.
    const original = sale({ storeId: STORE, deviceId: lane1.deviceId, businessDay: DAY });
    await ring(lane1, original);
    const found = await vi.waitFor(
      async () => {
        const doc = await lane2.db.sales.findOne(String(original.id)).exec();
        if (!doc) throw new Error('lane 1 sale not at lane 2 yet');
        return doc.toJSON() as Doc;
      },
      { timeout: 20_000, interval: 100 },
    );
    const returned = sale({
      storeId: STORE,
      deviceId: lane2.deviceId,
      kind: 'return',
      originalSaleId: String(found.id),
      lines: (found.lines as { productId: string; unitPrice: number }[]).map((line) => ({
        product: Number(line.productId.slice(5)),
        unitPrice: line.unitPrice,
      })),
      businessDay: DAY,
    });
    await ring(lane2, returned);

    // A basket suspended at lane 1, finished at lane 2: lane 2 rings its lines as its own sale and lane 1
    // cancels the suspended one (each lane writes only its own documents).
    const suspended = sale({ storeId: STORE, deviceId: lane1.deviceId, status: 'open', businessDay: DAY });
    await ring(lane1, suspended);
    const parked = await vi.waitFor(
      async () => {
        const doc = await lane2.db.sales.findOne(String(suspended.id)).exec();
        if (!doc) throw new Error('suspended sale not at lane 2 yet');
        return doc.toJSON() as Doc;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(parked.status).toBe('open');
    const resumed = sale({
      storeId: STORE,
      deviceId: lane2.deviceId,
      lines: (parked.lines as { productId: string; unitPrice: number }[]).map((line) => ({
        product: Number(line.productId.slice(5)),
        unitPrice: line.unitPrice,
      })),
      businessDay: DAY,
    });
    await ring(lane2, resumed);
    const cancelled = { ...suspended, status: 'cancelled', completedAt: 1_764_662_500_000 };
    await (await lane1.db.sales.findOne(String(suspended.id)).exec())?.incrementalPatch({
      status: 'cancelled',
      completedAt: 1_764_662_500_000,
    });
    sold.set(String(suspended.id), cancelled);

    await lane1.settled();
    await lane2.settled();

    // Stock on hand at lane 2 counts every lane's movements (no count yet: minus what left, plus returns).
    const expectedOnHand = new Map<string, number>();
    for (const doc of sold.values()) {
      if (doc.status !== 'completed') continue;
      for (const line of doc.lines as { productId: string; quantity: number }[]) {
        const delta = doc.kind === 'return' ? line.quantity : -line.quantity;
        expectedOnHand.set(line.productId, (expectedOnHand.get(line.productId) ?? 0) + delta);
      }
    }
    await vi.waitFor(
      async () => {
        const ledger = (await lane2.db.stock_movements.find().exec()).map(
          (doc) => doc.toJSON() as unknown as StockMovementDoc,
        );
        const onHand = new Map<string, number>();
        for (const result of stockOnHandByProduct(ledger)) {
          if (result.ok) onHand.set(result.value.productId, result.value.quantity);
        }
        expect(onHand).toEqual(expectedOnHand);
      },
      { timeout: 20_000, interval: 200 },
    );

    const dayBefore = await storeDay();
    expect(dayBefore.hq.state).toBe('unknown');
    expect(dayBefore.pendingTotal).toBeGreaterThan(0);
    expect(dayBefore.lanes.map((lane) => lane.deviceId).sort()).toEqual(
      [lane1.deviceId, lane2.deviceId].sort(),
    );
    expect(dayBefore.store.sales.count).toBe(sold.size);

    const offline = await agent.status();
    expect(offline.hq).toMatchObject({ connected: false });
    expect(offline.pendingTotal).toBeGreaterThan(0);

    await hq.start();
    await vi.waitFor(
      async () => {
        if ((await agent.status()).pendingTotal !== 0) throw new Error('agent still has pending documents');
      },
      { timeout: 60_000, interval: 250 },
    );

    // Day-end: HQ confirms the day by the same count and digest the agent computes over its replica.
    await vi.waitFor(
      async () => {
        const day = await storeDay();
        expect(day).toMatchObject({ pendingTotal: 0, hq: { state: 'confirmed' }, complete: true });
      },
      { timeout: 20_000, interval: 250 },
    );

    const atHq = await hq.documents('sales', STORE);
    expect(atHq.map((doc) => doc.id).sort()).toEqual([...sold.keys()].sort());
    for (const doc of atHq) expect(doc.data.status).toBe(sold.get(doc.id)?.status);
    const movementsAtHq = await hq.documents('stock_movements', STORE);
    const expectedMovements = [...sold.values()]
      .filter((doc) => doc.status === 'completed')
      .reduce((sum, doc) => sum + (doc.lines as unknown[]).length, 0);
    expect(movementsAtHq).toHaveLength(expectedMovements);

    const completed = [...sold.values()].filter((doc) => doc.status === 'completed');
    const total = (kind: string) =>
      completed
        .filter((doc) => doc.kind === kind)
        .reduce((sum, doc) => sum + (doc.totals as { total: number }).total, 0);
    const report = await hq.admin<{
      days: {
        sales: { count: number; total: number };
        returns: { count: number; total: number };
        net: { total: number };
      }[];
    }>('GET', `/api/admin/reports/sales?from=${DAY}&to=${DAY}&storeId=${STORE}`);
    expect(report.days).toHaveLength(1);
    expect(report.days[0]?.sales).toMatchObject({
      count: completed.filter((doc) => doc.kind === 'sale').length,
      total: total('sale'),
    });
    expect(report.days[0]?.returns).toMatchObject({ count: 1, total: total('return') });
    expect(report.days[0]?.net.total).toBe(total('sale') - total('return'));
  });
});
