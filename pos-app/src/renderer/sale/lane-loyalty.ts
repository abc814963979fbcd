import {
  couponRedemptions,
  couponReversals,
  type LoyaltyEntryDoc,
  pointsBalance,
  pointsEntryFor,
  type SaleDoc,
  suspendedBaskets,
} from '@storefloor/core';
import type { LaneServices } from '../app/lane-services.js';
import type { LaneDatabase } from '../data/lane-database.js';

/** A member's points balance, derived from the loyalty ledger on the lane's replica (never a counter). */
export async function memberPoints(db: LaneDatabase, memberId: string): Promise<number> {
  const docs = await db.loyalty_entries.find({ selector: { memberId } }).exec();
  return pointsBalance(
    docs.map((d) => d.toMutableJSON() as LoyaltyEntryDoc),
    memberId,
  );
}

/** The ledger lines of one coupon code as this lane knows them (its own and those replicated). */
export async function couponLedger(db: LaneDatabase, couponCode: string): Promise<LoyaltyEntryDoc[]> {
  const docs = await db.loyalty_entries.find({ selector: { couponCode } }).exec();
  return docs.map((d) => d.toMutableJSON() as LoyaltyEntryDoc);
}

/** The store's suspended documents and the sales that resume them, from the lane's replica. */
export async function suspendAndResumeSales(db: LaneDatabase): Promise<SaleDoc[]> {
  const suspended = await db.sales.find({ selector: { status: 'suspended' } }).exec();
  const resuming = await db.sales.find({ selector: { resumesSaleId: { $exists: true } } }).exec();
  return [...suspended, ...resuming].map((d) => d.toMutableJSON() as SaleDoc);
}

/** Coupon codes held by suspended baskets still waiting: a code parked on one basket is not used twice. */
export async function couponsOnWaitingBaskets(db: LaneDatabase, exceptSaleId?: string): Promise<Set<string>> {
  const waiting = suspendedBaskets(await suspendAndResumeSales(db));
  return new Set(
    waiting.filter((s) => s.id !== exceptSaleId).flatMap((s) => (s.coupons ?? []).map((c) => c.code)),
  );
}

/**
 * The loyalty lines a completed sale or return writes on this lane (offline if need be): the member's
 * points and each coupon the sale spent. Written to the lane's own replica and pushed with its sales; HQ
 * and the agent derive balances and coupon status from them.
 */
export async function recordLoyalty(
  lane: Pick<LaneServices, 'db' | 'sync'>,
  sale: SaleDoc,
  employeeId: string,
  newId: () => string,
): Promise<LoyaltyEntryDoc[]> {
  const now = Date.now();
  const points = pointsEntryFor(sale, newId(), employeeId, now);
  const entries: LoyaltyEntryDoc[] = [
    ...(points ? [points] : []),
    ...couponRedemptions(sale, newId, employeeId, now),
  ];
  for (const entry of entries) {
    await lane.db.loyalty_entries.upsert(entry);
    lane.sync.wrote('loyalty_entries', entry.id);
  }
  return entries;
}

/**
 * After a return: the coupons of the original sale whose discounted lines have all come back are given
 * back ('coupon-reversed', core's couponReversals), so the customer may use them again.
 */
export async function recordCouponReversals(
  lane: Pick<LaneServices, 'db' | 'sync' | 'identity'>,
  original: SaleDoc,
  returns: readonly SaleDoc[],
  returnId: string,
  employeeId: string,
  newId: () => string,
): Promise<LoyaltyEntryDoc[]> {
  const ledger = (
    await Promise.all((original.coupons ?? []).map((c) => couponLedger(lane.db, c.code)))
  ).flat();
  const entries = couponReversals(original, returns, ledger, {
    newId,
    saleId: returnId,
    deviceId: lane.identity.deviceId,
    employeeId,
    createdAt: Date.now(),
  });
  for (const entry of entries) {
    await lane.db.loyalty_entries.upsert(entry);
    lane.sync.wrote('loyalty_entries', entry.id);
  }
  return entries;
}
