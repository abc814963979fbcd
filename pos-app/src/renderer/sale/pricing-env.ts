import { businessDayOf, localClock, type PricingEnv } from '@storefloor/core';
import type { CatalogSnapshot } from '../data/live-catalog.js';

/** The promotions in force and the store's local clock now, as core's pricing needs them. */
export function pricingEnvAt(catalog: CatalogSnapshot, instant: number): PricingEnv {
  const clock = localClock(instant, catalog.store?.timeZone ?? 'UTC');
  return { promotions: catalog.promotions, instant, weekday: clock.weekday, minuteOfDay: clock.minuteOfDay };
}

export function businessDayAt(catalog: CatalogSnapshot, instant: number): string {
  const store = catalog.store;
  return store ? businessDayOf(instant, store) : localClock(instant, 'UTC').day;
}
