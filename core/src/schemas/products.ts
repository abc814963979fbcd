import { epochMsProperty as epochMs } from './conventions.js';

/**
 * Products: chain-wide master data (storeId '*', or one store's own lines), written at HQ only.
 * A product is sold by the unit ('each') or by weight in integer grams ('weight').
 */
export type ProductUnit = 'each' | 'weight';

export interface ProductDoc {
  id: string;
  /** '*' for chain-wide master data. */
  storeId: string;
  name: string;
  /** Printed on the receipt and the shelf label; at most 40 characters. */
  receiptName: string;
  /** GTIN-8/12/13/14 digit strings, normalised without spaces. */
  gtins: string[];
  /** Price look-up code keyed at the lane or the scale, '' when none. */
  plu: string;
  unit: ProductUnit;
  /** Key into the tax rates of the store (e.g. 'standard', 'reduced', 'zero'). */
  taxClass: string;
  /** Minimum age of the buyer in years; 0 when not restricted. */
  ageRestriction: number;
  /** Self-checkout and smart carts compare the bagging-area weight against this, in grams. */
  expectedUnitWeightGrams?: number;
  weightToleranceGrams?: number;
  categoryId: string;
  /** Mix-and-match promotions target a product group; '' when none. */
  productGroupId: string;
  active: boolean;
  /** Epoch milliseconds of the HQ write. */
  updatedAt: number;
}

export const productsSchema = {
  title: 'products',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    storeId: { type: 'string', maxLength: 64 },
    name: { type: 'string', maxLength: 200 },
    receiptName: { type: 'string', maxLength: 40 },
    gtins: {
      type: 'array',
      maxItems: 32,
      items: { type: 'string', pattern: '^[0-9]{8,14}$', maxLength: 14 },
    },
    plu: { type: 'string', pattern: '^[0-9]{0,6}$', maxLength: 6 },
    unit: { type: 'string', enum: ['each', 'weight'], maxLength: 8 },
    taxClass: { type: 'string', maxLength: 32 },
    ageRestriction: { type: 'integer', minimum: 0, maximum: 99 },
    expectedUnitWeightGrams: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    weightToleranceGrams: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    categoryId: { type: 'string', maxLength: 64 },
    productGroupId: { type: 'string', maxLength: 64 },
    active: { type: 'boolean' },
    updatedAt: epochMs,
  },
  required: [
    'id',
    'storeId',
    'name',
    'receiptName',
    'gtins',
    'plu',
    'unit',
    'taxClass',
    'ageRestriction',
    'categoryId',
    'productGroupId',
    'active',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['storeId', 'plu', 'categoryId', 'updatedAt'],
} as const;
