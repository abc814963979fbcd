/**
 * `kill -9` of the agent process, again and again, while two lanes push: every sale and movement the agent
 * acknowledged is still there after each restart and reaches HQ, and HQ holds each exactly once.
 * The lanes retry an unacknowledged push as sync-client does (same documents, again), and now and then replay
 * one that was already acknowledged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AgentProcess, bundleAgent } from './support/agent-process.js';
import { HqServer } from './support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from './support/lane.js';
import { type Doc, movementsOf, product, sale } from './support/store-documents.js';

const STORE = 'store-0042';
const KILLS = Number(process.env.EDGE_KILLS ?? 50);

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

async function pushOnce(url: string, lane: EnrolledLane, collection: string, docs: Doc[]): Promise<boolean> {
  try {
    const response = await fetch(`${url}/sync/${collection}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lane.token}` },
      body: JSON.stringify(docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }))),
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status !== 200) return false;
    const conflicts = (await response.json()) as unknown[];
    if (conflicts.length > 0) throw new Error(`unexpected conflicts: ${JSON.stringify(conflicts)}`);
    return true;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('unexpected')) throw error;
    return false; // the agent is down or died mid-request: retry the same push
  }
}

async function pullIds(url: string, lane: EnrolledLane, collection: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let checkpoint: unknown = null;
  for (;;) {
    const response = await fetch(`${url}/sync/${collection}/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lane.token}` },
      body: JSON.stringify({ checkpoint, batchSize: 500 }),
    });
    const page = (await response.json()) as { documents: Doc[]; checkpoint: unknown };
    for (const doc of page.documents) ids.add(String(doc.id));
    if (page.documents.length < 500) return ids;
    checkpoint = page.checkpoint;
  }
}

describe('the agent killed with kill -9 in a loop', () => {
  const seed = Number(process.env.EDGE_SEED ?? Date.now() % 1_000_000);
  const random = prng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-kill-'));
  const dataDir = join(dir, 'agent');
  let bundle: string;
  let hq: HqServer;
  let agent: AgentProcess;
  let lanes: EnrolledLane[];

  beforeAll(async () => {
    bundle = await bundleAgent();
    hq = await HqServer.start(dir);
    await hq.createStore(STORE);
    await hq.writeMaster('products', [product(1), product(2)]);
    agent = await AgentProcess.start({
      bundle,
      hqUrl: hq.url,
      dataDir,
      enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
    });
    await vi.waitFor(
      async () => {
        if (!(await agent.status()).enrolled) throw new Error('agent not enrolled yet');
      },
      { timeout: 15_000, interval: 100 },
    );
    lanes = [
      await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'lane 1'),
      await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'lane 2'),
    ];
  }, 60_000);

  afterAll(async () => {
    await agent?.kill9();
    if (hq?.running) await hq.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`loses nothing acknowledged and duplicates nothing at HQ (${KILLS} kills, seed ${seed})`, async () => {
    const acknowledged = { sales: new Set<string>(), stock_movements: new Set<string>() };
    const written = { sales: new Set<string>(), stock_movements: new Set<string>() };
    const port = agent.port;
    let url = agent.url;
    let stop = false;

    const sell = async (lane: EnrolledLane): Promise<void> => {
      let sequence = 1;
      while (!stop) {
        const doc = sale({ storeId: STORE, deviceId: lane.deviceId });
        const movements = movementsOf(doc, sequence);
        sequence += movements.length;
        written.sales.add(String(doc.id));
        for (const movement of movements) written.stock_movements.add(String(movement.id));
        while (!(await pushOnce(url, lane, 'sales', [doc]))) await new Promise((r) => setTimeout(r, 20));
        acknowledged.sales.add(String(doc.id));
        while (!(await pushOnce(url, lane, 'stock_movements', movements)))
          await new Promise((r) => setTimeout(r, 20));
        for (const movement of movements) acknowledged.stock_movements.add(String(movement.id));
        // A replay of something already acknowledged: a no-op.
        if (random() < 0.1)
          while (!(await pushOnce(url, lane, 'sales', [doc]))) await new Promise((r) => setTimeout(r, 20));
      }
    };
    const selling = lanes.map((lane) => sell(lane));

    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 30 + random() * 300));
      await agent.kill9();
      // What was acknowledged before the kill must be in the replica after the restart.
      const before = {
        sales: new Set(acknowledged.sales),
        stock_movements: new Set(acknowledged.stock_movements),
      };
      agent = await AgentProcess.start({ bundle, hqUrl: hq.url, dataDir, lanPort: port });
      url = agent.url;
      for (const collection of ['sales', 'stock_movements'] as const) {
        const stored = await pullIds(url, lanes[0] as EnrolledLane, collection);
        const missing = [...before[collection]].filter((id) => !stored.has(id));
        expect(missing, `after kill ${kill + 1}: acknowledged ${collection} missing`).toEqual([]);
      }
    }
    stop = true;
    await Promise.all(selling);

    await vi.waitFor(
      async () => {
        if ((await agent.status()).pendingTotal !== 0) throw new Error('agent still has pending documents');
      },
      { timeout: 60_000, interval: 250 },
    );
    for (const collection of ['sales', 'stock_movements'] as const) {
      const atHq = (await hq.documents(collection, STORE)).map((doc) => doc.id);
      expect(new Set(atHq).size).toBe(atHq.length);
      const atAgent = await pullIds(url, lanes[0] as EnrolledLane, collection);
      const notAtHq = [...written[collection]].filter((id) => !atHq.includes(id));
      expect(
        { notAtHq, atAgent: notAtHq.filter((id) => atAgent.has(id)) },
        JSON.stringify((await agent.status()).rejected),
      ).toEqual({ notAtHq: [], atAgent: [] });
      expect(atHq.sort()).toEqual([...written[collection]].sort());
      expect(acknowledged[collection].size).toBe(written[collection].size);
    }
    expect(acknowledged.sales.size).toBeGreaterThan(KILLS);
    // About 90 s on a quiet 2-core machine; the margin is for a machine shared with other jobs.
  }, 360_000);
});
