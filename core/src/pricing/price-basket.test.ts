import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categories, noTarget, products, promotion, T0 } from '../sale/retail-fixtures.test-support.js';
import type { PromotionDoc, PromotionRule } from '../schemas/promotions.js';
import { type BasketLine, priceBasket } from './price-basket.js';
import type { PricingContext } from './promotion-active.js';
import { indexPromotions } from './promotion-index.js';

const ctx: PricingContext = { currency: 'EUR', instant: T0, weekday: 3, minuteOfDay: 12 * 60, member: false };

function line(
  id: string,
  productId: string,
  unitPrice: number,
  quantity = 1,
  over: Partial<BasketLine> = {},
): BasketLine {
  return {
    id,
    productId,
    categoryId: 'grocery',
    productGroupId: '',
    unit: 'each',
    quantity,
    unitPrice,
    ...over,
  };
}

function price(lines: BasketLine[], promos: PromotionDoc[], c: Partial<PricingContext> = {}) {
  return priceBasket(lines, indexPromotions(promos), { ...ctx, ...c });
}

describe('item promotions', () => {
  it('takes a percentage off a category and says which promotion gave it', () => {
    const r = price(
      [line('l1', 'milk', 109, 2, { categoryId: 'dairy' }), line('l2', 'bread', 250)],
      [promotion('dairy10', { kind: 'percent-off', target: categories('dairy'), percentBps: 1000 })],
    );
    expect(r.lines[0]).toMatchObject({ gross: 218, discount: 22, amount: 196 });
    expect(r.lines[0]!.adjustments).toEqual([
      { source: 'promotion', promotionId: 'dairy10', label: 'Promo dairy10', amount: 22 },
    ]);
    expect(r.lines[1]).toMatchObject({ discount: 0, amount: 250, adjustments: [] });
    expect(r.promotions).toEqual([
      { promotionId: 'dairy10', label: 'Promo dairy10', amount: 22, lines: [{ lineId: 'l1', amount: 22 }] },
    ]);
  });

  it('an amount off never takes a line below zero', () => {
    const r = price(
      [line('l1', 'gum', 80, 3)],
      [promotion('p', { kind: 'amount-off', target: products('gum'), amount: 500 })],
    );
    expect(r.lines[0]).toMatchObject({ gross: 240, discount: 240, amount: 0 });
  });

  it('amount off a weighed line is per kilogram', () => {
    const r = price(
      [line('l1', 'cheese', 2490, 1, { unit: 'weight', weightGrams: 350 })],
      [promotion('p', { kind: 'amount-off', target: products('cheese'), amount: 500 })],
    );
    // 24.90/kg × 350 g = 8.715 → 8.72; 5.00/kg × 350 g = 1.75 off.
    expect(r.lines[0]).toMatchObject({ gross: 872, discount: 175, amount: 697 });
  });

  it('3 for 10: seven cans at 3.99 make two bundles and one can at full price', () => {
    const r = price(
      [line('l1', 'beer', 399, 7)],
      [promotion('3for10', { kind: 'multi-buy', target: products('beer'), quantity: 3, price: 1000 })],
    );
    expect(r.lines[0]).toMatchObject({ gross: 2793, discount: 394, amount: 2399 });
  });

  it('multi-buy counts units of the same product across lines, but not across products', () => {
    const r = price(
      [line('a', 'beer', 399, 2), line('b', 'beer', 399, 1), line('c', 'cider', 399, 1)],
      [
        promotion('3for10', {
          kind: 'multi-buy',
          target: products('beer', 'cider'),
          quantity: 3,
          price: 1000,
        }),
      ],
    );
    expect(r.discount).toBe(197);
    expect(r.lines.map((l) => l.discount)).toEqual([131, 66, 0]);
  });

  it('a bundle that would cost more than the items is not applied', () => {
    const r = price(
      [line('l1', 'water', 30, 6)],
      [promotion('p', { kind: 'multi-buy', target: products('water'), quantity: 3, price: 100 })],
    );
    expect(r.discount).toBe(0);
  });

  it('mix-and-match over a product group bundles the most expensive units first and spreads the saving', () => {
    const yog = (id: string, p: number, q: number) => line(id, id, p, q, { productGroupId: 'yoghurt' });
    const r = price(
      [yog('plain', 100, 3), yog('greek', 200, 2), yog('fruit', 150, 1), line('x', 'bread', 250)],
      [promotion('4for5', { kind: 'mix-match', productGroupId: 'yoghurt', quantity: 4, price: 500 })],
    );
    // Units by price: 200, 200, 150, 100 | 100, 100 → one bundle of 650 for 500; two plain left over.
    expect(r.discount).toBe(150);
    const byId = Object.fromEntries(r.lines.map((l) => [l.lineId, l.discount]));
    expect(byId).toEqual({ plain: 23, greek: 92, fruit: 35, x: 0 });
  });

  it('buy 2 get 1 free gives the cheapest unit of each group of three', () => {
    const r = price(
      [
        line('a', 'shampoo-a', 300),
        line('b', 'shampoo-b', 200),
        line('c', 'shampoo-c', 100),
        line('d', 'shampoo-a', 300),
      ],
      [
        promotion('b2g1', {
          kind: 'buy-get',
          target: categories('grocery'),
          buyQuantity: 2,
          getQuantity: 1,
          getPercentBps: 10_000,
        }),
      ],
    );
    // Units: 300 (a), 300 (d), 200 (b) → b free; 100 (c) alone.
    expect(r.lines.map((l) => l.discount)).toEqual([0, 200, 0, 0]);
  });

  it('buy 1 get 1 half price on a line of six', () => {
    const r = price(
      [line('l1', 'soap', 199, 6)],
      [
        promotion('p', {
          kind: 'buy-get',
          target: products('soap'),
          buyQuantity: 1,
          getQuantity: 1,
          getPercentBps: 5000,
        }),
      ],
    );
    expect(r.lines[0]!.discount).toBe(3 * 100);
  });
});

describe('basket promotions', () => {
  const spend100 = (
    over: Partial<PromotionDoc> = {},
    rule: Partial<Extract<PromotionRule, { kind: 'basket-threshold' }>> = {},
  ) =>
    promotion(
      'spend100',
      { kind: 'basket-threshold', target: noTarget, threshold: 10_000, amount: 2_000, ...rule },
      over,
    );

  it('spend 100 get 20 off, spread over the lines in proportion, exactly', () => {
    const r = price(
      [line('a', 'tv', 7_000), line('b', 'cable', 2_000), line('c', 'bag', 1_001)],
      [spend100()],
    );
    expect(r.discount).toBe(2_000);
    expect(r.lines.map((l) => l.discount)).toEqual([1_400, 400, 200]);
    expect(r.amount).toBe(8_001);
  });

  it('does nothing below the threshold, and counts item discounts before checking it', () => {
    expect(price([line('a', 'tv', 9_999)], [spend100()]).discount).toBe(0);
    const r = price(
      [line('a', 'tv', 10_500)],
      [spend100(), promotion('tv10', { kind: 'percent-off', target: products('tv'), percentBps: 1000 })],
    );
    expect(r.lines[0]!.adjustments.map((a) => a.promotionId)).toEqual(['tv10']);
  });

  it('a percentage basket promotion limited to a category', () => {
    const r = price(
      [line('a', 'wine', 3_000, 1, { categoryId: 'wine' }), line('b', 'bread', 250)],
      [
        promotion('wine', {
          kind: 'basket-threshold',
          target: categories('wine'),
          threshold: 2_000,
          percentBps: 1500,
        }),
      ],
    );
    expect(r.lines.map((l) => l.discount)).toEqual([450, 0]);
  });
});

describe('who, when, which wins', () => {
  const tenOff = (id: string, over: Partial<PromotionDoc> = {}) =>
    promotion(id, { kind: 'percent-off', target: products('coffee'), percentBps: 1000 }, over);

  it('member-only promotions and member prices apply only to an identified member', () => {
    const lines = [line('l1', 'coffee', 500, 1, { memberUnitPrice: 450 })];
    const promos = [tenOff('members', { memberOnly: true })];
    expect(price(lines, promos).discount).toBe(0);
    const r = price(lines, promos, { member: true });
    expect(r.lines[0]!.adjustments).toEqual([
      { source: 'member-price', label: 'Member price', amount: 50 },
      { source: 'promotion', promotionId: 'members', label: 'Promo members', amount: 45 },
    ]);
    expect(r.lines[0]!.amount).toBe(405);
  });

  it('time windows, validity dates and currency decide whether a promotion is active', () => {
    const lines = [line('l1', 'coffee', 500)];
    const happyHour = tenOff('hh', {
      timeWindows: [{ weekdays: [1, 2, 3, 4, 5], fromMinute: 17 * 60, toMinute: 19 * 60 }],
    });
    expect(price(lines, [happyHour], { minuteOfDay: 16 * 60 + 59 }).discount).toBe(0);
    expect(price(lines, [happyHour], { minuteOfDay: 17 * 60 }).discount).toBe(50);
    expect(price(lines, [happyHour], { minuteOfDay: 17 * 60, weekday: 6 }).discount).toBe(0);
    expect(price(lines, [tenOff('future', { validFrom: T0 + 1 })]).discount).toBe(0);
    expect(price(lines, [tenOff('ended', { validTo: T0 })]).discount).toBe(0);
    expect(price(lines, [tenOff('chf', { currency: 'CHF' })]).discount).toBe(0);
  });

  it('each unit gets at most one item promotion: the higher priority takes it', () => {
    const promos = [
      tenOff('low', { priority: 1 }),
      promotion(
        'high',
        { kind: 'percent-off', target: products('coffee'), percentBps: 2000 },
        { priority: 5 },
      ),
    ];
    const r = price([line('l1', 'coffee', 500)], promos);
    expect(r.promotions.map((p) => p.promotionId)).toEqual(['high']);
    expect(r.discount).toBe(100);
  });

  it('an exclusive item promotion keeps the line out of basket promotions', () => {
    const basket = promotion('spend', {
      kind: 'basket-threshold',
      target: noTarget,
      threshold: 0,
      percentBps: 1000,
    });
    const r = price(
      [line('a', 'coffee', 1000), line('b', 'tea', 1000)],
      [tenOff('excl', { exclusive: true }), basket],
    );
    expect(r.lines[0]!.adjustments.map((a) => a.promotionId)).toEqual(['excl']);
    expect(r.lines[1]!.adjustments.map((a) => a.promotionId)).toEqual(['spend']);
  });

  it('an exclusive basket promotion skips lines another promotion touched', () => {
    const basket = promotion(
      'spend',
      { kind: 'basket-threshold', target: noTarget, threshold: 0, amount: 100 },
      { exclusive: true },
    );
    const r = price([line('a', 'coffee', 1000), line('b', 'tea', 1000)], [tenOff('c10'), basket]);
    expect(r.lines[0]!.adjustments.map((a) => a.promotionId)).toEqual(['c10']);
    expect(r.lines[1]!.discount).toBe(100);
  });

  it('manual discounts come after promotions and carry the approving employee', () => {
    const r = priceBasket(
      [line('a', 'coffee', 1000), line('b', 'tea', 1000)],
      indexPromotions([tenOff('c10')]),
      ctx,
      [
        { id: 'm1', lineId: 'a', percentBps: 5000, approvedBy: 'sup-1', reason: 'Damaged' },
        { id: 'm2', amount: 5000, approvedBy: 'sup-1', reason: 'Goodwill' },
      ],
    );
    expect(r.lines[0]!.adjustments).toEqual([
      { source: 'promotion', promotionId: 'c10', label: 'Promo c10', amount: 100 },
      { source: 'manual-line', manualDiscountId: 'm1', label: 'Damaged', amount: 450, approvedBy: 'sup-1' },
      {
        source: 'manual-basket',
        manualDiscountId: 'm2',
        label: 'Goodwill',
        amount: 450,
        approvedBy: 'sup-1',
      },
    ]);
    // The basket discount is capped at what is left: 4.50 + 10.00.
    expect(r.amount).toBe(0);
  });
});

const productIds = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const target = fc.record({
  productIds: fc.subarray(productIds),
  categoryIds: fc.subarray(['c0', 'c1']),
  productGroupIds: fc.subarray(['g0']),
});
const rule: fc.Arbitrary<PromotionRule> = fc.oneof(
  fc.record({
    kind: fc.constant('percent-off' as const),
    target,
    percentBps: fc.integer({ min: 0, max: 10_000 }),
  }),
  fc.record({ kind: fc.constant('amount-off' as const), target, amount: fc.nat(2_000) }),
  fc.record({
    kind: fc.constant('multi-buy' as const),
    target,
    quantity: fc.integer({ min: 2, max: 4 }),
    price: fc.nat(2_000),
  }),
  fc.record({
    kind: fc.constant('mix-match' as const),
    productGroupId: fc.constant('g0'),
    quantity: fc.integer({ min: 2, max: 4 }),
    price: fc.nat(2_000),
  }),
  fc.record({
    kind: fc.constant('buy-get' as const),
    target,
    buyQuantity: fc.integer({ min: 1, max: 3 }),
    getQuantity: fc.integer({ min: 1, max: 2 }),
    getPercentBps: fc.integer({ min: 0, max: 10_000 }),
  }),
  fc.record({
    kind: fc.constant('basket-threshold' as const),
    target: fc.oneof(fc.constant(noTarget), target),
    threshold: fc.nat(5_000),
    amount: fc.nat(3_000),
  }),
);
const promos = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 3 }),
    rule,
    priority: fc.integer({ min: 0, max: 3 }),
    exclusive: fc.boolean(),
  }),
  { selector: (p) => p.id, maxLength: 8 },
);
const basket = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    productId: fc.constantFrom(...productIds),
    categoryId: fc.constantFrom('c0', 'c1'),
    productGroupId: fc.constantFrom('', 'g0'),
    weighed: fc.boolean(),
    quantity: fc.integer({ min: 1, max: 9 }),
    unitPrice: fc.nat(3_000),
    grams: fc.integer({ min: 1, max: 3_000 }),
  }),
  { selector: (l) => l.id, maxLength: 15 },
);
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;
const toLines = (raw: Generated<typeof basket>): BasketLine[] =>
  raw.map((r) => ({
    id: r.id,
    productId: r.productId,
    categoryId: r.categoryId,
    productGroupId: r.productGroupId,
    unit: r.weighed ? 'weight' : 'each',
    quantity: r.weighed ? 1 : r.quantity,
    ...(r.weighed ? { weightGrams: r.grams } : {}),
    unitPrice: r.unitPrice,
  }));
const toPromos = (raw: Generated<typeof promos>) => raw.map((p) => promotion(p.id, p.rule, p));

describe('pricing invariants', () => {
  it('no line goes negative, and every discount is explained by its adjustments', () => {
    fc.assert(
      fc.property(basket, promos, (b, p) => {
        const r = price(toLines(b), toPromos(p));
        for (const l of r.lines) {
          expect(l.amount).toBeGreaterThanOrEqual(0);
          expect(l.amount).toBe(l.gross - l.discount);
          expect(l.adjustments.reduce((a, x) => a + x.amount, 0)).toBe(l.discount);
          for (const a of l.adjustments) expect(a.amount).toBeGreaterThan(0);
        }
        expect(r.amount).toBe(r.lines.reduce((a, l) => a + l.amount, 0));
        expect(r.discount).toBe(r.promotions.reduce((a, x) => a + x.amount, 0));
        for (const ap of r.promotions) expect(ap.lines.reduce((a, x) => a + x.amount, 0)).toBe(ap.amount);
      }),
      { numRuns: 300 },
    );
  });

  it('the result for each line does not depend on the order of the lines or of the promotions', () => {
    fc.assert(
      fc.property(basket, promos, (b, p) => {
        const lines = toLines(b);
        const r1 = price(lines, toPromos(p));
        const r2 = price([...lines].reverse(), toPromos(p).reverse());
        const byId = (r: typeof r1) => Object.fromEntries(r.lines.map((l) => [l.lineId, l]));
        expect(byId(r2)).toEqual(byId(r1));
        expect(r2.promotions).toEqual(r1.promotions);
      }),
      { numRuns: 200 },
    );
  });
});
