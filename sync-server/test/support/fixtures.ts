import { createIdGenerator, validateDocument } from '@storefloor/core';

const nextId = createIdGenerator();

/** Valid Storefloor documents for the replication tests (checked against the core schemas on creation). */

export function productDoc(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const doc = {
    id,
    storeId: '*',
    name: `Product ${id}`,
    receiptName: `Product ${id}`.slice(0, 40),
    gtins: ['4006381333931'],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction: 0,
    categoryId: 'grocery',
    productGroupId: '',
    active: true,
    updatedAt: 1_763_900_000_000,
    ...overrides,
  };
  return expectValid('products', doc);
}

export function priceDoc(
  id: string,
  productId: string,
  amount: number,
  storeId = '*',
): Record<string, unknown> {
  return expectValid('prices', {
    id,
    storeId,
    productId,
    currency: 'EUR',
    amount,
    validFrom: 1_763_900_000_000,
    createdAt: 1_763_900_000_000,
  });
}

export interface SaleOptions {
  readonly id?: string;
  readonly status?: 'open' | 'completed' | 'cancelled';
  readonly lines?: number;
  readonly unitPrice?: number;
  readonly deviceId?: string;
}

/** The store and device a transaction belongs to: an enrolled device, or a store id (device 'lane-1'). */
export type Owner = string | { readonly storeId: string; readonly deviceId: string };

/**
 * A sale of `lines` lines of one unit each at `unitPrice` (tax-inclusive, 20 %), paid by card when completed,
 * made by `owner` (a lane may push only its own documents: pass the enrolled device).
 */
export function saleDoc(owner: Owner, options: SaleOptions = {}): Record<string, unknown> {
  const storeId = typeof owner === 'string' ? owner : owner.storeId;
  const ownerDevice = typeof owner === 'string' ? 'lane-1' : owner.deviceId;
  const lineCount = options.lines ?? 2;
  const unitPrice = options.unitPrice ?? 250;
  const status = options.status ?? 'completed';
  const lines = Array.from({ length: lineCount }, (_, i) => {
    const tax = Math.round((unitPrice * 2000) / 12000);
    return {
      id: `l${i + 1}`,
      entry: 'scanned',
      productId: `prod-${i + 1}`,
      description: `Product ${i + 1}`,
      gtin: '4006381333931',
      unit: 'each',
      quantity: 1,
      unitPrice,
      taxClass: 'standard',
      taxRateId: 'vat-20',
      taxRateBps: 2000,
      taxLabel: 'VAT 20%',
      categoryId: 'grocery',
      productGroupId: '',
      ageRestriction: 0,
      voided: false,
      gross: unitPrice,
      discount: 0,
      amount: unitPrice,
      tax,
      total: unitPrice,
      adjustments: [],
    };
  });
  const total = unitPrice * lineCount;
  const tax = lines.reduce((sum, line) => sum + line.tax, 0);
  const doc: Record<string, unknown> = {
    id: options.id ?? nextId(),
    storeId,
    deviceId: options.deviceId ?? ownerDevice,
    shiftId: 'shift-1',
    cashierId: 'emp-7',
    kind: 'sale',
    status,
    businessDay: '2026-11-23',
    currency: 'EUR',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    openedAt: 1_763_900_000_000,
    lines,
    manualDiscounts: [],
    promotions: [],
    taxes: [{ taxRateId: 'vat-20', label: 'VAT 20%', rateBps: 2000, base: total - tax, tax }],
    tenders: status === 'completed' ? [{ id: 't1', kind: 'card', amount: total, reference: 'auth-1' }] : [],
    totals: {
      gross: total,
      discount: 0,
      tax,
      total,
      cashRounding: 0,
      due: total,
      paid: status === 'completed' ? total : 0,
      change: 0,
    },
  };
  if (status !== 'open') doc.completedAt = 1_763_900_060_000;
  return expectValid('sales', doc);
}

export function stockMovementDoc(
  storeId: string,
  saleId: string,
  productId: string,
): Record<string, unknown> {
  return expectValid('stock_movements', {
    id: nextId(),
    storeId,
    productId,
    kind: 'sale',
    quantity: 1,
    unit: 'unit',
    deviceId: 'lane-1',
    deviceSequence: 1,
    sourceId: saleId,
    reason: '',
    employeeId: 'emp-7',
    occurredAt: 1_763_900_000_000,
  });
}

function expectValid(collection: string, doc: Record<string, unknown>): Record<string, unknown> {
  const result = validateDocument(collection, doc);
  if (!result.ok) throw new Error(`fixture ${collection} is invalid: ${result.detail ?? result.reason}`);
  return doc;
}
