import { couponStatus } from '../loyalty/coupon-status.js';
import { isPromotionActive } from '../pricing/promotion-active.js';
import { indexPromotions } from '../pricing/promotion-index.js';
import { err, ok, type Result } from '../result.js';
import type { CouponRedeemedDoc, CouponReversedDoc, LoyaltyEntryDoc } from '../schemas/loyalty-entries.js';
import { isCouponPromotion, type PromotionDoc } from '../schemas/promotions.js';
import type { SaleDoc } from '../schemas/sales.js';
import { ensureOpen } from './open-sale.js';
import { type PricingEnv, recomputeSale } from './recompute-sale.js';
import { returnedQuantities } from './returns.js';
import type { SaleError } from './sale-error.js';

/** The store's local clock at the instant of pricing (see `localClock`). */
export interface SaleClock {
  readonly instant: number;
  readonly weekday: number;
  readonly minuteOfDay: number;
}

/**
 * The pricing environment of one sale: every promotion of the store, the coupon promotions only for the codes
 * presented on this sale (`indexPromotions` leaves the others out).
 */
export function pricingEnvForSale(
  promotions: readonly PromotionDoc[],
  sale: Pick<SaleDoc, 'coupons'>,
  clock: SaleClock,
): PricingEnv {
  return {
    ...clock,
    promotions: indexPromotions(
      promotions,
      (sale.coupons ?? []).map((c) => c.code),
    ),
  };
}

export interface CouponContext extends SaleClock {
  /** Every promotion of the store: the coupon's is found among them by its code. */
  readonly promotions: readonly PromotionDoc[];
  /** The store's loyalty ledger as replicated here: a code with a standing redemption is spent. */
  readonly ledger: Iterable<LoyaltyEntryDoc>;
  /** Codes held by other open or suspended baskets here, refused as spent too (optional). */
  readonly heldElsewhere?: ReadonlySet<string>;
}

/** The promotion a coupon code grants, when the store has one (whatever its dates). */
export function couponPromotion(promotions: readonly PromotionDoc[], code: string): PromotionDoc | undefined {
  const found = promotions.filter((p) => isCouponPromotion(p) && (p.couponCodes ?? []).includes(code));
  return found.sort((a, b) => b.validFrom - a.validFrom || (a.id < b.id ? -1 : 1))[0];
}

/**
 * Presents a coupon on an open sale: refused when the store knows no such code ('unknown-coupon'), its
 * promotion is not in force now or needs a member ('coupon-not-active'), the sale has it already
 * ('coupon-on-sale') or the loyalty ledger says it was used ('coupon-used'). The sale is repriced with the
 * coupon's promotion; its discount shows as line adjustments labelled with the promotion's receipt text.
 */
export function applyCoupon(sale: SaleDoc, rawCode: string, ctx: CouponContext): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  const code = rawCode.trim();
  if (code === '') return err('unknown-coupon', 'no coupon code given', 'code');
  const promotion = couponPromotion(ctx.promotions, code);
  if (!promotion) return err('unknown-coupon', `the store has no coupon ${code}`, 'code');
  if ((sale.coupons ?? []).some((c) => c.code === code))
    return err('coupon-on-sale', `coupon ${code} is already on this sale`, 'code');
  const active = isPromotionActive(promotion, {
    currency: sale.currency,
    instant: ctx.instant,
    weekday: ctx.weekday,
    minuteOfDay: ctx.minuteOfDay,
    member: sale.memberId !== undefined,
  });
  if (!active)
    return err(
      'coupon-not-active',
      promotion.memberOnly && sale.memberId === undefined
        ? `coupon ${code} is for members: identify the member first`
        : `coupon ${code} is not valid now`,
      'code',
    );
  if (couponStatus(ctx.ledger, code).state === 'redeemed' || ctx.heldElsewhere?.has(code))
    return err('coupon-used', `coupon ${code} was already used`, 'code');
  const coupons = [...(sale.coupons ?? []), { code, promotionId: promotion.id }];
  const next = { ...sale, coupons };
  return ok(recomputeSale(next, pricingEnvForSale(ctx.promotions, next, ctx)));
}

/**
 * The 'coupon-redeemed' ledger entries of a completed sale: one per presented coupon whose promotion took
 * something off, with the amount it took. A coupon that matched nothing is not spent.
 */
export function couponRedemptions(
  sale: SaleDoc,
  newId: () => string,
  employeeId: string,
  createdAt: number,
): CouponRedeemedDoc[] {
  if (sale.status !== 'completed' || sale.kind !== 'sale') return [];
  return (sale.coupons ?? []).flatMap((c): CouponRedeemedDoc[] => {
    const applied = sale.promotions.find((p) => p.promotionId === c.promotionId);
    if (!applied || applied.amount <= 0) return [];
    return [
      {
        id: newId(),
        kind: 'coupon-redeemed',
        storeId: sale.storeId,
        memberId: sale.memberId ?? '',
        saleId: sale.id,
        couponCode: c.code,
        promotionId: c.promotionId,
        discountAmount: applied.amount,
        currency: sale.currency,
        deviceId: sale.deviceId,
        employeeId,
        createdAt,
      },
    ];
  });
}

/**
 * The 'coupon-reversed' entries due once returns have brought back, in full, every line of `original` a
 * coupon discounted: the coupon can be used again (couponStatus). Only redemptions of this sale still
 * standing in `ledger` are reversed, each once; written by the device making the return (`deviceId`).
 */
export function couponReversals(
  original: SaleDoc,
  returns: readonly SaleDoc[],
  ledger: Iterable<LoyaltyEntryDoc>,
  /** `saleId`: the return that completes the give-back (the entry belongs to it). */
  ids: { newId: () => string; saleId: string; deviceId: string; employeeId: string; createdAt: number },
): CouponReversedDoc[] {
  const returned = returnedQuantities(original, returns);
  const entries = [...ledger];
  const reversed = new Set(entries.flatMap((e) => (e.kind === 'coupon-reversed' ? [e.reversesId] : [])));
  return entries.flatMap((e): CouponReversedDoc[] => {
    if (e.kind !== 'coupon-redeemed' || e.saleId !== original.id || reversed.has(e.id)) return [];
    const discounted = original.lines.filter(
      (l) => !l.voided && l.adjustments.some((a) => a.promotionId === e.promotionId),
    );
    if (discounted.length === 0 || discounted.some((l) => (returned.get(l.id) ?? 0) < l.quantity)) return [];
    reversed.add(e.id);
    const { id: _id, kind: _kind, ...rest } = e;
    return [
      {
        ...rest,
        id: ids.newId(),
        kind: 'coupon-reversed',
        reversesId: e.id,
        saleId: ids.saleId,
        deviceId: ids.deviceId,
        employeeId: ids.employeeId,
        createdAt: ids.createdAt,
      },
    ];
  });
}
