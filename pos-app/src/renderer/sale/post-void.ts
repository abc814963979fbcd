import {
  addTender,
  cashBalanceDue,
  completeSale,
  createReturn,
  err,
  ok,
  planRefund,
  type RefundPart,
  type Result,
  returnedQuantities,
  type SaleDoc,
  type SaleError,
} from '@storefloor/core';

export type PostVoidError =
  | SaleError
  /** Part of the sale was already returned: the rest goes through a return, not a void. */
  | 'already-returned';

export interface PostVoidInput {
  /** UUIDv7 of the void document (a return of the whole sale). */
  readonly id: string;
  readonly original: SaleDoc;
  /** Returns already made against the original (from the lane's replica). */
  readonly priorReturns: readonly SaleDoc[];
  /** The lane doing the void (a lane writes only its own documents). */
  readonly storeId: string;
  readonly deviceId: string;
  readonly shiftId: string;
  readonly cashierId: string;
  readonly businessDay: string;
  readonly now: number;
}

/**
 * Opens the void of a completed sale after the fact. A completed sale is immutable (and HQ refuses a change to
 * it), so the void is a return of every line for exactly what was paid, with `originalSaleId` pointing at the
 * sale: reports and HQ count it once as money going back. The amounts come from core's `createReturn`, and
 * `parts` (core's `planRefund`) says how much goes back to each tender the sale was paid with.
 */
export function openPostVoid(
  input: PostVoidInput,
): Result<{ open: SaleDoc; parts: RefundPart[] }, PostVoidError> {
  const { original } = input;
  if (original.kind !== 'sale') return err('not-a-return', 'only a sale can be voided', 'original');
  if (returnedQuantities(original, input.priorReturns).size > 0)
    return err('already-returned', `sale ${original.id} has returns; return the rest instead`, 'original');
  const items = original.lines.filter((l) => !l.voided).map((l) => ({ lineId: l.id, quantity: l.quantity }));
  const opened = createReturn({
    id: input.id,
    storeId: input.storeId,
    deviceId: input.deviceId,
    shiftId: input.shiftId,
    cashierId: input.cashierId,
    businessDay: input.businessDay,
    openedAt: input.now,
    original,
    priorReturns: input.priorReturns,
    items,
  });
  if (!opened.ok) return opened;
  return ok({
    open: opened.value,
    parts: planRefund(original, input.priorReturns, opened.value.totals.total),
  });
}

/** Completes a void whose card, wallet and voucher parts went back: what is still due leaves the drawer. */
export function completePostVoid(
  open: SaleDoc,
  cashTenderId: string,
  now: number,
): Result<SaleDoc, SaleError> {
  const cash = cashBalanceDue(open);
  let doc = open;
  if (cash > 0) {
    const refunded = addTender(doc, { id: cashTenderId, kind: 'cash', amount: cash });
    if (!refunded.ok) return refunded;
    doc = refunded.value;
  }
  return completeSale(doc, now);
}
