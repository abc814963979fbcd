import { resumeSale, type SaleDoc, suspendSale } from '@storefloor/core';
import type { LaneServices } from '../../app/lane-services.js';
import type { CatalogSnapshot } from '../../data/live-catalog.js';
import { suspendAndResumeSales } from '../../sale/lane-loyalty.js';
import { businessDayAt, pricingEnvAt } from '../../sale/pricing-env.js';

/** Closes the lane's open sale as suspended (its own document) and records it for the push. */
export async function suspendAtLane(lane: Pick<LaneServices, 'db' | 'sync'>, sale: SaleDoc) {
  const r = suspendSale(sale, Date.now());
  if (!r.ok) return r;
  await lane.db.sales.upsert(r.value);
  lane.sync.wrote('sales', r.value.id);
  return r;
}

/**
 * Rings a new sale of this lane resuming a suspended basket (core's resumeSale), written to the replica at
 * once so every other lane's list hides the basket as soon as it replicates.
 */
export async function resumeAtLane(
  lane: Pick<LaneServices, 'db' | 'sync' | 'identity'>,
  catalog: CatalogSnapshot,
  basket: SaleDoc,
  who: { id: string; shiftId: string; cashierId: string },
) {
  const now = Date.now();
  const r = resumeSale(
    {
      suspended: basket,
      storeSales: await suspendAndResumeSales(lane.db),
      id: who.id,
      deviceId: lane.identity.deviceId,
      shiftId: who.shiftId,
      cashierId: who.cashierId,
      businessDay: businessDayAt(catalog, now),
      openedAt: now,
    },
    pricingEnvAt(catalog, now, basket),
  );
  if (!r.ok) return r;
  await lane.db.sales.upsert(r.value);
  lane.sync.wrote('sales', r.value.id);
  return r;
}
