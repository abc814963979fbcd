import {
  addProductLine,
  addTender,
  businessDayOf,
  type CouponRedeemedDoc,
  completeSale,
  err,
  identifyMember,
  indexPromotions,
  localClock,
  ok,
  openSale,
  type PricingEnv,
  type Result,
  type SaleDoc,
  type SaleError,
  verifyAge,
} from '@storefloor/core';
import type { CartCatalog, CartCoupon } from './cart-catalog.js';
import type { CartSessionState } from './cart-session.js';

export interface CartSaleInput {
  readonly session: CartSessionState;
  readonly catalog: CartCatalog;
  readonly coupons: readonly CartCoupon[];
  readonly saleId: string;
  readonly shiftId: string;
  readonly instant: number;
  /** The device the sale is recorded under (default: the cart). */
  readonly deviceId?: string;
}

export type CartSaleError = SaleError | 'unknown-item';

/**
 * Prices a cart's basket exactly as a lane prices a sale: an open core sale with one product line per cart
 * line, the member identified, and the promotions in force plus those the presented coupons grant, all by
 * core's engine. The cart is the selling device (`deviceId` = cart id, cashier 'self-service').
 */
export function priceCartSale(
  input: CartSaleInput,
): Result<{ sale: SaleDoc; env: PricingEnv }, CartSaleError> {
  const { session, catalog, instant } = input;
  const settings = catalog.settings(instant);
  const clock = localClock(instant, settings.timeZone);
  const env: PricingEnv = {
    // A coupon promotion prices only the sales its code is presented on (core's indexPromotions).
    promotions: indexPromotions(
      [...catalog.promotions(instant), ...input.coupons.map((c) => c.promotion)],
      input.coupons.map((c) => c.code),
    ),
    instant,
    weekday: clock.weekday,
    minuteOfDay: clock.minuteOfDay,
  };
  const opened = openSale({
    id: input.saleId,
    storeId: settings.storeId,
    deviceId: input.deviceId ?? session.cartId,
    shiftId: input.shiftId,
    cashierId: 'self-service',
    businessDay: businessDayOf(instant, settings),
    currency: settings.currency,
    taxMode: settings.taxMode,
    taxRounding: settings.taxRounding,
    cashRoundingStep: settings.cashRoundingStep,
    openedAt: session.startedAt,
  });
  if (!opened.ok) return opened;
  let sale: SaleDoc =
    input.coupons.length > 0
      ? {
          ...opened.value,
          coupons: input.coupons.map((c) => ({ code: c.code, promotionId: c.promotion.id })),
        }
      : opened.value;
  for (const line of session.lines) {
    const item = catalog.lookup(line.code, instant);
    if (!item) return err('unknown-item', `code ${line.code} of line ${line.lineId} is no longer sold`);
    const added = addProductLine(
      sale,
      {
        lineId: line.lineId,
        entry: 'scanned',
        product: item.product,
        price: item.price,
        taxRate: item.taxRate,
        // A weighed line is one item of the weight its label carries (core refuses a quantity on it).
        ...(line.weightGrams !== undefined ? { weightGrams: line.weightGrams } : { quantity: line.quantity }),
        ...(item.gtin ? { gtin: item.gtin } : {}),
      },
      env,
    );
    if (!added.ok) return added;
    sale = added.value;
  }
  if (session.memberId !== undefined) {
    const member = identifyMember(sale, session.memberId, env);
    if (!member.ok) return member;
    sale = member.value;
  }
  if (session.ageVerifiedBy !== undefined) {
    const verified = verifyAge(sale, session.ageVerifiedBy);
    if (!verified.ok) return verified;
    sale = verified.value;
  }
  return ok({ sale, env });
}

/** Records the payment and completes the sale; returns the coupon redemptions for the loyalty ledger. */
export function completeCartSale(
  sale: SaleDoc,
  tender: { readonly id: string; readonly kind: 'card' | 'wallet'; readonly reference: string },
  coupons: readonly CartCoupon[],
  newId: () => string,
  instant: number,
): Result<{ sale: SaleDoc; redemptions: CouponRedeemedDoc[] }, SaleError> {
  // A basket the coupons made free is completed without a tender (core refuses a zero tender).
  const paid =
    sale.totals.total === 0
      ? ok(sale)
      : addTender(sale, {
          id: tender.id,
          kind: tender.kind,
          amount: sale.totals.total,
          reference: tender.reference,
        });
  if (!paid.ok) return paid;
  const done = completeSale(paid.value, instant);
  if (!done.ok) return done;
  const redemptions = coupons.flatMap((c): CouponRedeemedDoc[] => {
    const applied = done.value.promotions.find((p) => p.promotionId === c.promotion.id);
    if (!applied) return [];
    return [
      {
        id: newId(),
        kind: 'coupon-redeemed',
        storeId: sale.storeId,
        memberId: sale.memberId ?? '',
        saleId: sale.id,
        couponCode: c.code,
        deviceId: sale.deviceId,
        employeeId: '',
        createdAt: instant,
        promotionId: c.promotion.id,
        discountAmount: applied.amount,
        currency: sale.currency,
      },
    ];
  });
  return ok({ sale: done.value, redemptions });
}
