import { createIdGenerator, validateDocument } from '@storefloor/core';

const nextId = createIdGenerator();

export type Doc = Record<string, unknown>;

function expectValid(collection: string, doc: Doc): Doc {
  const result = validateDocument(collection, doc);
  if (!result.ok) throw new Error(`fixture ${collection} is invalid: ${result.detail ?? result.reason}`);
  return doc;
}

export function product(n: number): Doc {
  return expectValid('products', {
    id: `prod-${String(n).padStart(6, '0')}`,
    storeId: '*',
    name: `Product ${n}`,
    receiptName: `Product ${n}`,
    gtins: ['4006381333931'],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction: 0,
    categoryId: 'grocery',
    productGroupId: '',
    active: true,
    updatedAt: 1_763_900_000_000 + n,
  });
}

export interface SaleOptions {
  readonly storeId: string;
  readonly deviceId: string;
  readonly id?: string;
  readonly status?: 'open' | 'completed' | 'cancelled';
  readonly kind?: 'sale' | 'return';
  readonly originalSaleId?: string;
  /** Product number and unit price (minor units) of each line. */
  readonly lines?: readonly { product: number; unitPrice: number }[];
  readonly businessDay?: string;
}

/** A card sale (tax-inclusive 20 %), integer minor units throughout, as core's schema wants it. */
export function sale(options: SaleOptions): Doc {
  const status = options.status ?? 'completed';
  const lineSpecs = options.lines ?? [
    { product: 1, unitPrice: 250 },
    { product: 2, unitPrice: 199 },
  ];
  const lines = lineSpecs.map((spec, i) => {
    const tax = Math.round((spec.unitPrice * 2000) / 12000);
    return {
      id: `l${i + 1}`,
      entry: 'scanned',
      productId: `prod-${String(spec.product).padStart(6, '0')}`,
      description: `Product ${spec.product}`,
      gtin: '4006381333931',
      unit: 'each',
      quantity: 1,
      unitPrice: spec.unitPrice,
      taxClass: 'standard',
      taxRateId: 'vat-20',
      taxRateBps: 2000,
      taxLabel: 'VAT 20%',
      categoryId: 'grocery',
      productGroupId: '',
      ageRestriction: 0,
      voided: false,
      ...(options.kind === 'return' ? { originalLineId: `l${i + 1}` } : {}),
      gross: spec.unitPrice,
      discount: 0,
      amount: spec.unitPrice,
      tax,
      total: spec.unitPrice,
      adjustments: [],
    };
  });
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0);
  const doc: Doc = {
    id: options.id ?? nextId(),
    storeId: options.storeId,
    deviceId: options.deviceId,
    shiftId: 'shift-1',
    cashierId: 'emp-7',
    kind: options.kind ?? 'sale',
    ...(options.originalSaleId ? { originalSaleId: options.originalSaleId } : {}),
    status,
    businessDay: options.businessDay ?? '2026-12-02',
    currency: 'EUR',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    openedAt: 1_764_662_400_000,
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
  if (status !== 'open') doc.completedAt = 1_764_662_460_000;
  return expectValid('sales', doc);
}

/** The stock movements of a completed sale (one per line; a return puts the units back). */
export function movementsOf(saleDoc: Doc, firstSequence: number): Doc[] {
  const lines = saleDoc.lines as { productId: string; quantity: number }[];
  const isReturn = saleDoc.kind === 'return';
  return lines.map((line, i) =>
    expectValid('stock_movements', {
      id: nextId(),
      storeId: saleDoc.storeId,
      productId: line.productId,
      kind: isReturn ? 'return' : 'sale',
      quantity: line.quantity,
      unit: 'unit',
      deviceId: saleDoc.deviceId,
      deviceSequence: firstSequence + i,
      sourceId: saleDoc.id,
      reason: '',
      employeeId: 'emp-7',
      occurredAt: 1_764_662_460_000,
    }),
  );
}

/** A CNY store (tax-inclusive, Asia/Shanghai) valid from `validFrom`, and China's 13 % VAT rate for every store. */
export function chineseStoreMaster(
  storeId: string,
  name: string,
  validFrom: number,
): { stores: Doc[]; taxRates: Doc[] } {
  return {
    stores: [
      expectValid('stores', {
        id: `${storeId}-v1`,
        storeId,
        name,
        currency: 'CNY',
        taxMode: 'inclusive',
        taxRounding: 'line',
        cashRoundingStep: 1,
        timeZone: 'Asia/Shanghai',
        businessDayStartHour: 0,
        receiptHeader: '',
        receiptFooter: '',
        languages: ['zh-CN'],
        address: '',
        active: true,
        validFrom,
        createdAt: validFrom,
      }),
    ],
    taxRates: [
      expectValid('tax_rates', {
        id: 'cn-13',
        storeId: '*',
        taxClass: 'standard',
        rateBps: 1300,
        label: 'VAT 13%',
        validFrom: 0,
        createdAt: 0,
      }),
    ],
  };
}
