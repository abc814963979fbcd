/** What the shelf-label bench and its access-point process agree on: label n's MAC, product and price. */
import type { PriceDoc, ProductDoc } from '@storefloor/core';

export const BENCH_T0 = Date.UTC(2026, 11, 2, 4);

export const benchLabelMac = (n: number): string =>
  `0000AABB${n.toString(16).toUpperCase().padStart(8, '0')}`;

export const benchProduct = (n: number): ProductDoc => ({
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
  updatedAt: BENCH_T0,
});

/** Version v of product n's price: every version a different amount, so every label changes. */
export const benchPrice = (n: number, version: number): PriceDoc => ({
  id: `price-${n}-${version}`,
  storeId: '*',
  productId: `prod-${n}`,
  currency: 'CNY',
  amount: 500 + n + version * 10,
  validFrom: BENCH_T0 - 3_600_000 + version,
  createdAt: BENCH_T0 + version,
});
