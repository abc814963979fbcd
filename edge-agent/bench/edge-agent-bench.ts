/**
 * `npm run bench -w @storefloor/edge-agent` → bench/results/edge-agent.json. A real HQ (sync-server's
 * buildServer on PGlite) in this process, the agent as its own process (bundled as the tests do), lanes played
 * by plain HTTP clients of the sync endpoints (the requests @storefloor/sync-client makes). Every figure sits
 * beside a baseline measured in the same run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeResults } from '../../bench/merge-results.js';
import { AgentProcess, bundleAgent } from '../test/support/agent-process.js';
import { HqServer } from '../test/support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from '../test/support/lane.js';
import { type Doc, movementsOf, product, sale } from '../test/support/store-documents.js';

const STORE = 'store-bench';
const DIRECT_STORE = 'store-direct';
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 100);
const CATCH_UP_SALES = Number(process.env.BENCH_CATCH_UP_SALES ?? 10_000);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const LANES = Number(process.env.BENCH_LANES ?? 20);
const BATCH = 500;
/** `BENCH_SECTIONS=memory` (comma-separated: latency, catch-up, memory) runs only those. */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'latency,catch-up,memory').split(','));

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;

async function push(url: string, token: string, collection: string, docs: Doc[]): Promise<void> {
  const response = await fetch(`${url}/sync/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(
      docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
    ),
  });
  if (response.status !== 200)
    throw new Error(`push ${collection}: ${response.status} ${await response.text()}`);
}

async function enrollAtHq(hq: HqServer, storeId: string): Promise<EnrolledLane> {
  const code = await hq.enrollmentCode(storeId);
  const response = await fetch(`${hq.url}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return (await response.json()) as EnrolledLane;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('bench: condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-bench-'));
  const bundle = await bundleAgent();
  const hq = await HqServer.start(dir);
  await hq.createStore(STORE);
  await hq.createStore(DIRECT_STORE);
  await hq.writeMaster('products', [product(1), product(2)]);
  let agent = await AgentProcess.start({
    bundle,
    hqUrl: hq.url,
    dataDir: join(dir, 'agent'),
    enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
  });
  await waitFor(async () => (await agent.status()).enrolled, 15_000);
  const lane = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'bench lane');
  const directLane = await enrollAtHq(hq, DIRECT_STORE);
  const idleRssMb = rssMb(agent.child.pid as number);
  const results: Record<string, unknown> = {
    machine: 'shared 2-core VM',
    measuredAt: new Date().toISOString(),
  };

  // 1. A sale at the lane → stored at HQ through the agent, beside the same sale pushed straight to HQ.
  if (SECTIONS.has('latency')) {
    const viaAgent: number[] = [];
    const direct: number[] = [];
    const storedAtHq = async (storeId: string, id: string) =>
      (await hq.documents('sales', storeId)).some((doc) => doc.id === id);
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const doc = sale({ storeId: STORE, deviceId: lane.deviceId });
      const started = performance.now();
      await push(agent.url, lane.token, 'sales', [doc]);
      await waitFor(() => storedAtHq(STORE, String(doc.id)), 10_000, 2);
      viaAgent.push(performance.now() - started);
      const same = sale({ storeId: DIRECT_STORE, deviceId: directLane.deviceId });
      const directStart = performance.now();
      await push(hq.url, directLane.token, 'sales', [same]);
      direct.push(performance.now() - directStart);
    }
    const p99 = percentile(viaAgent, 99);
    results.saleToHq = {
      samples: LATENCY_SAMPLES,
      how: 'lane push to the agent, then HQ polled every 2 ms until the sale is stored; baseline: the push straight to HQ (stored when answered)',
      viaAgentMs: { p50: round(percentile(viaAgent, 50)), p99: round(p99) },
      baseline: { directMs: { p50: round(percentile(direct, 50)), p99: round(percentile(direct, 99)) } },
      goal: { p99Ms: 2_000 },
      meetsGoal: p99 <= 2_000,
    };
    process.stdout.write(`saleToHq ${JSON.stringify(results.saleToHq)}\n`);
  }

  // 2. Catch-up: sales with lines and movements queued at the agent while HQ is down, pushed when it returns.
  if (SECTIONS.has('catch-up')) {
    await hq.stop();
    const sales: Doc[] = [];
    const movements: Doc[] = [];
    let sequence = 1;
    for (let i = 0; i < CATCH_UP_SALES; i++) {
      const doc = sale({ storeId: STORE, deviceId: lane.deviceId });
      sales.push(doc);
      const lines = movementsOf(doc, sequence);
      sequence += lines.length;
      movements.push(...lines);
    }
    for (let i = 0; i < sales.length; i += BATCH)
      await push(agent.url, lane.token, 'sales', sales.slice(i, i + BATCH));
    for (let i = 0; i < movements.length; i += BATCH) {
      await push(agent.url, lane.token, 'stock_movements', movements.slice(i, i + BATCH));
    }
    const queued = (await agent.status()).pendingTotal;
    await hq.start();
    const started = performance.now();
    await waitFor(async () => (await agent.status()).pendingTotal === 0, 300_000, 50);
    const catchUpMs = performance.now() - started;

    // Baseline: the same number of documents of the same shape pushed by a lane straight to HQ.
    const directSales: Doc[] = [];
    const directMovements: Doc[] = [];
    sequence = 1;
    for (let i = 0; i < CATCH_UP_SALES; i++) {
      const doc = sale({ storeId: DIRECT_STORE, deviceId: directLane.deviceId });
      directSales.push(doc);
      const lines = movementsOf(doc, sequence);
      sequence += lines.length;
      directMovements.push(...lines);
    }
    const directStart = performance.now();
    for (let i = 0; i < directSales.length; i += BATCH) {
      await push(hq.url, directLane.token, 'sales', directSales.slice(i, i + BATCH));
    }
    for (let i = 0; i < directMovements.length; i += BATCH) {
      await push(hq.url, directLane.token, 'stock_movements', directMovements.slice(i, i + BATCH));
    }
    const directMs = performance.now() - directStart;
    results.catchUp = {
      sales: CATCH_UP_SALES,
      documents: queued,
      how: 'from HQ listening again (same port and data) with the documents queued at the agent until the agent has nothing pending: noticing HQ is back (its next retry or stream reconnect) plus the pushes',
      catchUpMs: round(catchUpMs),
      baseline: { directPushMs: round(directMs) },
      ratioToBaseline: round(catchUpMs / directMs),
      goal: { ms: 20_000, ratioToBaseline: 2 },
      meetsGoal: catchUpMs <= 20_000 && catchUpMs / directMs <= 2,
    };
    process.stdout.write(`catchUp ${JSON.stringify(results.catchUp)}\n`);
  }

  // 3. Resident memory of the agent with PRODUCTS products and LANES lanes replicating.
  if (SECTIONS.has('memory')) {
    await agent.stop();
    agent = await AgentProcess.start({ bundle, hqUrl: hq.url, dataDir: join(dir, 'agent') });
    const baselineRssMb = rssMb(agent.child.pid as number);
    const products = Array.from({ length: PRODUCTS }, (_, i) => product(i + 1000));
    for (let i = 0; i < products.length; i += 10_000)
      await hq.writeMaster('products', products.slice(i, i + 10_000));
    let peak = rssMb(agent.child.pid as number);
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(agent.child.pid as number));
    }, 100);
    const pullStart = performance.now();
    const countAt = async (token: string): Promise<number> => {
      let checkpoint: unknown = null;
      let count = 0;
      for (;;) {
        const response = await fetch(`${agent.url}/sync/products/pull`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ checkpoint, batchSize: BATCH }),
        });
        const page = (await response.json()) as { documents: unknown[]; checkpoint: unknown };
        count += page.documents.length;
        if (page.documents.length < BATCH) return count;
        checkpoint = page.checkpoint;
      }
    };
    await waitFor(async () => (await countAt(lane.token)) >= PRODUCTS, 600_000, 1_000);
    const agentPullMs = performance.now() - pullStart;
    const rssAfterHqPullMb = rssMb(agent.child.pid as number);
    const peakDuringHqPullMb = peak;
    const lanes: EnrolledLane[] = [];
    for (let i = 0; i < LANES; i++)
      lanes.push(await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), `lane ${i}`));
    const streams = lanes.map((l) => {
      const controller = new AbortController();
      void fetch(`${agent.url}/sync/products/stream`, {
        headers: { authorization: `Bearer ${l.token}` },
        signal: controller.signal,
      }).then(
        (response) => response.body?.cancel(),
        () => undefined,
      );
      return controller;
    });
    const lanesStart = performance.now();
    const pulled = await Promise.all(lanes.map((l) => countAt(l.token)));
    const lanesPullMs = performance.now() - lanesStart;
    clearInterval(sampler);
    const afterMb = rssMb(agent.child.pid as number);
    for (const stream of streams) stream.abort();
    results.memory = {
      products: PRODUCTS,
      lanes: LANES,
      how: 'VmRSS of the agent process sampled every 100 ms while it pulled the products from HQ and then while every lane pulled all of them from it (each with a live stream open)',
      peakRssMb: peak,
      peakWhileAgentPulledFromHqMb: peakDuringHqPullMb,
      rssAfterHqPullMb,
      rssAfterMb: afterMb,
      agentPullFromHqMs: round(agentPullMs),
      lanesFullPullMs: round(lanesPullMs),
      everyLaneGotAll: pulled.every((count) => count >= PRODUCTS),
      baseline: { emptyAgentRssMb: baselineRssMb, idleAfterEnrollRssMb: idleRssMb },
      goal: { rssMb: 400 },
      meetsGoal: peak <= 400,
    };
    process.stdout.write(`memory ${JSON.stringify(results.memory)}\n`);
  }

  await agent.stop();
  await hq.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundle, { force: true });
  const file = mergeResults('edge-agent.json', results);
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`edge-agent bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
