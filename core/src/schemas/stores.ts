import { cashStepFor } from '../money/cash-rounding.js';
import { currencyProperty, epochMsProperty, idProperty } from './conventions.js';
import type { TaxMode, TaxRounding } from './sales.js';

/**
 * A store's settings, versioned like prices (ARCHITECTURE.md §3): HQ never edits a version, it writes a new
 * one that takes over from its `validFrom`. `storeSettingsInForce` picks the version in force at an instant.
 *
 * Id scheme: every version has its own id, a UUIDv7 made at HQ from its `createdAt`, so ids never collide
 * and never need the store id inside them (store ids are up to 64 characters, like every id). Versions of
 * one store share `storeId`, which decides which store's devices receive them. Version 0 of this schema had
 * one document per store with `id === storeId`; migrated, it becomes that store's first version.
 */
export interface StoreDoc {
  /** The version's id. */
  id: string;
  /** The store these settings belong to (never '*'). */
  storeId: string;
  name: string;
  /** ISO 4217 code of the store's till. */
  currency: string;
  /** Whether shelf prices include tax (EU style) or tax is added at the till (US style). */
  taxMode: TaxMode;
  /** Tax rounded per line or once per rate on the whole document (core's `computeTax`). */
  taxRounding: TaxRounding;
  /** Cash payments are rounded to a multiple of this many minor units (1 = none; CHF 5 = 0.05). */
  cashRoundingStep: number;
  /** IANA time zone, for the business day, promotion time windows and reports. */
  timeZone: string;
  /**
   * Local hour (0-23) at which a new business day starts: a sale at 01:30 belongs to the previous day when
   * this is 4. 0 means the calendar day.
   */
  businessDayStartHour: number;
  /** Printed at the top of every receipt; lines separated by '\n'. */
  receiptHeader: string;
  /** Printed at the bottom of every receipt; lines separated by '\n'. */
  receiptFooter: string;
  /** BCP 47 language tags for receipts and screens, the default first (e.g. ['fr-FR', 'en-GB']). */
  languages: string[];
  address: string;
  active: boolean;
  /** Epoch milliseconds, inclusive. */
  validFrom: number;
  /** Epoch milliseconds, exclusive; absent when open-ended. */
  validTo?: number;
  /** Epoch milliseconds of the HQ write; breaks ties between versions with the same `validFrom`. */
  createdAt: number;
}

const multilineText = { type: 'string', maxLength: 1000 } as const;

export const storesSchema = {
  title: 'stores',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    name: { type: 'string', maxLength: 200 },
    currency: currencyProperty,
    taxMode: { type: 'string', enum: ['inclusive', 'exclusive'], maxLength: 9 },
    taxRounding: { type: 'string', enum: ['line', 'document'], maxLength: 8 },
    cashRoundingStep: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    businessDayStartHour: { type: 'integer', minimum: 0, maximum: 23 },
    receiptHeader: multilineText,
    receiptFooter: multilineText,
    languages: {
      type: 'array',
      minItems: 1,
      maxItems: 16,
      uniqueItems: true,
      items: { type: 'string', minLength: 2, maxLength: 35 },
    },
    address: { type: 'string', maxLength: 500 },
    active: { type: 'boolean' },
    validFrom: epochMsProperty,
    validTo: epochMsProperty,
    createdAt: epochMsProperty,
  },
  required: [
    'id',
    'storeId',
    'name',
    'currency',
    'taxMode',
    'taxRounding',
    'cashRoundingStep',
    'timeZone',
    'businessDayStartHour',
    'receiptHeader',
    'receiptFooter',
    'languages',
    'address',
    'active',
    'validFrom',
    'createdAt',
  ],
  additionalProperties: false,
  indexes: ['storeId', 'createdAt'],
} as const;

/** A document of version 0 of the stores schema: one per store, `id === storeId`, edited in place. */
export interface StoreDocV0 {
  id: string;
  storeId: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  pricesIncludeTax: boolean;
  address: string;
  active: boolean;
  updatedAt: number;
}

/**
 * Version 0 → 1: the store's single document becomes its first settings version, in force since ever
 * (`validFrom` 0) and stamped with its last update. Settings version 0 did not have take the values a lane
 * assumed for them: tax per line, the currency's cash step, the calendar day, no receipt header or footer,
 * the one locale as the only language.
 */
export function migrateStoreV0ToV1(old: Record<string, unknown>): Record<string, unknown> {
  const { locale, pricesIncludeTax, updatedAt, ...rest } = old as unknown as StoreDocV0;
  const step = cashStepFor(rest.currency);
  return {
    ...rest,
    taxMode: pricesIncludeTax ? 'inclusive' : 'exclusive',
    taxRounding: 'line',
    cashRoundingStep: step.ok ? step.value : 1,
    businessDayStartHour: 0,
    receiptHeader: '',
    receiptFooter: '',
    languages: [locale],
    validFrom: 0,
    createdAt: updatedAt,
  };
}
