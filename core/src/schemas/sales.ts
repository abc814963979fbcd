import {
  currencyProperty,
  epochMsProperty as epochMs,
  idProperty as id,
  minorUnitsProperty as minorUnits,
} from './conventions.js';
import type { ProductUnit } from './products.js';

/**
 * Sales and returns: transactions created by one device under a UUIDv7 id, immutable once completed.
 * A return is a document of this same collection with `kind: 'return'` and `originalSaleId`; every amount in
 * a return is positive and means money going back to the customer.
 *
 * Every amount is integer minor units of `currency`. Line and document amounts are written by the domain
 * (../sale) from the one money module; nothing else computes them.
 */
export type SaleKind = 'sale' | 'return';
/**
 * 'suspended': the basket was parked at its lane and closed there, lines kept, nothing paid; it is never a
 * sale. A lane of the store resumes it by ringing a sale of its own whose `resumesSaleId` names it (../sale/suspend.ts).
 */
export type SaleStatus = 'open' | 'completed' | 'cancelled' | 'suspended';
/** How the line got into the basket. */
export type SaleLineEntry = 'scanned' | 'weighed' | 'plu' | 'manual';
/** Whether shelf prices include tax (most of Europe) or tax is added at the till (most of North America). */
export type TaxMode = 'inclusive' | 'exclusive';
/** Tax rounded on each line, or once per rate on the whole document. */
export type TaxRounding = 'line' | 'document';
export type TenderKind = 'cash' | 'card' | 'wallet' | 'voucher';
export type AdjustmentSource = 'promotion' | 'member-price' | 'manual-line' | 'manual-basket';

/** One reduction of one line, kept so the receipt can say which promotion gave what. */
export interface SaleAdjustmentDoc {
  source: AdjustmentSource;
  /** The promotion, for `source: 'promotion'`. */
  promotionId?: string;
  /** The manual discount, for the manual sources. */
  manualDiscountId?: string;
  label: string;
  /** Positive minor units taken off the line. */
  amount: number;
  approvedBy?: string;
}

export interface SaleLineDoc {
  id: string;
  entry: SaleLineEntry;
  /** '' for manual lines. */
  productId: string;
  description: string;
  gtin?: string;
  plu?: string;
  unit: ProductUnit;
  /** Units for 'each'; always 1 for weighed lines. */
  quantity: number;
  /** Net weight in grams for weighed lines. */
  weightGrams?: number;
  /** Regular price per unit, or per kilogram for weighed lines. */
  unitPrice: number;
  memberUnitPrice?: number;
  priceId?: string;
  taxClass: string;
  taxRateId: string;
  taxRateBps: number;
  /** The rate's label for the receipt's tax summary. */
  taxLabel: string;
  categoryId: string;
  productGroupId: string;
  ageRestriction: number;
  /** Employee who approved a manual line. */
  approvedBy?: string;
  voided: boolean;
  voidedBy?: string;
  /** For return lines: the line of the original sale being returned. */
  originalLineId?: string;
  /** unitPrice × quantity, or unitPrice × grams / 1000 rounded half-up. */
  gross: number;
  /** Sum of `adjustments`. */
  discount: number;
  /** gross − discount, in the store's price basis (tax included in inclusive stores, excluded otherwise). */
  amount: number;
  tax: number;
  /** What the customer pays for the line: `amount` in inclusive stores, `amount + tax` in exclusive ones. */
  total: number;
  adjustments: SaleAdjustmentDoc[];
}

export interface ManualDiscountDoc {
  id: string;
  /** Absent for a discount on the whole basket. */
  lineId?: string;
  percentBps?: number;
  amount?: number;
  approvedBy: string;
  reason: string;
}

export interface AppliedPromotionDoc {
  promotionId: string;
  label: string;
  amount: number;
}

export interface SaleTaxDoc {
  taxRateId: string;
  label: string;
  rateBps: number;
  /** Taxable amount excluding tax. */
  base: number;
  tax: number;
}

export interface TenderDoc {
  id: string;
  kind: TenderKind;
  /** What the tender brought in (for a return: paid out). Cash may exceed what was due: see `change`. */
  amount: number;
  /** Card/wallet authorisation or voucher code. */
  reference?: string;
}

/** A coupon presented at the lane: its code and the promotion (with `couponCodes`) it grants. */
export interface SaleCouponDoc {
  code: string;
  promotionId: string;
}
export interface SaleTotalsDoc {
  gross: number;
  discount: number;
  tax: number;
  /** Sum of the non-voided lines' `total`. */
  total: number;
  /** Signed adjustment applied when the balance was settled in cash (e.g. CHF to 0.05). */
  cashRounding: number;
  /** total + cashRounding. */
  due: number;
  /** Sum of tender amounts. */
  paid: number;
  /** Cash handed back: paid − due, never more than the cash tendered. */
  change: number;
}

export interface SaleDoc {
  id: string;
  storeId: string;
  deviceId: string;
  shiftId: string;
  cashierId: string;
  kind: SaleKind;
  /** Set on returns. */
  originalSaleId?: string;
  status: SaleStatus;
  /** Store-local calendar day the sale belongs to, 'YYYY-MM-DD'. */
  businessDay: string;
  currency: string;
  taxMode: TaxMode;
  taxRounding: TaxRounding;
  /** Cash payments are rounded to a multiple of this many minor units (1 = no cash rounding). */
  cashRoundingStep: number;
  memberId?: string;
  /** Coupons presented on this sale (version 1): each grants the promotion it names, for this sale only. */
  coupons?: SaleCouponDoc[];
  /** Set on a sale that resumes a suspended basket (version 1): the suspended document's id. */
  resumesSaleId?: string;
  /** Employee who checked the buyer's age for age-restricted lines. */
  ageVerifiedBy?: string;
  openedAt: number;
  completedAt?: number;
  lines: SaleLineDoc[];
  manualDiscounts: ManualDiscountDoc[];
  promotions: AppliedPromotionDoc[];
  taxes: SaleTaxDoc[];
  tenders: TenderDoc[];
  totals: SaleTotalsDoc;
}

const signedMinorUnits = {
  type: 'integer',
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
} as const;
const text = { type: 'string', maxLength: 200 } as const;

const adjustment = {
  type: 'object',
  properties: {
    source: { type: 'string', enum: ['promotion', 'member-price', 'manual-line', 'manual-basket'] },
    promotionId: id,
    manualDiscountId: id,
    label: text,
    amount: minorUnits,
    approvedBy: id,
  },
  required: ['source', 'label', 'amount'],
  additionalProperties: false,
} as const;

const line = {
  type: 'object',
  properties: {
    id,
    entry: { type: 'string', enum: ['scanned', 'weighed', 'plu', 'manual'] },
    productId: { type: 'string', maxLength: 64 },
    description: text,
    gtin: { type: 'string', maxLength: 14 },
    plu: { type: 'string', maxLength: 6 },
    unit: { type: 'string', enum: ['each', 'weight'] },
    quantity: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    weightGrams: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    unitPrice: minorUnits,
    memberUnitPrice: minorUnits,
    priceId: id,
    taxClass: { type: 'string', maxLength: 32 },
    taxRateId: id,
    taxRateBps: { type: 'integer', minimum: 0, maximum: 10_000 },
    taxLabel: { type: 'string', maxLength: 32 },
    categoryId: { type: 'string', maxLength: 64 },
    productGroupId: { type: 'string', maxLength: 64 },
    ageRestriction: { type: 'integer', minimum: 0, maximum: 99 },
    approvedBy: id,
    voided: { type: 'boolean' },
    voidedBy: id,
    originalLineId: id,
    gross: minorUnits,
    discount: minorUnits,
    amount: minorUnits,
    tax: minorUnits,
    total: minorUnits,
    adjustments: { type: 'array', maxItems: 100, items: adjustment },
  },
  required: [
    'id',
    'entry',
    'productId',
    'description',
    'unit',
    'quantity',
    'unitPrice',
    'taxClass',
    'taxRateId',
    'taxRateBps',
    'taxLabel',
    'categoryId',
    'productGroupId',
    'ageRestriction',
    'voided',
    'gross',
    'discount',
    'amount',
    'tax',
    'total',
    'adjustments',
  ],
  additionalProperties: false,
} as const;

export const salesSchema = {
  title: 'sales',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    storeId: id,
    deviceId: id,
    shiftId: id,
    cashierId: id,
    kind: { type: 'string', enum: ['sale', 'return'], maxLength: 8 },
    originalSaleId: id,
    status: { type: 'string', enum: ['open', 'completed', 'cancelled', 'suspended'], maxLength: 16 },
    businessDay: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 },
    currency: currencyProperty,
    taxMode: { type: 'string', enum: ['inclusive', 'exclusive'] },
    taxRounding: { type: 'string', enum: ['line', 'document'] },
    cashRoundingStep: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    memberId: id,
    coupons: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: { code: { type: 'string', minLength: 1, maxLength: 64 }, promotionId: id },
        required: ['code', 'promotionId'],
        additionalProperties: false,
      },
    },
    resumesSaleId: id,
    ageVerifiedBy: id,
    openedAt: epochMs,
    completedAt: epochMs,
    lines: { type: 'array', maxItems: 5_000, items: line },
    manualDiscounts: {
      type: 'array',
      maxItems: 1_000,
      items: {
        type: 'object',
        properties: {
          id,
          lineId: id,
          percentBps: { type: 'integer', minimum: 0, maximum: 10_000 },
          amount: minorUnits,
          approvedBy: id,
          reason: text,
        },
        required: ['id', 'approvedBy', 'reason'],
        additionalProperties: false,
      },
    },
    promotions: {
      type: 'array',
      maxItems: 1_000,
      items: {
        type: 'object',
        properties: { promotionId: id, label: text, amount: minorUnits },
        required: ['promotionId', 'label', 'amount'],
        additionalProperties: false,
      },
    },
    taxes: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          taxRateId: id,
          label: text,
          rateBps: { type: 'integer', minimum: 0, maximum: 10_000 },
          base: minorUnits,
          tax: minorUnits,
        },
        required: ['taxRateId', 'label', 'rateBps', 'base', 'tax'],
        additionalProperties: false,
      },
    },
    tenders: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          id,
          kind: { type: 'string', enum: ['cash', 'card', 'wallet', 'voucher'] },
          amount: minorUnits,
          reference: text,
        },
        required: ['id', 'kind', 'amount'],
        additionalProperties: false,
      },
    },
    totals: {
      type: 'object',
      properties: {
        gross: minorUnits,
        discount: minorUnits,
        tax: minorUnits,
        total: minorUnits,
        cashRounding: signedMinorUnits,
        due: minorUnits,
        paid: minorUnits,
        change: minorUnits,
      },
      required: ['gross', 'discount', 'tax', 'total', 'cashRounding', 'due', 'paid', 'change'],
      additionalProperties: false,
    },
  },
  required: [
    'id',
    'storeId',
    'deviceId',
    'shiftId',
    'cashierId',
    'kind',
    'status',
    'businessDay',
    'currency',
    'taxMode',
    'taxRounding',
    'cashRoundingStep',
    'openedAt',
    'lines',
    'manualDiscounts',
    'promotions',
    'taxes',
    'tenders',
    'totals',
  ],
  additionalProperties: false,
  indexes: ['storeId', 'shiftId', ['storeId', 'businessDay'], 'status'],
} as const;

/** A sale or return is final once completed, cancelled or suspended: nothing may change it afterwards. */
export function salesIsFinal(doc: Pick<SaleDoc, 'status'>): boolean {
  return doc.status === 'completed' || doc.status === 'cancelled' || doc.status === 'suspended';
}

/**
 * Version 0 → 1 adds the optional `coupons` and `resumesSaleId` and the 'suspended' status: a version 0
 * document is already a valid version 1 document.
 */
export function migrateSaleV0ToV1(old: Record<string, unknown>): Record<string, unknown> {
  return { ...old };
}
