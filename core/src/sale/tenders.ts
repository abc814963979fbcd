import { subtractMinor, sumMinor } from '../money/arithmetic.js';
import { checkAmount } from '../money/money.js';
import { err, ok, type Result } from '../result.js';
import type { SaleDoc, TenderDoc, TenderKind } from '../schemas/sales.js';
import { ensureOpen } from './open-sale.js';
import { cashBalanceDue, settle } from './recompute-sale.js';
import type { SaleError } from './sale-error.js';

export interface TenderInput {
  readonly id: string;
  readonly kind: TenderKind;
  readonly amount: unknown;
  readonly reference?: string;
}

/**
 * Records a tender. Card, wallet and voucher pay at most the exact balance (a voucher worth more is the
 * caller's business: it tenders the balance); cash may exceed it, the difference is change. On a return
 * nothing may exceed what is to be refunded.
 */
export function addTender(sale: SaleDoc, input: TenderInput): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (sale.tenders.some((t) => t.id === input.id))
    return err('duplicate-tender-id', `tender ${input.id} exists`);
  const a = checkAmount(input.amount, 'amount');
  if (!a.ok) return a;
  if (a.value === 0) return err('invalid-tender', 'a tender brings a positive amount', 'amount');
  const paid = sumMinor(sale.tenders.map((t) => t.amount));
  const exact = Math.max(0, subtractMinor(sale.totals.total, paid));
  const limit = input.kind === 'cash' ? cashBalanceDue(sale) : exact;
  if ((input.kind !== 'cash' || sale.kind === 'return') && a.value > limit) {
    return err(
      'tender-exceeds-balance',
      `${input.kind} of ${a.value} exceeds the balance of ${limit}`,
      'amount',
    );
  }
  const tender: TenderDoc = { id: input.id, kind: input.kind, amount: a.value };
  if (input.reference !== undefined) tender.reference = input.reference;
  return ok(settle({ ...sale, tenders: [...sale.tenders, tender] }));
}

/** Takes back a tender (a declined card reversed, a voucher handed back) before completion. */
export function removeTender(sale: SaleDoc, tenderId: string): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (!sale.tenders.some((t) => t.id === tenderId)) return err('unknown-tender', `no tender ${tenderId}`);
  return ok(settle({ ...sale, tenders: sale.tenders.filter((t) => t.id !== tenderId) }));
}
