/// <reference types="node" />
/**
 * Pricing a 200-line basket under 50 active promotions, against the same basket priced with no promotions
 * (member prices, totals and explanation only) measured in the same run. Run: `npx tsx core/bench/pricing.bench.ts`.
 * Writes the `pricing` key of bench/results/core.json (read-modify-write: other core benches own other keys).
 */
import { mergeResults } from '../../bench/merge-results.js';
import { type BasketLine, priceBasket } from '../src/pricing/price-basket.js';
import type { PricingContext } from '../src/pricing/promotion-active.js';
import { indexPromotions } from '../src/pricing/promotion-index.js';
import { recomputeSale } from '../src/sale/recompute-sale.js';
import type { PromotionDoc, PromotionRule, PromotionTarget } from '../src/schemas/promotions.js';
import type { SaleDoc, SaleLineDoc } from '../src/schemas/sales.js';

const GOAL_MEDIAN_MS = 2;
const LINES = 200;
const PROMOTIONS = 50;
const T0 = 1_763_900_000_000;

/** Deterministic PRNG (mulberry32) so every run prices the same basket. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(7);
const pick = (n: number) => Math.floor(random() * n);

/** A big weekly shop: 200 lines over 150 products in 20 categories and 8 mix-and-match groups, 10% weighed. */
const lines: BasketLine[] = Array.from({ length: LINES }, (_, i) => {
  const p = pick(150);
  const weighed = p % 10 === 0;
  return {
    id: `line-${String(i).padStart(4, '0')}`,
    productId: `p${p}`,
    categoryId: `c${p % 20}`,
    productGroupId: p % 3 === 0 ? `g${p % 8}` : '',
    unit: weighed ? 'weight' : 'each',
    quantity: weighed ? 1 : 1 + pick(4),
    ...(weighed ? { weightGrams: 200 + pick(1500) } : {}),
    unitPrice: 49 + pick(1500),
    ...(p % 7 === 0 ? { memberUnitPrice: 39 + pick(1000) } : {}),
  };
});

const none: PromotionTarget = { productIds: [], categoryIds: [], productGroupIds: [] };
const someProducts = (n: number): PromotionTarget => ({
  ...none,
  productIds: Array.from({ length: n }, () => `p${pick(150)}`),
});
/** 50 active promotions of every kind, the way a supermarket runs a week: mostly product offers. */
const rules: PromotionRule[] = [];
for (let i = 0; i < PROMOTIONS; i++) {
  const k = i % 10;
  if (k < 3) rules.push({ kind: 'percent-off', target: someProducts(5), percentBps: 500 + pick(3000) });
  else if (k === 3)
    rules.push({ kind: 'percent-off', target: { ...none, categoryIds: [`c${pick(20)}`] }, percentBps: 1000 });
  else if (k === 4) rules.push({ kind: 'amount-off', target: someProducts(3), amount: 10 + pick(100) });
  else if (k === 5)
    rules.push({
      kind: 'multi-buy',
      target: someProducts(4),
      quantity: 2 + pick(2),
      price: 300 + pick(1000),
    });
  else if (k === 6)
    rules.push({ kind: 'mix-match', productGroupId: `g${pick(8)}`, quantity: 3, price: 500 + pick(1000) });
  else if (k === 7) {
    rules.push({
      kind: 'buy-get',
      target: { ...none, categoryIds: [`c${pick(20)}`] },
      buyQuantity: 2,
      getQuantity: 1,
      getPercentBps: 10_000,
    });
  } else if (k === 8)
    rules.push({ kind: 'basket-threshold', target: none, threshold: 5_000 + pick(10_000), amount: 500 });
  else
    rules.push({
      kind: 'basket-threshold',
      target: { ...none, categoryIds: [`c${pick(20)}`] },
      threshold: 1_000,
      percentBps: 500,
    });
}
const promotions: PromotionDoc[] = rules.map((rule, i) => ({
  id: `promo-${String(i).padStart(3, '0')}`,
  storeId: '*',
  name: `Promotion ${i}`,
  receiptText: `Offer ${i}`,
  currency: 'EUR',
  priority: pick(5),
  exclusive: i % 11 === 0,
  memberOnly: i % 13 === 0,
  validFrom: T0 - 86_400_000,
  rule,
  createdAt: T0 - 86_400_000,
}));

const ctx: PricingContext = { currency: 'EUR', instant: T0, weekday: 6, minuteOfDay: 600, member: true };
const withPromotions = indexPromotions(promotions);
const withoutPromotions = indexPromotions([]);

/** The same basket as an open sale, to time a full reprice (promotions, tax, totals) as the lane does it. */
const sale: SaleDoc = {
  id: 'bench-sale',
  storeId: 'store-1',
  deviceId: 'lane-1',
  shiftId: 'shift-1',
  cashierId: 'emp-1',
  kind: 'sale',
  status: 'open',
  businessDay: '2025-11-23',
  currency: 'EUR',
  taxMode: 'inclusive',
  taxRounding: 'line',
  cashRoundingStep: 1,
  memberId: 'member-1',
  openedAt: T0,
  lines: lines.map(
    (l, i): SaleLineDoc => ({
      id: l.id,
      entry: l.unit === 'weight' ? 'weighed' : 'scanned',
      productId: l.productId,
      description: l.productId,
      unit: l.unit,
      quantity: l.quantity,
      ...(l.weightGrams === undefined ? {} : { weightGrams: l.weightGrams }),
      unitPrice: l.unitPrice,
      ...(l.memberUnitPrice === undefined ? {} : { memberUnitPrice: l.memberUnitPrice }),
      taxClass: i % 4 === 0 ? 'reduced' : 'standard',
      taxRateId: i % 4 === 0 ? 'fr-5.5' : 'fr-20',
      taxRateBps: i % 4 === 0 ? 550 : 2000,
      taxLabel: i % 4 === 0 ? 'B' : 'A',
      categoryId: l.categoryId,
      productGroupId: l.productGroupId,
      ageRestriction: 0,
      voided: false,
      gross: 0,
      discount: 0,
      amount: 0,
      tax: 0,
      total: 0,
      adjustments: [],
    }),
  ),
  manualDiscounts: [],
  promotions: [],
  taxes: [],
  tenders: [],
  totals: { gross: 0, discount: 0, tax: 0, total: 0, cashRounding: 0, due: 0, paid: 0, change: 0 },
};
const env = { promotions: withPromotions, instant: T0, weekday: 6, minuteOfDay: 600 };

function time(run: () => number): number {
  const start = process.hrtime.bigint();
  sink += run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
let sink = 0;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const round = (ms: number) => Number(ms.toFixed(4));

const cases = {
  promotions: () => priceBasket(lines, withPromotions, ctx).discount,
  baseline: () => priceBasket(lines, withoutPromotions, ctx).discount,
  indexIncluded: () => priceBasket(lines, indexPromotions(promotions), ctx).discount,
  fullReprice: () => recomputeSale(sale, env).totals.total,
};
const samples: Record<keyof typeof cases, number[]> = {
  promotions: [],
  baseline: [],
  indexIncluded: [],
  fullReprice: [],
};
for (let i = 0; i < 300; i++) for (const run of Object.values(cases)) run();
// Interleave the cases so drift on a shared machine hits them alike.
for (let i = 0; i < 2000; i++) {
  for (const [name, run] of Object.entries(cases) as [keyof typeof cases, () => number][])
    samples[name].push(time(run));
}
if (sink === Number.MIN_SAFE_INTEGER) console.log(sink);

const priced = priceBasket(lines, withPromotions, ctx);
const stats = (values: number[]) => ({
  medianMs: round(quantile(values, 0.5)),
  p99Ms: round(quantile(values, 0.99)),
});
const withPromos = stats(samples.promotions);
const base = stats(samples.baseline);
const section = {
  description: `priceBasket: ${LINES}-line basket (${lines.reduce((n, l) => n + l.quantity, 0)} units, 10% weighed, member) under ${PROMOTIONS} active promotions of every kind`,
  lines: LINES,
  activePromotions: PROMOTIONS,
  promotionsApplied: priced.promotions.length,
  discount: priced.discount,
  samples: samples.promotions.length,
  withPromotions: withPromos,
  baseline: {
    ...base,
    what: 'the same basket priced with no promotions (member prices, totals, explanation only), same run',
  },
  ratioToBaseline: {
    median: round(withPromos.medianMs / base.medianMs),
    p99: round(withPromos.p99Ms / base.p99Ms),
  },
  withIndexBuild: stats(samples.indexIncluded),
  fullSaleReprice: {
    ...stats(samples.fullReprice),
    what: 'recomputeSale: promotions + tax + totals of the 200-line sale',
  },
  goal: { medianMs: GOAL_MEDIAN_MS, why: 'a lane reprices the whole basket on every scan' },
  meetsGoal: withPromos.medianMs <= GOAL_MEDIAN_MS,
  node: process.version,
  measuredAt: new Date().toISOString(),
};

mergeResults('core.json', { pricing: section });
console.log(JSON.stringify(section, null, 2));
