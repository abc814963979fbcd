/**
 * Shelf labels after a price import touching all of them: 10,000 products each bound to a 2.9" label on
 * hardware-sim's OpenEPaperLink AP (real HTTP, paged tag list), a new price version for every product fed
 * to the scheduler as a pull from HQ feeds it, and the time until every label acknowledged the new price.
 * Beside it, in the same run: render time per label alone (content + drawing + JPEG).
 * Run: npx tsx edge-agent/bench/shelf-labels.bench.ts → bench/results/edge-agent.json (section shelfLabels).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PriceDoc, ProductDoc } from '@storefloor/core';
import { ShelfLabelAccessPoint } from '@storefloor/device-drivers';
import { SimEslAccessPoint } from '@storefloor/hardware-sim';
import Database from 'better-sqlite3';
import { mergeResults } from '../../bench/merge-results.js';
import { labelTypeOf } from '../src/shelf-labels/label-type.js';
import { MasterDataPriceSource } from '../src/shelf-labels/master-data-price-source.js';
import { renderShelfLabel } from '../src/shelf-labels/render-shelf-label.js';
import { ShelfLabelBindings } from '../src/shelf-labels/shelf-label-bindings.js';
import { shelfLabelContent } from '../src/shelf-labels/shelf-label-content.js';
import { ShelfLabelScheduler } from '../src/shelf-labels/shelf-label-scheduler.js';

const LABELS = Number(process.env.BENCH_LABELS ?? 10_000);
const GOAL_MS = 60_000;
const T0 = Date.UTC(2026, 11, 2, 4);
const mac = (n: number) => `0000AABB${n.toString(16).toUpperCase().padStart(8, '0')}`;
const product = (n: number): ProductDoc => ({
  id: `prod-${n}`,
  storeId: '*',
  name: `商品 ${n} 纯牛奶`,
  receiptName: `Product ${n} milk`,
  gtins: [`69${String(n).padStart(10, '0')}`],
  plu: '',
  unit: 'each',
  taxClass: 'reduced',
  ageRestriction: 0,
  categoryId: 'grocery',
  productGroupId: '',
  active: true,
  updatedAt: T0,
});
const priceOf = (n: number, version: number): PriceDoc => ({
  id: `price-${n}-${version}`,
  storeId: '*',
  productId: `prod-${n}`,
  currency: 'CNY',
  amount: 500 + n + version * 10,
  validFrom: T0 - 3_600_000 + version,
  createdAt: T0 + version,
});

const dir = mkdtempSync(join(tmpdir(), 'bench-labels-'));
const ap = new SimEslAccessPoint({
  id: 'esl-ap-1',
  pageSize: 250,
  tags: Array.from({ length: LABELS }, (_, i) => ({ mac: mac(i + 1) })),
});
await ap.start();
const db = new Database(join(dir, 'agent.sqlite'));
const bindings = new ShelfLabelBindings(db);
for (let i = 1; i <= LABELS; i++) bindings.bind(mac(i), `prod-${i}`, '2.9-bwr', 'emp-1', T0);
const source = new MasterDataPriceSource({ storeId: 'store-1', timeZone: 'Asia/Shanghai' });
source.apply({
  products: Array.from({ length: LABELS }, (_, i) => product(i + 1)),
  prices: Array.from({ length: LABELS }, (_, i) => priceOf(i + 1, 0)),
});
const scheduler = new ShelfLabelScheduler({
  db,
  bindings,
  source,
  accessPoints: new Map([
    ['esl-ap-1', new ShelfLabelAccessPoint({ id: 'esl-ap-1', url: ap.endpoint().url as string })],
  ]),
  clock: { now: () => T0, setTimer: () => () => undefined },
  pollMs: 3_600_000,
});
await scheduler.start();
await scheduler.settled();

// Baseline in the same run: render alone, per label.
const type = labelTypeOf('2.9-bwr');
if (!type) throw new Error('no 2.9-bwr');
const renderTimes: number[] = [];
for (let i = 1; i <= 300; i++) {
  const offer = source.offer(`prod-${i}`, T0 + 1);
  if (!offer) throw new Error('no offer');
  const t = performance.now();
  await renderShelfLabel(
    shelfLabelContent({ ...offer, price: { ...offer.price, unitPrice: offer.price.unitPrice + 7 } }, T0),
    type,
  );
  renderTimes.push(performance.now() - t);
}
renderTimes.sort((a, b) => a - b);

const t0 = performance.now();
source.apply({ prices: Array.from({ length: LABELS }, (_, i) => priceOf(i + 1, 1)) });
await scheduler.settled();
await scheduler.pollTags();
const elapsed = performance.now() - t0;
const acknowledged = scheduler.labels().filter((l) => l.shownVersion === l.wantedVersion).length;
scheduler.stop();
await ap.stop();
db.close();
rmSync(dir, { recursive: true, force: true });

const round = (n: number) => Math.round(n * 10) / 10;
const section = {
  description: `${LABELS} bound 2.9" labels on one simulated OpenEPaperLink AP, a new price for every product, until every label acknowledged`,
  labels: LABELS,
  acknowledged,
  reRenderAndPushMs: Math.round(elapsed),
  perLabelMs: round(elapsed / LABELS),
  baseline: 'render alone (content + drawing + JPEG) of a 2.9" label, median of 300 in the same run',
  renderMedianMs: round(renderTimes[150] ?? 0),
  renderShareOfTotal: round(((renderTimes[150] ?? 0) * LABELS) / elapsed),
  goal: { reRenderAndPushMs: GOAL_MS },
  meetsGoal: elapsed <= GOAL_MS && acknowledged === LABELS,
  loadAverage: os.loadavg().map((l) => round(l)),
};
process.stdout.write(`shelfLabels ${JSON.stringify(section)}\n`);
if (LABELS === 10_000) mergeResults('edge-agent.json', { shelfLabels: section });
