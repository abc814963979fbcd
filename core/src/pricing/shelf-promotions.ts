import type { ProductDoc } from '../schemas/products.js';
import type { PromotionDoc } from '../schemas/promotions.js';
import { isPromotionActive, type PricingContext } from './promotion-active.js';
import type { PromotionIndex } from './promotion-index.js';

/**
 * The active promotions a shelf label (or a price check) shows for a product, in the order the engine
 * would apply them. Basket-wide promotions are not a product's offer and are left out.
 */
export function shelfPromotions(
  product: Pick<ProductDoc, 'id' | 'categoryId' | 'productGroupId'>,
  index: PromotionIndex,
  ctx: PricingContext,
): PromotionDoc[] {
  const ranks = new Set<number>([
    ...(index.byProduct.get(product.id) ?? []),
    ...(index.byCategory.get(product.categoryId) ?? []),
    ...(product.productGroupId === '' ? [] : (index.byGroup.get(product.productGroupId) ?? [])),
  ]);
  return [...ranks]
    .sort((a, b) => a - b)
    .map((rank) => index.ordered[rank]!)
    .filter((p) => isPromotionActive(p, ctx));
}
