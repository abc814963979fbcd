import { describe, expect, it } from 'vitest';
import { shelfLabelContent } from './shelf-label-content.js';
import {
  apples,
  MIDNIGHT,
  milk,
  NOON,
  offer,
  percentOff,
  price,
} from './shelf-label-fixtures.test-support.js';

describe('shelf label content', () => {
  it('shows the regular price and the unit price per 100 ml of a 950 ml pack', () => {
    const c = shelfLabelContent(offer(milk, price('p-milk', 1290)), NOON);
    expect(c.price).toBe('12.90');
    expect(c.regularPrice).toBeUndefined();
    // 12.90 × 100 / 950 = 1.3578… → 1.36 (half up, core's mulDivRound).
    expect(c.unitPrice).toEqual({ zh: '每100毫升', en: 'per 100 ml', amount: '1.36' });
    expect(c.currencySymbol).toBe('¥');
    expect(c.barcode).toBe('6901234567892');
  });

  it('shows what the register charges under a 20 % promotion, the regular price and the last day', () => {
    const c = shelfLabelContent(
      offer(milk, price('p-milk', 1290), [percentOff('promo-1', 'p-milk', 2000)]),
      NOON,
    );
    // 12.90 − 20 % = 10.32, as core's priceBasket charges one unit.
    expect(c.price).toBe('10.32');
    expect(c.regularPrice).toBe('12.90');
    expect(c.promotion).toEqual({ text: '限时八折 20% off', lastDay: '2026-12-07' });
    expect(c.promotionIds).toEqual(['promo-1']);
  });

  it('shows a weighed product per kg with its price per 100 g', () => {
    const c = shelfLabelContent(offer(apples, price('p-apple', 1598)), NOON);
    expect(c.price).toBe('15.98');
    expect(c.priceUnit).toBe('kg');
    expect(c.unitPrice?.amount).toBe('1.60');
  });

  it('changes version when a promotion starts at midnight, and not before', () => {
    const promo = percentOff('promo-2', 'p-milk', 2000, { validFrom: MIDNIGHT });
    const before = shelfLabelContent(offer(milk, price('p-milk', 1290), [promo]), MIDNIGHT - 1);
    const after = shelfLabelContent(offer(milk, price('p-milk', 1290), [promo]), MIDNIGHT);
    expect(before.price).toBe('12.90');
    expect(after.price).toBe('10.32');
    expect(after.version).not.toBe(before.version);
    expect(shelfLabelContent(offer(milk, price('p-milk', 1290), [promo]), MIDNIGHT - 2).version).toBe(
      before.version,
    );
  });

  it('leaves a member-only promotion off the shopper price and shows the member price', () => {
    const c = shelfLabelContent(
      offer(milk, price('p-milk', 1290, { memberUnitPrice: 1150 }), [
        percentOff('promo-m', 'p-milk', 5000, { memberOnly: true }),
      ]),
      NOON,
    );
    expect(c.price).toBe('12.90');
    expect(c.memberPrice).toBe('11.50');
  });
});
