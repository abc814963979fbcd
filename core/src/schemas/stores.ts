import { currencyProperty, epochMsProperty, idProperty } from './conventions.js';

/** A store of the chain. Its `storeId` is its own `id`, so each store receives its own record. */
export interface StoreDoc {
  id: string;
  /** Equal to `id`. */
  storeId: string;
  name: string;
  /** ISO 4217 code of the store's till. */
  currency: string;
  /** IANA time zone, for day-end and reports. */
  timeZone: string;
  /** BCP 47 language tag for receipts and screens. */
  locale: string;
  /** Whether shelf prices include tax (EU style) or tax is added at the till (US style). */
  pricesIncludeTax: boolean;
  address: string;
  active: boolean;
  updatedAt: number;
}

export const storesSchema = {
  title: 'stores',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    name: { type: 'string', maxLength: 200 },
    currency: currencyProperty,
    timeZone: { type: 'string', maxLength: 64 },
    locale: { type: 'string', maxLength: 35 },
    pricesIncludeTax: { type: 'boolean' },
    address: { type: 'string', maxLength: 500 },
    active: { type: 'boolean' },
    updatedAt: epochMsProperty,
  },
  required: [
    'id',
    'storeId',
    'name',
    'currency',
    'timeZone',
    'locale',
    'pricesIncludeTax',
    'address',
    'active',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['storeId'],
} as const;
