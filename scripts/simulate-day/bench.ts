/**
 * The long form of the trading day (`npm run bench:simulate-day`, part of `npm run bench`): 10,000 sales over
 * two lanes, first with no faults (the baseline, same seed, same shoppers), then under faults spread over the
 * day with minutes-long outages of both links and kills of the agent, the lanes and everything at once.
 * Writes bench/results/simulate-day.json: how long the store took to converge after the last fault (goal
 * ≤ 60 s) and the sales per minute it sustained, each beside the baseline.
 *
 * SIMDAY_BENCH_SALES (10000, over all lanes), SIMDAY_BENCH_LANES (2), SIMDAY_BENCH_PRODUCTS (5000),
 * SIMDAY_BENCH_MEMBERS (1000), SIMDAY_BENCH_SHOPPER_MS (the simulated terminal's default tap, 20 ms, so the
 * figures stay comparable with earlier runs), SIMDAY_SEED.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeResults } from '../../bench/merge-results.js';
import { formatReconciliation } from './reconcile.js';
import { runTradingDay, type TradingDayResult } from './run-day.js';

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const lanes = num('SIMDAY_BENCH_LANES', 2);
const totalSales = num('SIMDAY_BENCH_SALES', 10_000);
const salesPerLane = Math.ceil(totalSales / lanes);
const productCount = num('SIMDAY_BENCH_PRODUCTS', 5_000);
const memberCount = num('SIMDAY_BENCH_MEMBERS', 1_000);
const seed = num('SIMDAY_SEED', 20_261_202);
const shopperDelayMs = env.SIMDAY_BENCH_SHOPPER_MS ? Number(env.SIMDAY_BENCH_SHOPPER_MS) : undefined;
const quiet = (line: string) => {
  if (/\[fault\]|\[simulate-day\]|crashed|exited/.test(line)) process.stdout.write(`${line}\n`);
};

async function day(
  name: string,
  faults: Parameters<typeof runTradingDay>[0]['faults'],
): Promise<TradingDayResult> {
  const dir = mkdtempSync(join(tmpdir(), `storefloor-simulate-day-bench-${name}-`));
  try {
    process.stdout.write(`\n== ${name}: ${lanes} lanes × ${salesPerLane} sales ==\n`);
    const result = await runTradingDay({
      dir,
      seed,
      lanes,
      salesPerLane,
      productCount,
      memberCount,
      ...(shopperDelayMs === undefined ? {} : { shopperDelayMs }),
      faults,
      convergeTimeoutMs: 300_000,
      log: quiet,
    });
    process.stdout.write(
      `${formatReconciliation(result.reconciliation)}\n${JSON.stringify(result.figures)}\n`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const baseline = await day('baseline (no faults)', false);
// The faults are spread over the time the same day took without them; outages last up to a fifth of it.
const spanMs = Math.max(30_000, baseline.figures.sellingMs);
const faulted = await day('under faults', {
  spanMs,
  linkFaults: 12,
  kills: 8,
  maxOutageMs: Math.min(180_000, Math.max(10_000, Math.floor(spanMs / 5))),
  killEverything: true,
});

const converge = faulted.figures.convergeAfterLastFaultMs;
const path = mergeResults('simulate-day.json', {
  machine: env.BENCH_MACHINE ?? 'shared 2-core VM',
  measuredAt: new Date().toISOString(),
  seed,
  lanes,
  sales: totalSales,
  products: productCount,
  members: memberCount,
  how: 'two lanes as processes (storage-sqlite replica, sync-client to the agent through a fault proxy, receipts on hardware-sim printers, cards on its terminals), the agent behind a second fault proxy to HQ on PGlite; the baseline is the same seed with no faults',
  reconciled: { underFaults: faulted.reconciliation.ok, baseline: baseline.reconciliation.ok },
  faults: {
    linkFaults: faulted.figures.linkFaults,
    kills: faulted.figures.kills,
    laneRestarts: faulted.figures.laneRestarts,
    agentRestarts: faulted.figures.agentRestarts,
    conflictsKept: faulted.figures.conflictsKept,
    longestOutageMs: Math.max(
      0,
      ...faulted.schedule.map((e) => (e.kind === 'link' && e.faults.outage ? e.durationMs : 0)),
    ),
    proxies: faulted.figures.proxies,
  },
  convergeAfterLastFault: {
    how: 'from the end of the last fault (link healed, victims restarted) or the last sale, whichever is later, until the reconciliation is clean; baseline: from the last sale of the day with no faults. The faults are spread over the baseline day, so when the faulted lanes finish early the store has caught up before the last fault ends and the figure is small',
    ms: converge,
    baseline: { ms: baseline.figures.convergeAfterLastFaultMs },
    goal: { ms: 60_000 },
    meetsGoal: converge !== null && converge <= 60_000 && faulted.reconciliation.ok,
  },
  salesPerMinute: {
    how: 'completed sales over the time from every lane holding the catalog to every lane done (restarts and outages included)',
    underFaults: faulted.figures.salesPerMinute,
    baseline: { salesPerMinute: baseline.figures.salesPerMinute },
    ratioToBaseline:
      Math.round((faulted.figures.salesPerMinute / baseline.figures.salesPerMinute) * 100) / 100,
    sellingMs: { underFaults: faulted.figures.sellingMs, baseline: baseline.figures.sellingMs },
  },
});
process.stdout.write(`\nwritten to ${path}\n`);
process.exit(faulted.reconciliation.ok && baseline.reconciliation.ok ? 0 : 1);
