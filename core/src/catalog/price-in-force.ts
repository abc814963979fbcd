import { err, ok, type Result } from '../result.js';
import type { PriceDoc } from '../schemas/prices.js';
import type { ProductDoc, ProductUnit } from '../schemas/products.js';
import { versionInForce } from './version-in-force.js';

/** The price a lane charges for a product: per unit, or per kilogram when `unit` is 'weight'. */
export interface PriceInForce {
  readonly priceId: string;
  readonly productId: string;
  readonly currency: string;
  readonly unit: ProductUnit;
  readonly unitPrice: number;
  readonly memberUnitPrice?: number;
}

export type PriceInForceError = 'no-price' | 'product-inactive';

/**
 * Pure: picks the price version of `product` in force in `storeId` at `instant` (see `versionInForce` for
 * how versions supersede each other). `versions` may hold other products' prices; they are ignored.
 */
export function priceInForce(
  product: Pick<ProductDoc, 'id' | 'unit' | 'active'>,
  storeId: string,
  instant: number,
  versions: readonly PriceDoc[],
): Result<PriceInForce, PriceInForceError> {
  if (!product.active) return err('product-inactive', `product '${product.id}' is not for sale`);
  const own = versions.filter((v) => v.productId === product.id);
  const v = versionInForce(own, storeId, instant);
  if (v === undefined) {
    return err('no-price', `no price for product '${product.id}' in store '${storeId}' at ${instant}`);
  }
  const price: PriceInForce = {
    priceId: v.id,
    productId: product.id,
    currency: v.currency,
    unit: product.unit,
    unitPrice: v.amount,
  };
  return ok(v.memberAmount === undefined ? price : { ...price, memberUnitPrice: v.memberAmount });
}
