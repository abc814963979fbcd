import type { CouponReversedDoc, LoyaltyEntryDoc } from '../schemas/loyalty-entries.js';
import { uniqueById } from '../stock/on-hand.js';

/**
 * 'unused': no redemption known. 'redeemed': at least one redemption stands, the coupon is spent.
 * 'reversed': every redemption was given back (its sale returned or voided), so the coupon may be used again.
 */
export type CouponState = 'unused' | 'redeemed' | 'reversed';

export type CouponStatus = {
  readonly couponCode: string;
  readonly state: CouponState;
  /** 'coupon-redeemed' entries not reversed, by id, sorted. More than one: the code went on several sales. */
  readonly standingRedemptionIds: readonly string[];
  /**
   * Redemptions given back, by id, sorted; this includes one known only from its reversal, when the
   * reversal reached this place before the redemption did.
   */
  readonly reversedRedemptionIds: readonly string[];
};

/**
 * The status of one coupon derived from the loyalty ledger, never stored (ARCHITECTURE.md §3). A reversal
 * cancels the redemption it names, whatever order the two arrive in; a replayed entry counts once, and two
 * reversals of the same redemption cancel it once.
 */
export function couponStatus(entries: Iterable<LoyaltyEntryDoc>, couponCode: string): CouponStatus {
  const redemptions = new Set<string>();
  const reversals: CouponReversedDoc[] = [];
  for (const entry of uniqueById(entries)) {
    if (entry.kind === 'coupon-redeemed' && entry.couponCode === couponCode) redemptions.add(entry.id);
    else if (entry.kind === 'coupon-reversed') reversals.push(entry);
  }
  const reversed = new Set<string>();
  for (const reversal of reversals) {
    if (reversal.couponCode === couponCode || redemptions.has(reversal.reversesId)) {
      reversed.add(reversal.reversesId);
    }
  }
  const standing = [...redemptions].filter((id) => !reversed.has(id)).sort();
  return {
    couponCode,
    state: standing.length > 0 ? 'redeemed' : reversed.size > 0 ? 'reversed' : 'unused',
    standingRedemptionIds: standing,
    reversedRedemptionIds: [...reversed].sort(),
  };
}
