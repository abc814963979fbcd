import { checkCompletedSale, type ProductDoc, type TaxRateDoc } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import type { CartCatalog, CartItem } from './cart-catalog.js';
import { newCartSession, scanned } from './cart-session.js';
import { completeCartSale, priceCartSale } from './price-cart-sale.js';

const T = Date.UTC(2026, 11, 2, 4, 0, 0);
const vat: TaxRateDoc = {
  id: 'cn-9',
  storeId: '*',
  taxClass: 'food',
  rateBps: 900,
  label: 'VAT 9%',
  validFrom: 0,
  createdAt: 0,
};
const steak: ProductDoc = {
  id: 'p-steak',
  storeId: '*',
  name: '西冷牛排',
  receiptName: 'Sirloin',
  gtins: [],
  plu: '1234',
  unit: 'weight',
  taxClass: 'food',
  ageRestriction: 0,
  weightToleranceGrams: 2,
  categoryId: 'meat',
  productGroupId: '',
  active: true,
  updatedAt: T,
};
const item: CartItem = {
  product: steak,
  price: { priceId: 'pr-steak', productId: 'p-steak', currency: 'CNY', unit: 'weight', unitPrice: 8980 },
  taxRate: vat,
  weightGrams: 512,
};
const catalog: CartCatalog = {
  lookup: (code) => (code === '2912340005128' ? item : undefined),
  promotions: () => [],
  settings: () => ({
    storeId: 'store-1',
    currency: 'CNY',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    timeZone: 'Asia/Shanghai',
    businessDayStartHour: 4,
  }),
};

describe('pricing a cart basket with core', () => {
  it('prices a weighed item from its label weight and completes a sale core accepts', () => {
    const session = scanned(newCartSession('cart-3', 's-1', undefined, T), '2912340005128', item, 1, {
      tolerancePercent: 100,
      noiseGrams: 5,
    });
    const priced = priceCartSale({
      session,
      catalog,
      coupons: [],
      saleId: '019ae000-0000-7000-8000-000000000001',
      shiftId: 'shift-self',
      instant: T,
    });
    if (!priced.ok) throw new Error(priced.reason);
    // 89.80 per kg × 512 g = 45.9776 → 45.98 (core's multiplyByWeight, half up).
    expect(priced.value.sale.lines[0]).toMatchObject({
      unit: 'weight',
      weightGrams: 512,
      quantity: 1,
      total: 4598,
    });
    // 12:00 in Shanghai on 2 December: that business day.
    expect(priced.value.sale.businessDay).toBe('2026-12-02');
    let n = 0;
    const done = completeCartSale(
      priced.value.sale,
      { id: 't-1', kind: 'wallet', reference: 'wx-1' },
      [],
      () => `id-${++n}`,
      T + 1000,
    );
    if (!done.ok) throw new Error(done.reason);
    expect(checkCompletedSale(done.value.sale).ok).toBe(true);
    expect(done.value.sale.totals).toMatchObject({ total: 4598, paid: 4598, due: 4598 });
  });

  it('sends a basket whose item is no longer sold to an attendant', () => {
    const session = scanned(newCartSession('cart-3', 's-2', undefined, T), 'gone', item, 1, {
      tolerancePercent: 100,
      noiseGrams: 5,
    });
    expect(
      priceCartSale({
        session,
        catalog,
        coupons: [],
        saleId: '019ae000-0000-7000-8000-000000000002',
        shiftId: 's',
        instant: T,
      }),
    ).toMatchObject({
      ok: false,
      reason: 'unknown-item',
    });
  });
});
