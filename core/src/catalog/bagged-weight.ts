import type { ProductDoc } from '../schemas/products.js';

export type BaggedWeightVerdict = 'match' | 'too-light' | 'too-heavy' | 'unknown';

export interface BaggedWeightCheck {
  readonly verdict: BaggedWeightVerdict;
  readonly expectedGrams: number;
  readonly toleranceGrams: number;
  /** measured − expected. */
  readonly deltaGrams: number;
}

/**
 * Self-checkout and smart-cart security: does the weight that appeared in the bagging area match
 * `quantity` units of the product? The tolerance grows with the quantity (each unit may vary).
 * Products without an expected weight give 'unknown', for the caller's policy to decide.
 */
export function checkBaggedWeight(
  product: Pick<ProductDoc, 'expectedUnitWeightGrams' | 'weightToleranceGrams'>,
  quantity: number,
  measuredGrams: number,
): BaggedWeightCheck {
  const unit = product.expectedUnitWeightGrams;
  if (unit === undefined || unit === 0) {
    return { verdict: 'unknown', expectedGrams: 0, toleranceGrams: 0, deltaGrams: measuredGrams };
  }
  const expectedGrams = unit * quantity;
  const toleranceGrams = (product.weightToleranceGrams ?? 0) * quantity;
  const deltaGrams = measuredGrams - expectedGrams;
  const verdict =
    deltaGrams < -toleranceGrams ? 'too-light' : deltaGrams > toleranceGrams ? 'too-heavy' : 'match';
  return { verdict, expectedGrams, toleranceGrams, deltaGrams };
}
