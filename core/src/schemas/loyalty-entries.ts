import { currencyProperty, epochMsProperty, idProperty, minorUnitsProperty } from './conventions.js';

/**
 * The loyalty ledger: points earned and spent and coupons redeemed and given back, one append-only line each,
 * final when written. A member's balance and a coupon's status are derived from it (../loyalty), never
 * replicated as counters (ARCHITECTURE.md §3).
 */
export type PointsEntryKind = 'points-earned' | 'points-spent' | 'points-expired' | 'points-adjusted';
/** 'coupon-redeemed' uses a coupon on a sale; 'coupon-reversed' gives it back when that sale is returned or voided. */
export type CouponEntryKind = 'coupon-redeemed' | 'coupon-reversed';
export type LoyaltyEntryKind = PointsEntryKind | CouponEntryKind;

export const POINTS_ENTRY_KINDS: readonly PointsEntryKind[] = Object.freeze([
  'points-earned',
  'points-spent',
  'points-expired',
  'points-adjusted',
]);
export const COUPON_ENTRY_KINDS: readonly CouponEntryKind[] = Object.freeze([
  'coupon-redeemed',
  'coupon-reversed',
]);

/** What every entry carries, whatever its kind; these are the fields the collection indexes. */
interface LoyaltyLedgerLine {
  /** UUIDv7 made on the device. */
  id: string;
  /** Store where the entry was made. */
  storeId: string;
  /** Always set for points; '' for a coupon not tied to a member. */
  memberId: string;
  /** The sale or return the entry belongs to; '' for adjustments and expiry. */
  saleId: string;
  /** The coupon a coupon entry concerns; '' on points entries. */
  couponCode: string;
  deviceId: string;
  employeeId: string;
  /** Device clock, epoch milliseconds; shown to people, never used for ordering. */
  createdAt: number;
}

export interface PointsEntryDoc extends LoyaltyLedgerLine {
  kind: PointsEntryKind;
  /**
   * Signed change to the member's balance, never 0: positive when earned, negative when spent or expired,
   * either for an adjustment. The balance is the plain sum.
   */
  points: number;
}

interface CouponLedgerLine extends LoyaltyLedgerLine {
  /** The promotion the coupon grants. */
  promotionId: string;
  /** Integer minor units of discount the coupon gave (or, reversed, gives back). */
  discountAmount: number;
  currency: string;
}

export interface CouponRedeemedDoc extends CouponLedgerLine {
  kind: 'coupon-redeemed';
}

export interface CouponReversedDoc extends CouponLedgerLine {
  kind: 'coupon-reversed';
  /** The id of the 'coupon-redeemed' entry this one undoes. */
  reversesId: string;
}

export type CouponEntryDoc = CouponRedeemedDoc | CouponReversedDoc;
export type LoyaltyEntryDoc = PointsEntryDoc | CouponEntryDoc;

export function isPointsEntry(entry: Pick<LoyaltyEntryDoc, 'kind'>): entry is PointsEntryDoc {
  return (POINTS_ENTRY_KINDS as readonly string[]).includes(entry.kind);
}

export function isCouponEntry(entry: Pick<LoyaltyEntryDoc, 'kind'>): entry is CouponEntryDoc {
  return (COUPON_ENTRY_KINDS as readonly string[]).includes(entry.kind);
}

const pointsProperty = {
  type: 'integer',
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
} as const;
const couponCodeProperty = { type: 'string', maxLength: 64 } as const;
const reversesIdProperty = { ...idProperty, minLength: 1 } as const;

/**
 * One collection for points and coupons: RxDB's open-source edition caps a process at 13 collections (see
 * ./collections.ts). Fields every kind carries sit at the top level (and only those are indexed); the
 * kind-specific fields are allowed and required by the `if`/`then`/`else` below.
 */
export const loyaltyEntriesSchema = {
  title: 'loyalty entries',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    kind: {
      type: 'string',
      enum: [...POINTS_ENTRY_KINDS, ...COUPON_ENTRY_KINDS],
      maxLength: 16,
    },
    memberId: idProperty,
    saleId: idProperty,
    couponCode: couponCodeProperty,
    points: pointsProperty,
    promotionId: idProperty,
    reversesId: reversesIdProperty,
    discountAmount: minorUnitsProperty,
    currency: currencyProperty,
    deviceId: idProperty,
    employeeId: idProperty,
    createdAt: epochMsProperty,
  },
  required: [
    'id',
    'storeId',
    'kind',
    'memberId',
    'saleId',
    'couponCode',
    'deviceId',
    'employeeId',
    'createdAt',
  ],
  allOf: [
    {
      if: { properties: { kind: { enum: [...POINTS_ENTRY_KINDS] } }, required: ['kind'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, never awaited
      then: {
        properties: {
          memberId: { ...idProperty, minLength: 1 },
          points: pointsProperty,
          couponCode: { type: 'string', maxLength: 0 },
          promotionId: false,
          discountAmount: false,
          currency: false,
        },
        required: ['points'],
      },
      else: {
        properties: {
          couponCode: { ...couponCodeProperty, minLength: 1 },
          promotionId: idProperty,
          discountAmount: minorUnitsProperty,
          currency: currencyProperty,
          points: false,
        },
        required: ['promotionId', 'discountAmount', 'currency'],
      },
    },
    {
      if: { properties: { kind: { const: 'coupon-reversed' } }, required: ['kind'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, never awaited
      then: { properties: { reversesId: reversesIdProperty }, required: ['reversesId'] },
      else: { properties: { reversesId: false } },
    },
  ],
  additionalProperties: false,
  indexes: ['memberId', 'saleId', 'couponCode'],
} as const;

/** Loyalty entries are final the moment they are written. */
export function loyaltyEntriesIsFinal(_doc: LoyaltyEntryDoc): boolean {
  return true;
}
