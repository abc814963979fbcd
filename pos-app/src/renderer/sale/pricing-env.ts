import {
  businessDayOf,
  localClock,
  type PricingEnv,
  pricingEnvForSale,
  type SaleDoc,
} from '@storefloor/core';
import type { CatalogSnapshot } from '../data/live-catalog.js';

/**
 * The promotions in force and the store's local clock now, as core's pricing needs them; for a sale with
 * coupons, the coupon promotions its codes grant too (core's pricingEnvForSale).
 */
export function pricingEnvAt(
  catalog: CatalogSnapshot,
  instant: number,
  sale?: Pick<SaleDoc, 'coupons'>,
): PricingEnv {
  const clock = localClock(instant, catalog.store?.timeZone ?? 'UTC');
  const at = { instant, weekday: clock.weekday, minuteOfDay: clock.minuteOfDay };
  if (sale?.coupons !== undefined && sale.coupons.length > 0)
    return pricingEnvForSale(catalog.promotionDocs, sale, at);
  return { promotions: catalog.promotions, ...at };
}

export function businessDayAt(catalog: CatalogSnapshot, instant: number): string {
  const store = catalog.store;
  return store ? businessDayOf(instant, store) : localClock(instant, 'UTC').day;
}
