import type { ProductDoc, TaxRateDoc } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import type { CartItem } from './cart-catalog.js';
import { checkoutBlocker, newCartSession, removed, resolved, scanned, weighed } from './cart-session.js';

const rate: TaxRateDoc = {
  id: 'r',
  storeId: '*',
  taxClass: 'standard',
  rateBps: 1300,
  label: 'VAT',
  validFrom: 0,
  createdAt: 0,
};
function item(id: string, grams: number | undefined, tolerance: number): CartItem {
  const product: ProductDoc = {
    id,
    storeId: '*',
    name: id,
    receiptName: id,
    gtins: [],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction: 0,
    categoryId: 'c',
    productGroupId: '',
    active: true,
    updatedAt: 0,
    ...(grams === undefined ? {} : { expectedUnitWeightGrams: grams, weightToleranceGrams: tolerance }),
  };
  return {
    product,
    price: { priceId: 'x', productId: id, currency: 'CNY', unit: 'each', unitPrice: 100 },
    taxRate: rate,
  };
}
const policy = { tolerancePercent: 100, noiseGrams: 5 };
const wine = item('wine', 1300, 40);
const bread = item('bread', undefined, 0);

describe('the cart weight model', () => {
  it('takes a scanned item within its tolerance, times the store multiplier', () => {
    let s = scanned(newCartSession('c', 's', undefined, 0), 'W', wine, 1, policy);
    expect(weighed(s, 1345, policy, 'a1', 1).alert).toMatchObject({
      kind: 'weight-mismatch',
      expectedGrams: 1300,
    });
    // A store-wide 150 % makes 1300 ± 60: 1345 fits.
    const wide = { ...policy, tolerancePercent: 150 };
    s = scanned(newCartSession('c', 's', undefined, 0), 'W', wine, 1, wide);
    const r = weighed(s, 1345, wide, 'a1', 1);
    expect(r.alert).toBeUndefined();
    expect(checkoutBlocker(r.state)).toBeUndefined();
  });

  it('ignores noise, takes an item with no catalog weight, and wants a scanned item placed before checkout', () => {
    let s = scanned(newCartSession('c', 's', undefined, 0), 'B', bread, 1, policy);
    expect(checkoutBlocker(s)).toBe('item-not-placed');
    s = weighed(s, 4, policy, 'a', 1).state;
    expect(checkoutBlocker(s)).toBe('item-not-placed');
    const r = weighed(s, 420, policy, 'a', 2);
    expect(r.alert).toBeUndefined();
    expect(checkoutBlocker(r.state)).toBeUndefined();
  });

  it('wants a scanned-out item to leave, and raises an alert when weight leaves unannounced', () => {
    let s = weighed(
      scanned(newCartSession('c', 's', undefined, 0), 'W', wine, 2, policy),
      2600,
      policy,
      'a',
      1,
    ).state;
    expect(weighed(s, 1300, policy, 'a2', 2).alert).toMatchObject({
      kind: 'unexpected-removal',
      deltaGrams: -1300,
    });
    s = removed(s, 'W', wine, policy) ?? s;
    expect(s.lines[0]?.quantity).toBe(1);
    const r = weighed(s, 1302, policy, 'a3', 3);
    expect(r.alert).toBeUndefined();
    expect(checkoutBlocker(r.state)).toBeUndefined();
  });

  it('blocks checkout until staff resolve, and a resolved alert cannot be resolved again', () => {
    const { state, alert } = weighed(newCartSession('c', 's', undefined, 0), 500, policy, 'a1', 1);
    expect(alert?.kind).toBe('unscanned-item');
    expect(checkoutBlocker(state)).toBe('open-alerts');
    const approved = resolved(state, 'a1', 'approve', 'emp-1', 2);
    expect(approved?.alerts[0]?.resolved).toEqual({ action: 'approve', employeeId: 'emp-1', at: 2 });
    expect(approved && resolved(approved, 'a1', 'remove', 'emp-2', 3)).toBeUndefined();
  });

  it('expects a weighed item to weigh what its variable-measure label says', () => {
    const steak = { ...item('steak', undefined, 0), weightGrams: 512 };
    const s = scanned(newCartSession('c', 's', undefined, 0), '2912345005124', steak, 1, policy);
    expect(s.lines[0]?.weightGrams).toBe(512);
    expect(weighed(s, 515, policy, 'a', 1).alert).toBeUndefined();
    expect(weighed(s, 600, policy, 'a', 1).alert).toMatchObject({
      kind: 'weight-mismatch',
      expectedGrams: 512,
    });
  });
});
