import type { SaleDoc, TenderKind } from '../schemas/sales.js';

/** One part of a refund: how much goes back on which kind of tender, and the original tender it reverses. */
export interface RefundPart {
  readonly kind: TenderKind;
  readonly amount: number;
  /** The original sale's tender this part pays back (its card authorisation or wallet reference). */
  readonly originalTenderId: string;
  readonly reference?: string;
}

/** Card and wallet refunds go back first (the customer's account), then cash, then vouchers. */
const ORDER: readonly TenderKind[] = ['card', 'wallet', 'cash', 'voucher'];

/**
 * Splits `amount` (what a return refunds) over the original sale's tenders, to the tender kinds it was paid
 * with: each tender gives back at most what it brought in (cash net of change) less what earlier completed
 * returns of the same sale already paid back on that kind. What no tender can take (only when the figures
 * disagree) goes to cash.
 */
export function planRefund(
  original: SaleDoc,
  priorReturns: readonly SaleDoc[],
  amount: number,
): RefundPart[] {
  const refunded = new Map<TenderKind, number>();
  for (const r of priorReturns) {
    if (r.kind !== 'return' || r.originalSaleId !== original.id || r.status !== 'completed') continue;
    for (const t of r.tenders) refunded.set(t.kind, (refunded.get(t.kind) ?? 0) + t.amount);
  }
  const parts: RefundPart[] = [];
  let left = amount;
  for (const kind of ORDER) {
    let already = refunded.get(kind) ?? 0;
    for (const t of original.tenders) {
      if (t.kind !== kind || left <= 0) continue;
      let room = t.kind === 'cash' ? t.amount - cashChangeShare(original, t.id) : t.amount;
      const used = Math.min(room, already);
      already -= used;
      room -= used;
      const take = Math.min(room, left);
      if (take <= 0) continue;
      parts.push({
        kind,
        amount: take,
        originalTenderId: t.id,
        ...(t.reference !== undefined ? { reference: t.reference } : {}),
      });
      left -= take;
    }
  }
  if (left > 0) {
    const cash = parts.find((p) => p.kind === 'cash');
    if (cash) parts[parts.indexOf(cash)] = { ...cash, amount: cash.amount + left };
    else parts.push({ kind: 'cash', amount: left, originalTenderId: '' });
  }
  return parts;
}

/** The change handed back comes out of the last cash tender(s). */
function cashChangeShare(sale: SaleDoc, tenderId: string): number {
  let change = sale.totals.change;
  const cash = sale.tenders.filter((t) => t.kind === 'cash');
  for (let i = cash.length - 1; i >= 0; i--) {
    const t = cash[i]!;
    const share = Math.min(change, t.amount);
    if (t.id === tenderId) return share;
    change -= share;
  }
  return 0;
}
