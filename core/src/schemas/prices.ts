import {
  /**
   * Price versions: effective-dated, never edited in place. A new version with a later `validFrom` (or the
   * same `validFrom` and a later `createdAt`) supersedes the older one; `priceInForce` picks the winner.
   */
  currencyProperty,
  epochMsProperty as epochMs,
  minorUnitsProperty as minorUnits,
} from './conventions.js';
export interface PriceDoc {
  id: string;
  /** '*' for the chain-wide price, or one store's own price (which beats the chain-wide one). */
  storeId: string;
  productId: string;
  /** ISO 4217 code. */
  currency: string;
  /** Integer minor units per unit, or per kilogram for products sold by weight. */
  amount: number;
  /** Price for identified members, in the same unit as `amount`. */
  memberAmount?: number;
  /** Epoch milliseconds, inclusive. */
  validFrom: number;
  /** Epoch milliseconds, exclusive; absent when open-ended. */
  validTo?: number;
  /** Epoch milliseconds of the HQ write; breaks ties between versions with the same `validFrom`. */
  createdAt: number;
}

export const pricesSchema = {
  title: 'prices',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    storeId: { type: 'string', maxLength: 64 },
    productId: { type: 'string', maxLength: 64 },
    currency: currencyProperty,
    amount: minorUnits,
    memberAmount: minorUnits,
    validFrom: epochMs,
    validTo: epochMs,
    createdAt: epochMs,
  },
  required: ['id', 'storeId', 'productId', 'currency', 'amount', 'validFrom', 'createdAt'],
  additionalProperties: false,
  indexes: ['storeId', ['productId', 'validFrom'], 'createdAt'],
} as const;
