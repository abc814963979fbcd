import { currencyProperty, epochMsProperty, idProperty, minorUnitsProperty } from './conventions.js';

/** 'redeem' uses a coupon on a sale; 'reverse' gives it back when that sale is returned or voided. */
export type CouponRedemptionKind = 'redeem' | 'reverse';

export interface CouponRedemptionDoc {
  /** UUIDv7 made on the device. */
  id: string;
  storeId: string;
  kind: CouponRedemptionKind;
  couponCode: string;
  promotionId: string;
  /** '' when the coupon is not tied to a member. */
  memberId: string;
  saleId: string;
  /** For 'reverse', the id of the redemption it undoes; '' otherwise. */
  reversesId: string;
  /** Integer minor units of discount the coupon gave. */
  discountAmount: number;
  currency: string;
  deviceId: string;
  employeeId: string;
  createdAt: number;
}

export const couponRedemptionsSchema = {
  title: 'coupon redemptions',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    kind: { type: 'string', enum: ['redeem', 'reverse'], maxLength: 8 },
    couponCode: { type: 'string', minLength: 1, maxLength: 64 },
    promotionId: idProperty,
    memberId: idProperty,
    saleId: idProperty,
    reversesId: idProperty,
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
    'couponCode',
    'promotionId',
    'memberId',
    'saleId',
    'reversesId',
    'discountAmount',
    'currency',
    'deviceId',
    'employeeId',
    'createdAt',
  ],
  additionalProperties: false,
  indexes: ['couponCode', 'saleId'],
} as const;

export function couponRedemptionsIsFinal(_doc: CouponRedemptionDoc): boolean {
  return true;
}
