import { createIdGenerator, withGs1CheckDigit } from '@storefloor/core';

const nextId = createIdGenerator();

/** A chain-wide product as HQ imports it (valid against the core `products` schema). */
export function benchProduct(i: number): Record<string, unknown> {
  const gtin = withGs1CheckDigit(String(400_000_000_000 + i).padStart(12, '0'));
  return {
    id: `prod-${String(i).padStart(6, '0')}`,
    storeId: '*',
    name: `Benchmark product number ${i}`,
    receiptName: `Product ${i}`,
    gtins: [gtin],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction: 0,
    categoryId: `cat-${i % 200}`,
    productGroupId: '',
    active: true,
    updatedAt: 1_763_900_000_000,
  };
}

const LINES_PER_SALE = 3;

/** A completed sale of three lines and its three stock movements (valid against the core schemas). */
export function benchSale(
  storeId: string,
  deviceId: string,
  i: number,
): { sale: Record<string, unknown>; movements: Record<string, unknown>[] } {
  const id = nextId();
  const lines = Array.from({ length: LINES_PER_SALE }, (_, l) => ({
    id: `l${l + 1}`,
    entry: 'scanned',
    productId: `prod-${String((i * 7 + l) % 100_000).padStart(6, '0')}`,
    description: `Product ${l}`,
    gtin: '4006381333931',
    unit: 'each',
    quantity: 1,
    unitPrice: 250,
    taxClass: 'standard',
    taxRateId: 'vat-20',
    taxRateBps: 2000,
    taxLabel: 'VAT 20%',
    categoryId: 'grocery',
    productGroupId: '',
    ageRestriction: 0,
    voided: false,
    gross: 250,
    discount: 0,
    amount: 250,
    tax: 42,
    total: 250,
    adjustments: [],
  }));
  const sale = {
    id,
    storeId,
    deviceId,
    shiftId: 'shift-1',
    cashierId: 'emp-7',
    kind: 'sale',
    status: 'completed',
    businessDay: '2026-11-23',
    currency: 'EUR',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    openedAt: 1_763_900_000_000 + i * 1000,
    completedAt: 1_763_900_000_000 + i * 1000 + 500,
    lines,
    manualDiscounts: [],
    promotions: [],
    taxes: [{ taxRateId: 'vat-20', label: 'VAT 20%', rateBps: 2000, base: 624, tax: 126 }],
    tenders: [{ id: 't1', kind: 'card', amount: 750, reference: `auth-${i}` }],
    totals: {
      gross: 750,
      discount: 0,
      tax: 126,
      total: 750,
      cashRounding: 0,
      due: 750,
      paid: 750,
      change: 0,
    },
  };
  const movements = lines.map((line, l) => ({
    id: nextId(),
    storeId,
    productId: line.productId,
    kind: 'sale',
    quantity: 1,
    unit: 'unit',
    deviceId,
    deviceSequence: i * LINES_PER_SALE + l + 1,
    sourceId: id,
    reason: '',
    employeeId: 'emp-7',
    occurredAt: 1_763_900_000_000 + i * 1000,
  }));
  return { sale, movements };
}
