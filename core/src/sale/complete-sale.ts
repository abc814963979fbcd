import { err, ok, type Result } from '../result.js';
import type { SaleDoc } from '../schemas/sales.js';
import { ensureOpen } from './open-sale.js';
import type { SaleError } from './sale-error.js';

/** The highest age restriction among the live lines, 0 when none. */
export function requiredAge(sale: SaleDoc): number {
  return sale.lines.reduce((age, l) => (l.voided ? age : Math.max(age, l.ageRestriction)), 0);
}

/** Records the employee who checked the buyer's age. */
export function verifyAge(sale: SaleDoc, employeeId: string): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (employeeId === '') return err('approval-required', 'an age check names the employee', 'employeeId');
  return ok({ ...sale, ageVerifiedBy: employeeId });
}

/**
 * Completes a sale (or return): from now on the document is immutable and is the record reports, receipts
 * and the server read. A sale must be paid in full; a return must be refunded exactly.
 */
export function completeSale(sale: SaleDoc, completedAt: number): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (!sale.lines.some((l) => !l.voided)) return err('empty-sale', 'nothing to complete');
  const { due, paid } = sale.totals;
  if (sale.kind === 'sale') {
    if (paid < due) return err('insufficient-payment', `paid ${paid} of ${due}`);
    if (requiredAge(sale) > 0 && sale.ageVerifiedBy === undefined) {
      return err('age-verification-required', `buyer must be at least ${requiredAge(sale)}`);
    }
  } else if (paid !== due) {
    return err('refund-incomplete', `refunded ${paid} of ${due}`);
  }
  return ok({ ...sale, status: 'completed', completedAt });
}

/** Abandons an open sale; it stays on record as cancelled. Tenders must be taken back first. */
export function cancelSale(sale: SaleDoc, cancelledAt: number): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (sale.tenders.length > 0) return err('tenders-present', 'remove or refund the tenders first');
  return ok({ ...sale, status: 'cancelled', completedAt: cancelledAt });
}
