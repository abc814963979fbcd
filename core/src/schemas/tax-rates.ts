import { epochMsProperty as epochMs } from './conventions.js';

/**
 * Tax rates per store and tax class, effective-dated like prices (a rate change is a new version).
 * Rates are integer basis points: 2000 = 20 %, 550 = 5.5 %.
 */
export interface TaxRateDoc {
  id: string;
  /** '*' for every store of the chain, or one store (which beats the chain-wide rate). */
  storeId: string;
  taxClass: string;
  rateBps: number;
  /** Printed in the receipt's tax summary, e.g. 'A 20%'. */
  label: string;
  validFrom: number;
  validTo?: number;
  createdAt: number;
}

export const taxRatesSchema = {
  title: 'tax rates',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    storeId: { type: 'string', maxLength: 64 },
    taxClass: { type: 'string', maxLength: 32 },
    rateBps: { type: 'integer', minimum: 0, maximum: 10_000 },
    label: { type: 'string', maxLength: 32 },
    validFrom: epochMs,
    validTo: epochMs,
    createdAt: epochMs,
  },
  required: ['id', 'storeId', 'taxClass', 'rateBps', 'label', 'validFrom', 'createdAt'],
  additionalProperties: false,
  indexes: ['storeId', 'taxClass', 'createdAt'],
} as const;
