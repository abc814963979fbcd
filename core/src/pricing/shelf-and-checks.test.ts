import { describe, expect, it } from 'vitest';
import {
  categories,
  noTarget,
  product,
  products,
  promotion,
  T0,
} from '../sale/retail-fixtures.test-support.js';
import { checkPromotion } from './check-promotion.js';
import { localClock } from './local-clock.js';
import { indexPromotions } from './promotion-index.js';
import { shelfPromotions } from './shelf-promotions.js';

const ctx = { currency: 'EUR', instant: T0, weekday: 3, minuteOfDay: 600, member: false };

describe('shelfPromotions', () => {
  it('lists the active offers naming the product, its category or group, in application order', () => {
    const index = indexPromotions([
      promotion(
        'cat',
        { kind: 'percent-off', target: categories('dairy'), percentBps: 500 },
        { priority: 1 },
      ),
      promotion(
        'own',
        { kind: 'multi-buy', target: products('milk'), quantity: 3, price: 250 },
        { priority: 9 },
      ),
      promotion(
        'members',
        { kind: 'percent-off', target: products('milk'), percentBps: 500 },
        { memberOnly: true },
      ),
      promotion('basket', { kind: 'basket-threshold', target: noTarget, threshold: 100, amount: 10 }),
      promotion('other', { kind: 'percent-off', target: products('bread'), percentBps: 500 }),
    ]);
    const milk = product('milk', { categoryId: 'dairy' });
    expect(shelfPromotions(milk, index, ctx).map((p) => p.id)).toEqual(['own', 'cat']);
    expect(shelfPromotions(milk, index, { ...ctx, member: true }).map((p) => p.id)).toEqual([
      'own',
      'cat',
      'members',
    ]);
  });
});

describe('checkPromotion', () => {
  it('names what is wrong', () => {
    const bad = (rule: Parameters<typeof promotion>[1], over = {}) =>
      checkPromotion(promotion('p', rule, over));
    expect(bad({ kind: 'percent-off', target: noTarget, percentBps: 100 })).toMatchObject({
      reason: 'invalid-rule',
      path: 'rule.target',
    });
    expect(bad({ kind: 'percent-off', target: products('a'), percentBps: 10_001 })).toMatchObject({
      path: 'rule.percentBps',
    });
    expect(bad({ kind: 'multi-buy', target: products('a'), quantity: 1, price: 100 })).toMatchObject({
      path: 'rule.quantity',
    });
    expect(bad({ kind: 'amount-off', target: products('a'), amount: 1.5 })).toMatchObject({
      path: 'rule.amount',
    });
    expect(bad({ kind: 'basket-threshold', target: noTarget, threshold: 100 })).toMatchObject({
      reason: 'invalid-rule',
    });
    expect(
      bad({ kind: 'percent-off', target: products('a'), percentBps: 100 }, { currency: 'EURO' }),
    ).toMatchObject({
      reason: 'unknown-currency',
    });
    expect(
      bad(
        { kind: 'percent-off', target: products('a'), percentBps: 100 },
        { timeWindows: [{ weekdays: [8], fromMinute: 0, toMinute: 10 }] },
      ),
    ).toMatchObject({ reason: 'invalid-time-window' });
    expect(bad({ kind: 'percent-off', target: products('a'), percentBps: 100 })).toMatchObject({ ok: true });
  });
});

describe('localClock', () => {
  it("converts an instant to the store's weekday, minute and day, across daylight saving", () => {
    // 2025-11-23T12:13:20Z is Sunday 13:13 in Paris (UTC+1) and Sunday 07:13 in New York (UTC-5).
    expect(localClock(T0, 'Europe/Paris')).toEqual({
      weekday: 7,
      minuteOfDay: 13 * 60 + 13,
      day: '2025-11-23',
    });
    expect(localClock(T0, 'America/New_York')).toEqual({
      weekday: 7,
      minuteOfDay: 7 * 60 + 13,
      day: '2025-11-23',
    });
    // 2025-07-01T22:30Z is already Wednesday 00:30 in Paris (UTC+2 in summer).
    expect(localClock(Date.UTC(2025, 6, 1, 22, 30), 'Europe/Paris')).toEqual({
      weekday: 3,
      minuteOfDay: 30,
      day: '2025-07-02',
    });
  });
});
