import { withGs1CheckDigit } from '@storefloor/core';

/** A chain-wide product of the benchmark catalogue (valid against core's `products` schema). */
export function benchProduct(i: number): Record<string, unknown> {
  return {
    id: `bench-${String(i).padStart(6, '0')}`,
    storeId: '*',
    name: `Benchmark product ${i}`,
    receiptName: `Product ${i}`,
    gtins: [benchGtin(i)],
    plu: '',
    unit: 'each',
    taxClass: i % 3 === 0 ? 'standard' : 'reduced',
    ageRestriction: 0,
    categoryId: `cat-${i % 200}`,
    productGroupId: '',
    active: true,
    updatedAt: 1_764_000_000_000,
  };
}

/** Its GTIN-13 (prefix 4000000, clear of the lane harness's own products). */
export function benchGtin(i: number): string {
  return withGs1CheckDigit(`4000000${String(i).padStart(5, '0')}`);
}

/** Its price, in force since the start of 2026. */
export function benchPrice(i: number): Record<string, unknown> {
  return {
    id: `bench-price-${String(i).padStart(6, '0')}`,
    storeId: '*',
    productId: `bench-${String(i).padStart(6, '0')}`,
    currency: 'EUR',
    amount: 50 + (i % 950),
    validFrom: Date.UTC(2026, 0, 1),
    createdAt: 1_764_000_000_000,
  };
}
