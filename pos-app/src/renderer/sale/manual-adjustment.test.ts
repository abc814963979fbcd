import type { SaleLineDoc } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { parsePercentBps, priceOverrideDiscount } from './manual-adjustment.js';

const line = (over: Partial<SaleLineDoc> = {}): SaleLineDoc => ({
  id: 'l1',
  entry: 'scanned',
  productId: 'p',
  description: 'Cola',
  unit: 'each',
  quantity: 3,
  unitPrice: 89,
  taxClass: 'standard',
  taxRateId: 't',
  taxRateBps: 2300,
  taxLabel: 'A',
  categoryId: 'c',
  productGroupId: '',
  ageRestriction: 0,
  voided: false,
  gross: 267,
  discount: 28,
  amount: 239,
  tax: 45,
  total: 239,
  adjustments: [],
  ...over,
});

describe('manual adjustments keyed at the lane', () => {
  it('reads percentages as basis points', () => {
    expect(parsePercentBps('10')).toEqual({ ok: true, value: 1000 });
    expect(parsePercentBps('12.5')).toEqual({ ok: true, value: 1250 });
    expect(parsePercentBps('7,25')).toEqual({ ok: true, value: 725 });
    expect(parsePercentBps('100')).toEqual({ ok: true, value: 10_000 });
    for (const bad of ['0', '101', '', 'ten', '1.234', '-5'])
      expect(parsePercentBps(bad)).toMatchObject({ ok: false, reason: 'invalid-percent' });
  });

  it('turns a lower unit price into the discount off what the line costs after promotions', () => {
    // 3 × 0.89 with 0.28 off by promotion costs 2.39; at 0.50 each it costs 1.50.
    expect(priceOverrideDiscount(line(), 50)).toEqual({ ok: true, value: 89 });
    expect(priceOverrideDiscount(line(), 80)).toMatchObject({ ok: false, reason: 'override-not-lower' });
    expect(priceOverrideDiscount(line({ unit: 'weight', quantity: 1 }), 1)).toMatchObject({
      ok: false,
      reason: 'override-weighed-line',
    });
    expect(priceOverrideDiscount(line({ voided: true }), 1)).toMatchObject({
      ok: false,
      reason: 'line-voided',
    });
  });
});
