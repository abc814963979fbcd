import type { PromotionDoc } from '../schemas/promotions.js';

/** When and for whom a basket is priced. Local time comes from the caller (see `localClock`). */
export interface PricingContext {
  readonly currency: string;
  /** Epoch milliseconds. */
  readonly instant: number;
  /** ISO weekday in the store's time zone, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Minutes since local midnight, 0 … 1439. */
  readonly minuteOfDay: number;
  /** An identified member gets member prices and member-only promotions. */
  readonly member: boolean;
}

export function isPromotionActive(p: PromotionDoc, ctx: PricingContext): boolean {
  if (p.currency !== ctx.currency) return false;
  if (p.validFrom > ctx.instant) return false;
  if (p.validTo !== undefined && p.validTo <= ctx.instant) return false;
  if (p.memberOnly && !ctx.member) return false;
  if (p.timeWindows !== undefined && p.timeWindows.length > 0) {
    return p.timeWindows.some(
      (w) =>
        w.weekdays.includes(ctx.weekday) && ctx.minuteOfDay >= w.fromMinute && ctx.minuteOfDay < w.toMinute,
    );
  }
  return true;
}
