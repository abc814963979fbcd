import { performance } from 'node:perf_hooks';
import { createIdGenerator, type SaleDoc, validateDocument } from '@storefloor/core';
import type { Page } from 'playwright-core';
import { mergeResults } from '../../bench/merge-results.js';
import { sale as saleFixture } from '../../edge-agent/test/support/store-documents.js';
import { dashboardFigures } from '../src/renderer/screens/manager/dashboard-figures.js';
import { BUSINESS_DAY, MANAGER_PIN, startManagerWorld, type TillLane } from '../test/manager-harness.js';

/**
 * `npm run bench -w @storefloor/pos-app` (fourth part) → bench/results/pos-app.json `dashboardFirstRender`.
 * The manager dashboard's first render with a trading day of SALES sales in the store replica (RxDB on Dexie
 * over IndexedDB in Chromium, the real page): sales are written at a lane (sync-client replication, as tills
 * do) and reach the manager's replica through the real edge agent; then the page is reloaded and the manager
 * signs in. Measured in the page from the click on "Sign in" (PIN check included) to the KPI showing the
 * day's sale count, every chart's canvas drawn, and the next frame. Baselines in the same run: the same page
 * with BASELINE_SALES sales (measured before the rest are added), and core-side `dashboardFigures` of the
 * SALES sales in Node. POS_BENCH_DASHBOARD_TRACE=1 prints the page's User Timing marks of each run.
 */
const SALES = Number(process.env.POS_BENCH_DASHBOARD_SALES ?? 10_000);
const BASELINE_SALES = 100;
const RUNS = Number(process.env.POS_BENCH_DASHBOARD_RUNS ?? 3);
const GOAL_MS = 1000;

const newId = createIdGenerator();
const round = (x: number) => Math.round(x * 1000) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Sale `i` of the day: 1–6 lines of 40 products, card or cash, completed across the trading hours. */
function daySale(till: TillLane, i: number, dayStart: number): Record<string, unknown> {
  const lines = Array.from({ length: 1 + (i % 6) }, (_, k) => ({
    product: 1 + ((i * 7 + k * 13) % 40),
    unitPrice: 99 + ((i * 31 + k * 17) % 900),
  }));
  const base = saleFixture({
    storeId: till.identity.storeId,
    deviceId: till.deviceId,
    id: newId(),
    lines,
    businessDay: BUSINESS_DAY,
  });
  const due = (base.totals as { due: number }).due;
  const cash = i % 3 === 0;
  const paid = cash ? Math.ceil(due / 1000) * 1000 : due;
  // 07:00–21:59 UTC of the business day (the harness's store is on UTC, day starting at midnight).
  const at = dayStart + 7 * 3_600_000 + ((i * 9_973_331) % (15 * 3_600_000));
  const doc = {
    ...base,
    shiftId: till.shift!.id,
    cashierId: till.shift!.cashierId,
    openedAt: at - 60_000,
    completedAt: at,
    tenders: [
      { id: 't1', kind: cash ? 'cash' : 'card', amount: paid, ...(cash ? {} : { reference: `a${i}` }) },
    ],
    totals: { ...(base.totals as object), paid, change: paid - due },
  };
  const valid = validateDocument('sales', doc);
  if (!valid.ok) throw new Error(`${valid.reason} ${valid.detail ?? ''}`);
  return doc;
}

type PageGlobals = {
  document: {
    querySelector(s: string): { textContent: string | null } | null;
    querySelectorAll(s: string): ArrayLike<{ width: number; textContent: string | null; click(): void }>;
  };
  performance: {
    now(): number;
    mark(name: string, o?: unknown): void;
    measure(name: string, from: string, to: string): { duration: number };
  };
  requestAnimationFrame(f: () => void): void;
};

/** Whether the dashboard shows `count` sales and its three charts are drawn (runs in the page, every frame). */
const painted = (count: number) => {
  const g = globalThis as unknown as PageGlobals;
  const canvases = Array.from(g.document.querySelectorAll('[data-testid="dashboard"] canvas'));
  return (
    g.document.querySelector('[data-testid="kpi-sales"]')?.textContent === String(count) &&
    canvases.length >= 3 &&
    canvases.every((c) => c.width > 0)
  );
};

/** Reloads the manager's page, signs in, and measures sign-in click → KPIs and charts painted (in the page). */
async function measureFirstRender(
  page: Page,
  expected: number,
): Promise<{ signInMs: number; loadMs: number; reloadToPaintedMs: number }> {
  const t0 = performance.now();
  await page.reload();
  await page.getByRole('button', { name: 'Mia Manager' }).waitFor({ timeout: 120_000 });
  const loadMs = performance.now() - t0;
  await page.locator('.status-bar select').selectOption('en');
  await page.getByRole('button', { name: 'Mia Manager' }).click();
  await page.getByLabel('PIN').fill(MANAGER_PIN);
  // In the page's clock: the click, then every frame until the figures are there, then the next frame.
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const submit = Array.from(g.document.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Sign in',
    );
    if (!submit) throw new Error('no Sign in button');
    g.performance.mark('manager-sign-in');
    submit.click();
  });
  await page.waitForFunction(painted, expected, { polling: 'raf', timeout: 60_000 });
  const signInMs = await page.evaluate(
    (count) =>
      new Promise<number>((resolve) =>
        (globalThis as unknown as PageGlobals).requestAnimationFrame(() => {
          const p = (globalThis as unknown as PageGlobals).performance;
          p.mark('manager-dashboard-painted', { detail: { count } });
          resolve(
            p.measure('manager-dashboard-first-render', 'manager-sign-in', 'manager-dashboard-painted')
              .duration,
          );
        }),
      ),
    expected,
  );
  if (process.env.POS_BENCH_DASHBOARD_TRACE)
    console.log(
      await page.evaluate(() =>
        JSON.stringify(
          (
            globalThis as unknown as {
              performance: {
                getEntriesByType(t: string): { name: string; startTime: number; detail?: unknown }[];
              };
            }
          ).performance
            .getEntriesByType('mark')
            .map((m) => [m.name, Math.round(m.startTime), m.detail]),
        ),
      ),
    );
  return { signInMs, loadMs, reloadToPaintedMs: performance.now() - t0 };
}

async function main() {
  const world = await startManagerWorld();
  try {
    const page = await world.browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('pageerror', (e) => console.error('[page error]', e));
    await page.goto(world.manager.url);
    await page.getByLabel('注册码').fill(await world.laneCode());
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByRole('button', { name: 'Mia Manager' }).waitFor({ timeout: 60_000 });

    const till = await world.till('lane 1');
    await till.openShift('emp-ana', 10_000);
    const dayStart = Date.parse(`${BUSINESS_DAY}T00:00:00Z`);
    const docs = Array.from({ length: SALES }, (_, i) => daySale(till, i, dayStart));
    const seed = async (from: number, to: number) => {
      const t0 = performance.now();
      for (let i = from; i < to; i += 1000)
        await till.db.sales.bulkInsert(docs.slice(i, Math.min(to, i + 1000)));
      await till.settled();
      return performance.now() - t0;
    };

    await seed(0, BASELINE_SALES);
    await measureFirstRender(page, BASELINE_SALES);
    const small: Awaited<ReturnType<typeof measureFirstRender>>[] = [];
    for (let r = 0; r < RUNS; r++) small.push(await measureFirstRender(page, BASELINE_SALES));

    const seedMs = await seed(BASELINE_SALES, SALES);
    const full: Awaited<ReturnType<typeof measureFirstRender>>[] = [];
    // The first reload also pulls the sales the manager's replica has not had yet; later ones find them there.
    await measureFirstRender(page, SALES);
    for (let r = 0; r < RUNS; r++) full.push(await measureFirstRender(page, SALES));

    const node: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const figures = dashboardFigures(docs as unknown as SaleDoc[], { timeZone: 'UTC' });
      node.push(performance.now() - t0);
      if (figures.saleCount !== SALES) throw new Error(`core counted ${figures.saleCount}`);
    }
    const fullMs = median(full.map((x) => x.signInMs));
    const result = {
      dashboardFirstRender: {
        description:
          "manager page (Chromium, RxDB on Dexie/IndexedDB), sales of one trading day replicated through the real edge agent: click on 'Sign in' (PIN check included) → KPI shows the day's sale count, 3 ECharts canvases drawn, next frame; median of runs, each after a page reload. The day's sales are read in one IndexedDB getAll (started when the sign-in screen shows) for the first paint, then RxDB's live query takes over",
        sales: SALES,
        runs: RUNS,
        medianMs: round(fullMs),
        runsMs: full.map((x) => round(x.signInMs)),
        goal: { ms: GOAL_MS },
        meetsGoal: fullMs <= GOAL_MS,
        reloadToSignInScreenMs: round(median(full.map((x) => x.loadMs))),
        reloadToPaintedMs: round(median(full.map((x) => x.reloadToPaintedMs))),
        reloadToPaintedNote:
          'page reload → replica open and caught up → sign-in screen → name, PIN typed by Playwright → dashboard painted (Node clock); the day is read from the replica while the PIN is typed',
        baseline: `same page and steps with ${BASELINE_SALES} sales (before the rest were added), same run; and core's dashboardFigures of the ${SALES} sales in Node`,
        baselineSales: BASELINE_SALES,
        baselineMedianMs: round(median(small.map((x) => x.signInMs))),
        baselineReloadToSignInScreenMs: round(median(small.map((x) => x.loadMs))),
        baselineReloadToPaintedMs: round(median(small.map((x) => x.reloadToPaintedMs))),
        baselineNodeFiguresMs: round(median(node)),
        seedMs: round(seedMs),
        cause:
          "before the snapshot read: 1147–1387 ms in three bench runs; User Timing marks showed RxDB's Dexie storage answering the live query with an IndexedDB cursor, one request per document (≈850 ms for 10,000 sales, the [storeId, businessDay] index did not change it); the rest is the PIN's scrypt (≈200 ms) and figures plus charts (≈100 ms)",
        measuredAt: new Date().toISOString(),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`wrote ${mergeResults('pos-app.json', result)}`);
  } finally {
    await world.stop();
  }
}

await main();
