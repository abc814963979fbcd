import { addMinor, subtractMinor, sumMinor } from '../money/arithmetic.js';
import { roundToCashStep } from '../money/cash-rounding.js';
import { priceBasket } from '../pricing/price-basket.js';
import type { PromotionIndex } from '../pricing/promotion-index.js';
import type { SaleDoc, SaleLineDoc, SaleTotalsDoc } from '../schemas/sales.js';
import { computeTax, summariseTax } from '../tax/compute-tax.js';

/** What pricing needs besides the sale: the promotions in force and the store's local clock right now. */
export interface PricingEnv {
  readonly promotions: PromotionIndex;
  readonly instant: number;
  /** ISO weekday in the store's time zone (see `localClock`). */
  readonly weekday: number;
  readonly minuteOfDay: number;
}

/**
 * Recomputes every amount of an open sale from its lines, manual discounts and tenders: promotions, tax,
 * totals and what the tenders settle. Returns are not repriced: their lines carry the amounts refunded.
 */
export function recomputeSale(sale: SaleDoc, env: PricingEnv): SaleDoc {
  if (sale.kind === 'return') return settle(withTax(sale, sale.lines, sale.promotions, true));
  const live = sale.lines.filter((l) => !l.voided);
  const priced = priceBasket(
    live.map((l) => ({
      id: l.id,
      productId: l.productId,
      categoryId: l.categoryId,
      productGroupId: l.productGroupId,
      unit: l.unit,
      quantity: l.quantity,
      weightGrams: l.weightGrams,
      unitPrice: l.unitPrice,
      memberUnitPrice: l.memberUnitPrice,
      promotable: l.entry !== 'manual',
    })),
    env.promotions,
    {
      currency: sale.currency,
      instant: env.instant,
      weekday: env.weekday,
      minuteOfDay: env.minuteOfDay,
      member: sale.memberId !== undefined,
    },
    sale.manualDiscounts,
  );
  const byId = new Map(priced.lines.map((p) => [p.lineId, p]));
  const lines = sale.lines.map((l): SaleLineDoc => {
    const p = byId.get(l.id);
    if (p === undefined) return { ...l, gross: 0, discount: 0, amount: 0, tax: 0, total: 0, adjustments: [] };
    return { ...l, gross: p.gross, discount: p.discount, amount: p.amount, adjustments: p.adjustments };
  });
  const promotions = priced.promotions.map((a) => ({
    promotionId: a.promotionId,
    label: a.label,
    amount: a.amount,
  }));
  return settle(withTax(sale, lines, promotions, false));
}

function withTax(
  sale: SaleDoc,
  lines: SaleLineDoc[],
  promotions: SaleDoc['promotions'],
  taxKnown: boolean,
): SaleDoc {
  const live = lines.filter((l) => !l.voided);
  const taxable = live.map((l) => ({
    amount: l.amount,
    taxRateId: l.taxRateId,
    rateBps: l.taxRateBps,
    label: l.taxLabel,
    tax: l.tax,
  }));
  const tax = taxKnown
    ? summariseTax(taxable, sale.taxMode)
    : computeTax(taxable, sale.taxMode, sale.taxRounding);
  const taxById = new Map(live.map((l, i) => [l.id, tax.lineTaxes[i]!]));
  const withLineTax = lines.map((l): SaleLineDoc => {
    const t = taxById.get(l.id);
    if (t === undefined) return l;
    return { ...l, tax: t, total: sale.taxMode === 'inclusive' ? l.amount : addMinor(l.amount, t) };
  });
  const counted = withLineTax.filter((l) => !l.voided);
  const totals: SaleTotalsDoc = {
    ...sale.totals,
    gross: sumMinor(counted.map((l) => l.gross)),
    discount: sumMinor(counted.map((l) => l.discount)),
    tax: tax.totalTax,
    total: sumMinor(counted.map((l) => l.total)),
  };
  return { ...sale, lines: withLineTax, promotions, taxes: tax.summary, totals };
}

/**
 * What the tenders settle. Card, wallet and voucher pay exact amounts; when cash settles the rest, that
 * rest is rounded to the cash step and the difference recorded as `cashRounding`. Change is only ever cash.
 */
export function settle(sale: SaleDoc): SaleDoc {
  const { total } = sale.totals;
  const cash = sumMinor(sale.tenders.filter((t) => t.kind === 'cash').map((t) => t.amount));
  const other = sumMinor(sale.tenders.filter((t) => t.kind !== 'cash').map((t) => t.amount));
  const rest = Math.max(0, subtractMinor(total, other));
  const due = cash > 0 ? addMinor(other, roundToCashStep(rest, sale.cashRoundingStep)) : total;
  const paid = addMinor(cash, other);
  const change = Math.min(cash, Math.max(0, subtractMinor(paid, due)));
  return {
    ...sale,
    totals: { ...sale.totals, cashRounding: subtractMinor(due, total), due, paid, change },
  };
}

/**
 * Tax, line totals, document totals and settlement of a sale recomputed from its lines' amounts as they stand
 * (no repricing): what `recomputeSale` would have written after pricing. `checkCompletedSale` compares a
 * pushed sale against it.
 */
export function retotalSale(sale: SaleDoc): SaleDoc {
  return settle(withTax(sale, sale.lines, sale.promotions, sale.kind === 'return'));
}

/** What is still to be paid (or, on a return, refunded), before any cash rounding. */
export function balanceDue(sale: SaleDoc): number {
  return Math.max(0, subtractMinor(sale.totals.total, sale.totals.paid));
}

/** What to ask for if the rest is paid in cash: the non-cash rest rounded to the cash step, less cash given. */
export function cashBalanceDue(sale: SaleDoc): number {
  const cash = sumMinor(sale.tenders.filter((t) => t.kind === 'cash').map((t) => t.amount));
  const other = sumMinor(sale.tenders.filter((t) => t.kind !== 'cash').map((t) => t.amount));
  const rest = roundToCashStep(Math.max(0, subtractMinor(sale.totals.total, other)), sale.cashRoundingStep);
  return Math.max(0, subtractMinor(rest, cash));
}
