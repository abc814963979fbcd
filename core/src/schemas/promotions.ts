import {
  /**
   * Promotions: master data written at HQ, effective-dated, never edited in place (a change is a new promotion
   * that supersedes the old one by its dates). The pricing engine (../pricing) is the only reader that
   * interprets `rule`.
   */
  currencyProperty,
  epochMsProperty as epochMs,
  minorUnitsProperty as minorUnits,
} from './conventions.js';

/** Lines match when their product, category or product group is listed. */
export interface PromotionTarget {
  productIds: string[];
  categoryIds: string[];
  productGroupIds: string[];
}

export type PromotionRule =
  /** Percentage off every matching unit (or the whole weighed line). */
  | { kind: 'percent-off'; target: PromotionTarget; percentBps: number }
  /** Amount off per matching unit, or per kilogram on weighed lines. */
  | { kind: 'amount-off'; target: PromotionTarget; amount: number }
  /** `quantity` units of the same product for `price` in total ("3 for 10"). */
  | { kind: 'multi-buy'; target: PromotionTarget; quantity: number; price: number }
  /** `quantity` units of any products of one group for `price` in total. */
  | { kind: 'mix-match'; productGroupId: string; quantity: number; price: number }
  /** For every `buyQuantity` units bought, the next `getQuantity` (the cheapest) get `getPercentBps` off. */
  | {
      kind: 'buy-get';
      target: PromotionTarget;
      buyQuantity: number;
      getQuantity: number;
      getPercentBps: number;
    }
  /**
   * When the matching lines (all lines when the target is empty) reach `threshold` after item promotions,
   * `amount` (or `percentBps`) comes off, spread over those lines in proportion.
   */
  | {
      kind: 'basket-threshold';
      target: PromotionTarget;
      threshold: number;
      amount?: number;
      percentBps?: number;
    };

export type PromotionKind = PromotionRule['kind'];

/** A weekly window in the store's local time; ISO weekdays (1 = Monday … 7 = Sunday), minutes of the day. */
export interface PromotionTimeWindow {
  weekdays: number[];
  fromMinute: number;
  /** Exclusive. */
  toMinute: number;
}

export interface PromotionDoc {
  id: string;
  storeId: string;
  name: string;
  /** What the receipt and the shelf label print next to the discount, at most 40 characters. */
  receiptText: string;
  /** ISO 4217 code of every amount in the rule. */
  currency: string;
  /** Higher first; ties are broken by id so the result never depends on input order. */
  priority: number;
  /** An exclusive promotion combines with no other promotion on the same lines. */
  exclusive: boolean;
  memberOnly: boolean;
  validFrom: number;
  validTo?: number;
  /** When present, the promotion applies only inside one of these windows. */
  timeWindows?: PromotionTimeWindow[];
  rule: PromotionRule;
  /**
   * Version 1: a coupon promotion. It applies only to a sale on which one of these codes was presented
   * (`SaleDoc.coupons`), each code once across the store (../loyalty couponStatus); never automatically.
   */
  couponCodes?: string[];
  createdAt: number;
}

/** Whether a promotion is granted only by presenting a coupon code. */
export function isCouponPromotion(p: Pick<PromotionDoc, 'couponCodes'>): boolean {
  return p.couponCodes !== undefined && p.couponCodes.length > 0;
}

/** Version 0 → 1 adds the optional `couponCodes`: a version 0 promotion is a valid version 1 one. */
export function migratePromotionV0ToV1(old: Record<string, unknown>): Record<string, unknown> {
  return { ...old };
}

const bps = { type: 'integer', minimum: 0, maximum: 10_000 } as const;
const count = { type: 'integer', minimum: 1, maximum: 10_000 } as const;
const ids = { type: 'array', maxItems: 10_000, items: { type: 'string', maxLength: 64 } } as const;
const target = {
  type: 'object',
  properties: { productIds: ids, categoryIds: ids, productGroupIds: ids },
  required: ['productIds', 'categoryIds', 'productGroupIds'],
  additionalProperties: false,
} as const;

function ruleOf(kind: string, properties: Record<string, unknown>, required: string[]) {
  return {
    type: 'object',
    properties: { kind: { type: 'string', const: kind }, ...properties },
    required: ['kind', ...required],
    additionalProperties: false,
  } as const;
}

export const promotionsSchema = {
  title: 'promotions',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    storeId: { type: 'string', maxLength: 64 },
    name: { type: 'string', maxLength: 200 },
    receiptText: { type: 'string', maxLength: 40 },
    currency: currencyProperty,
    priority: { type: 'integer', minimum: -1_000_000, maximum: 1_000_000 },
    exclusive: { type: 'boolean' },
    memberOnly: { type: 'boolean' },
    validFrom: epochMs,
    validTo: epochMs,
    timeWindows: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        properties: {
          weekdays: { type: 'array', maxItems: 7, items: { type: 'integer', minimum: 1, maximum: 7 } },
          fromMinute: { type: 'integer', minimum: 0, maximum: 1440 },
          toMinute: { type: 'integer', minimum: 0, maximum: 1440 },
        },
        required: ['weekdays', 'fromMinute', 'toMinute'],
        additionalProperties: false,
      },
    },
    rule: {
      type: 'object',
      oneOf: [
        ruleOf('percent-off', { target, percentBps: bps }, ['target', 'percentBps']),
        ruleOf('amount-off', { target, amount: minorUnits }, ['target', 'amount']),
        ruleOf('multi-buy', { target, quantity: count, price: minorUnits }, ['target', 'quantity', 'price']),
        ruleOf(
          'mix-match',
          { productGroupId: { type: 'string', maxLength: 64 }, quantity: count, price: minorUnits },
          ['productGroupId', 'quantity', 'price'],
        ),
        ruleOf('buy-get', { target, buyQuantity: count, getQuantity: count, getPercentBps: bps }, [
          'target',
          'buyQuantity',
          'getQuantity',
          'getPercentBps',
        ]),
        ruleOf('basket-threshold', { target, threshold: minorUnits, amount: minorUnits, percentBps: bps }, [
          'target',
          'threshold',
        ]),
      ],
    },
    couponCodes: {
      type: 'array',
      maxItems: 10_000,
      items: { type: 'string', minLength: 1, maxLength: 64 },
    },
    createdAt: epochMs,
  },
  required: [
    'id',
    'storeId',
    'name',
    'receiptText',
    'currency',
    'priority',
    'exclusive',
    'memberOnly',
    'validFrom',
    'rule',
    'createdAt',
  ],
  additionalProperties: false,
  indexes: ['storeId', 'validFrom', 'createdAt'],
} as const;
