import { err, ok, type Result } from '../result.js';
import type { ProductDoc } from '../schemas/products.js';

export type ProductError =
  | 'missing-field'
  | 'invalid-gtin'
  | 'invalid-plu'
  | 'invalid-unit'
  | 'invalid-age-restriction'
  | 'invalid-weight';

/**
 * Business rules a product must meet before HQ publishes it, beyond the JSON schema: each rule names the
 * field at fault.
 */
export function checkProduct(p: ProductDoc): Result<ProductDoc, ProductError> {
  for (const field of ['id', 'storeId', 'name', 'taxClass', 'categoryId'] as const) {
    if (p[field] === '') return err('missing-field', `${field} is required`, field);
  }
  if (p.unit !== 'each' && p.unit !== 'weight')
    return err('invalid-unit', `unit '${p.unit}' is unknown`, 'unit');
  for (const g of p.gtins) {
    if (!/^(\d{8}|\d{12,14})$/.test(g))
      return err('invalid-gtin', `'${g}' is not a GTIN-8/12/13/14`, 'gtins');
  }
  if (!/^\d{0,6}$/.test(p.plu)) return err('invalid-plu', `PLU '${p.plu}' must be up to 6 digits`, 'plu');
  if (!Number.isInteger(p.ageRestriction) || p.ageRestriction < 0 || p.ageRestriction > 99) {
    return err('invalid-age-restriction', `age restriction must be 0..99 years`, 'ageRestriction');
  }
  for (const field of ['expectedUnitWeightGrams', 'weightToleranceGrams'] as const) {
    const v = p[field];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
      return err('invalid-weight', `${field} must be whole grams >= 0`, field);
    }
  }
  if (p.unit === 'weight' && p.expectedUnitWeightGrams !== undefined) {
    return err(
      'invalid-weight',
      'a product sold by weight has no expected unit weight',
      'expectedUnitWeightGrams',
    );
  }
  return ok(p);
}
