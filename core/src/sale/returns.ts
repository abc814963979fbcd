import { prorate, subtractMinor, sumMinor } from '../money/arithmetic.js';
import { indexPromotions } from '../pricing/promotion-index.js';
import { err, ok, type Result } from '../result.js';
import type { SaleDoc, SaleLineDoc } from '../schemas/sales.js';
import { emptyTotals } from './open-sale.js';
import { recomputeSale, settle } from './recompute-sale.js';
import type { SaleError } from './sale-error.js';

export interface ReturnItem {
  /** The line of the original sale. */
  readonly lineId: string;
  /** Units to take back; a weighed line comes back whole (quantity 1). */
  readonly quantity: number;
}

export interface CreateReturnInput {
  /** UUIDv7 made on the device. */
  readonly id: string;
  readonly storeId: string;
  readonly deviceId: string;
  readonly shiftId: string;
  readonly cashierId: string;
  readonly businessDay: string;
  readonly openedAt: number;
  readonly original: SaleDoc;
  /** Every return already made against `original` (others are ignored); only completed ones count. */
  readonly priorReturns: readonly SaleDoc[];
  readonly items: readonly ReturnItem[];
}

/** Units of each original line already returned by completed returns. */
export function returnedQuantities(original: SaleDoc, priorReturns: readonly SaleDoc[]): Map<string, number> {
  const returned = new Map<string, number>();
  for (const r of priorReturns) {
    if (r.kind !== 'return' || r.originalSaleId !== original.id || r.status !== 'completed') continue;
    for (const l of r.lines) {
      if (l.voided || l.originalLineId === undefined) continue;
      returned.set(l.originalLineId, (returned.get(l.originalLineId) ?? 0) + l.quantity);
    }
  }
  return returned;
}

/**
 * A return document refunding what the customer actually paid for the units brought back: each line's
 * amount after every discount (basket discounts included, as they were spread over the lines), its tax and
 * gross, prorated cumulatively over the units, so successive partial returns add up to exactly what was
 * paid and never more. The result is an open `kind: 'return'` document in the sales collection; tender the
 * refund with `addTender` and finish with `completeSale`.
 */
export function createReturn(input: CreateReturnInput): Result<SaleDoc, SaleError> {
  const { original } = input;
  if (original.kind !== 'sale') return err('not-a-return', 'only a sale can be returned', 'original');
  if (original.status !== 'completed') {
    return err('original-not-completed', `sale ${original.id} is not completed`, 'original');
  }
  if (input.items.length === 0) return err('empty-return', 'nothing to return', 'items');
  const returned = returnedQuantities(original, input.priorReturns);
  const wanted = new Map<string, number>();
  for (const item of input.items) {
    if (!Number.isSafeInteger(item.quantity)) {
      return err('invalid-quantity', `quantity must be a whole number`, `items.${item.lineId}`);
    }
    if (item.quantity < 0)
      return err('negative-quantity', 'quantity must not be negative', `items.${item.lineId}`);
    if (item.quantity === 0)
      return err('invalid-quantity', 'quantity must be at least 1', `items.${item.lineId}`);
    wanted.set(item.lineId, (wanted.get(item.lineId) ?? 0) + item.quantity);
  }
  const lines: SaleLineDoc[] = [];
  for (const [lineId, quantity] of wanted) {
    const sold = original.lines.find((l) => l.id === lineId);
    if (sold === undefined) return err('unknown-line', `sale ${original.id} has no line ${lineId}`, 'items');
    if (sold.voided) return err('line-voided', `line ${lineId} was voided, not sold`, 'items');
    const before = returned.get(lineId) ?? 0;
    const after = before + quantity;
    if (after > sold.quantity) {
      return err(
        'return-exceeds-sold',
        `line ${lineId}: ${sold.quantity} sold, ${before} already returned, ${quantity} asked`,
        'items',
      );
    }
    const share = (v: number) =>
      subtractMinor(prorate(v, after, sold.quantity), prorate(v, before, sold.quantity));
    const total = share(sold.total);
    const tax = share(sold.tax);
    const gross = share(sold.gross);
    const amount = original.taxMode === 'inclusive' ? total : subtractMinor(total, tax);
    const line: SaleLineDoc = {
      ...sold,
      id: `${input.id}:${lines.length + 1}`,
      quantity,
      originalLineId: sold.id,
      gross,
      discount: Math.max(0, subtractMinor(gross, amount)),
      amount,
      tax,
      total,
      adjustments: [],
    };
    delete line.voidedBy;
    lines.push(line);
  }
  const doc: SaleDoc = {
    id: input.id,
    storeId: input.storeId,
    deviceId: input.deviceId,
    shiftId: input.shiftId,
    cashierId: input.cashierId,
    kind: 'return',
    originalSaleId: original.id,
    status: 'open',
    businessDay: input.businessDay,
    currency: original.currency,
    taxMode: original.taxMode,
    taxRounding: original.taxRounding,
    cashRoundingStep: original.cashRoundingStep,
    openedAt: input.openedAt,
    lines,
    manualDiscounts: [],
    promotions: [],
    taxes: [],
    tenders: [],
    totals: emptyTotals(),
  };
  if (original.memberId !== undefined) doc.memberId = original.memberId;
  const noPromotions = {
    promotions: indexPromotions([]),
    instant: input.openedAt,
    weekday: 1,
    minuteOfDay: 0,
  };
  return ok(settle(recomputeSale(doc, noPromotions)));
}

/** What the customer paid in total for the lines of `sale` still returnable (for the return screen). */
export function refundableTotal(original: SaleDoc, priorReturns: readonly SaleDoc[]): number {
  const returned = returnedQuantities(original, priorReturns);
  return sumMinor(
    original.lines
      .filter((l) => !l.voided)
      .map((l) => {
        const before = returned.get(l.id) ?? 0;
        return subtractMinor(l.total, prorate(l.total, before, l.quantity));
      }),
  );
}
