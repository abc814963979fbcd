import type { ProductDoc } from '@storefloor/core';
import { boolean, identifier, integer, list, oneOf, storeIdField, text } from '../field-parsers.js';
import type { ImportKind } from '../import-kind.js';

const gtin = (value: unknown) => {
  const digits = typeof value === 'string' ? value.replace(/\s/g, '') : String(value);
  return /^\d{8}$|^\d{12,14}$/.test(digits)
    ? { ok: true as const, value: digits }
    : { ok: false as const, reason: 'not-a-gtin', detail: 'a GTIN has 8, 12, 13 or 14 digits' };
};

/** Products: upserted by id; an unchanged row is not rewritten. */
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
    const name = row.required('name', text(200));
    const doc: ProductDoc = {
      id: row.required('id', identifier) ?? '',
      storeId: row.optional('storeId', storeIdField) ?? context.defaultStoreId,
      name: name ?? '',
      receiptName: row.optional('receiptName', text(40)) ?? (name ?? '').slice(0, 40),
      gtins: row.optional('gtins', list(gtin, 32)) ?? [],
      plu: row.optional('plu', text(6)) ?? '',
      unit: row.optional('unit', oneOf(['each', 'weight'] as const)) ?? 'each',
      taxClass: row.required('taxClass', text(32)) ?? '',
      ageRestriction: row.optional('ageRestriction', integer(0, 99)) ?? 0,
      categoryId: row.optional('categoryId', text(64)) ?? '',
      productGroupId: row.optional('productGroupId', text(64)) ?? '',
      active: row.optional('active', boolean) ?? true,
      updatedAt: context.now,
    };
    const expected = row.optional('expectedUnitWeightGrams', integer(0, 1_000_000));
    if (expected !== undefined) doc.expectedUnitWeightGrams = expected;
    const tolerance = row.optional('weightToleranceGrams', integer(0, 1_000_000));
    if (tolerance !== undefined) doc.weightToleranceGrams = tolerance;
    return row.rejection ? undefined : { ...doc };
  },
};
