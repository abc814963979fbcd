import {
  addTender,
  cashBalanceDue,
  completeSale,
  createReturn,
  err,
  type Result,
  returnedQuantities,
  type SaleDoc,
  type SaleError,
} from '@storefloor/core';

export type PostVoidError =
  | SaleError
  /** Part of the sale was already returned: the rest goes through a return, not a void. */
  | 'already-returned'
  /** Card or wallet money goes back through the terminal's reversal, which this lane cannot do yet. */
  | 'non-cash-tender';

export interface PostVoidInput {
  /** UUIDv7 of the void document (a return of the whole sale). */
  readonly id: string;
  readonly tenderId: string;
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
 * Voids a completed sale after the fact. A completed sale is immutable (and HQ refuses a change to it), so the
 * void is a completed return of every line for exactly what was paid, refunded in cash from the drawer, with
 * `originalSaleId` pointing at the sale: reports and HQ count it once as money going back. The amounts come
 * from core's `createReturn`; nothing is recomputed here.
 */
export function postVoid(input: PostVoidInput): Result<SaleDoc, PostVoidError> {
  const { original } = input;
  if (original.kind !== 'sale') return err('not-a-return', 'only a sale can be voided', 'original');
  if (returnedQuantities(original, input.priorReturns).size > 0)
    return err('already-returned', `sale ${original.id} has returns; return the rest instead`, 'original');
  const other = original.tenders.find((t) => t.kind !== 'cash');
  if (other)
    return err(
      'non-cash-tender',
      `sale ${original.id} was paid by ${other.kind}; reverse it on the terminal`,
    );
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
  const refunded = addTender(opened.value, {
    id: input.tenderId,
    kind: 'cash',
    amount: cashBalanceDue(opened.value),
  });
  if (!refunded.ok) return refunded;
  return completeSale(refunded.value, input.now);
}
