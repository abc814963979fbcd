import type { ProductDoc } from '@storefloor/core';
import { ok } from '@storefloor/core';
import { boolean, identifier, list, storeIdField, text, wholeNumber } from '../field-parsers.js';
import type { ImportKind } from '../import-kind.js';

/**
 * A GTIN as printed ("4 006381 333931"), spaces removed. Whether it is one (8, 12, 13 or 14 digits with a
 * right GS1 check digit) is checked once, by core's `products` validation (`hasValidGs1CheckDigit`).
 */
const gtin = (value: unknown) => ok(String(value).replace(/\s/g, ''));

/**
 * Products: upserted by id; an unchanged row is not rewritten. Fields are only read here (text, numbers,
 * lists); every rule on them is core's schema validation, run on the document this builds.
 */
export const productsImport: ImportKind = {
  name: 'products',
  collection: 'products',
  columns: [
    'id',
    'storeId',
    'name',
    'receiptName',
    'gtins',
    'plu',
    'unit',
    'taxClass',
    'ageRestriction',
    'expectedUnitWeightGrams',
    'weightToleranceGrams',
    'categoryId',
    'productGroupId',
    'active',
  ],
  requiredColumns: ['id', 'name', 'taxClass'],
  toDocument(row, context) {
    const name = row.required('name', text);
    const doc: ProductDoc = {
      id: row.required('id', identifier) ?? '',
      storeId: row.optional('storeId', storeIdField) ?? context.defaultStoreId,
      name: name ?? '',
      receiptName: row.optional('receiptName', text) ?? (name ?? '').slice(0, 40),
      gtins: row.optional('gtins', list(gtin)) ?? [],
      plu: row.optional('plu', text) ?? '',
      unit: (row.optional('unit', text) ?? 'each') as ProductDoc['unit'],
      taxClass: row.required('taxClass', text) ?? '',
      ageRestriction: row.optional('ageRestriction', wholeNumber) ?? 0,
      categoryId: row.optional('categoryId', text) ?? '',
      productGroupId: row.optional('productGroupId', text) ?? '',
      active: row.optional('active', boolean) ?? true,
      updatedAt: context.now,
    };
    const expected = row.optional('expectedUnitWeightGrams', wholeNumber);
    if (expected !== undefined) doc.expectedUnitWeightGrams = expected;
    const tolerance = row.optional('weightToleranceGrams', wholeNumber);
    if (tolerance !== undefined) doc.weightToleranceGrams = tolerance;
    return row.rejection ? undefined : { ...doc };
  },
};
