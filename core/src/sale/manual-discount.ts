import { checkAmount } from '../money/money.js';
import { err, ok, type Result } from '../result.js';
import type { ManualDiscountDoc, SaleDoc } from '../schemas/sales.js';
import { ensureOpen } from './open-sale.js';
import { type PricingEnv, recomputeSale } from './recompute-sale.js';
import type { SaleError } from './sale-error.js';

export interface ManualDiscountInput {
  readonly id: string;
  /** Absent for a discount on the whole basket. */
  readonly lineId?: string;
  readonly percentBps?: number;
  readonly amount?: unknown;
  readonly approvedBy: string;
  readonly reason: string;
}

/**
 * A discount given by hand (damaged packaging, price match), on one line or the basket, always with the
 * employee who approved it. It applies after promotions and never takes a line below zero.
 */
export function addManualDiscount(
  sale: SaleDoc,
  input: ManualDiscountInput,
  env: PricingEnv,
): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (sale.kind !== 'sale') return err('not-a-return', 'a return refunds what was paid');
  if (input.approvedBy === '')
    return err('approval-required', 'a manual discount needs an approving employee', 'approvedBy');
  if (input.reason === '') return err('missing-field', 'a manual discount needs a reason', 'reason');
  if (sale.manualDiscounts.some((d) => d.id === input.id))
    return err('invalid-discount', `discount ${input.id} exists`);
  if ((input.amount === undefined) === (input.percentBps === undefined)) {
    return err('invalid-discount', 'give either an amount or a percentage', 'amount');
  }
  const discount: ManualDiscountDoc = { id: input.id, approvedBy: input.approvedBy, reason: input.reason };
  if (input.amount !== undefined) {
    const a = checkAmount(input.amount, 'amount');
    if (!a.ok) return a;
    discount.amount = a.value;
  } else {
    const p = input.percentBps;
    if (p === undefined || !Number.isInteger(p) || p <= 0 || p > 10_000) {
      return err('invalid-discount', 'percentBps must be 1..10000', 'percentBps');
    }
    discount.percentBps = p;
  }
  if (input.lineId !== undefined) {
    const line = sale.lines.find((l) => l.id === input.lineId);
    if (line === undefined) return err('unknown-line', `no line ${input.lineId}`, 'lineId');
    if (line.voided) return err('line-voided', `line ${input.lineId} is voided`, 'lineId');
    discount.lineId = input.lineId;
  }
  return ok(recomputeSale({ ...sale, manualDiscounts: [...sale.manualDiscounts, discount] }, env));
}

/** Identifies a member: member prices and member-only promotions apply from now on. */
export function identifyMember(sale: SaleDoc, memberId: string, env: PricingEnv): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (memberId === '') return err('missing-field', 'memberId is required', 'memberId');
  return ok(recomputeSale({ ...sale, memberId }, env));
}
