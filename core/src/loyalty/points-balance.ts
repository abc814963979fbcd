import { isPointsEntry, type LoyaltyEntryDoc } from '../schemas/loyalty-entries.js';
import { uniqueById } from '../stock/on-hand.js';

/**
 * A member's points balance: the sum of their signed points entries (ARCHITECTURE.md §3). Entries arrive in
 * any order and may be replayed (a lane retrying a push); each id counts once. Coupon entries carry no points.
 * Pass one member's entries, or the whole ledger with `memberId` to pick that member's.
 */
export function pointsBalance(entries: Iterable<LoyaltyEntryDoc>, memberId?: string): number {
  let balance = 0;
  for (const entry of uniqueById(entries)) {
    if (!isPointsEntry(entry)) continue;
    if (memberId !== undefined && entry.memberId !== memberId) continue;
    balance += entry.points;
  }
  return balance;
}
