import { checkAmount } from '../money/money.js';
import { err, ok, type Result } from '../result.js';
import type { CashMovementDoc, CashMovementKind } from '../schemas/cash-movements.js';
import type { ShiftDoc } from '../schemas/shifts.js';
import type { ShiftError } from './shift-error.js';

export interface CashMovementInput {
  /** UUIDv7 made on the device. */
  readonly id: string;
  readonly kind: CashMovementKind;
  readonly amount: unknown;
  readonly reason: string;
  readonly employeeId: string;
  readonly createdAt: number;
}

/** Cash in or out of the drawer of an open shift, as its own immutable ledger entry. */
export function recordCashMovement(
  shift: ShiftDoc,
  input: CashMovementInput,
): Result<CashMovementDoc, ShiftError> {
  if (shift.status === 'closed') return err('shift-closed', `shift ${shift.id} is closed`);
  if (input.employeeId === '')
    return err('approval-required', 'a cash movement names the employee', 'employeeId');
  if (input.reason === '') return err('missing-field', 'a cash movement needs a reason', 'reason');
  const amount = checkAmount(input.amount, 'amount');
  if (!amount.ok) return amount;
  if (amount.value === 0) return err('invalid-amount', 'a cash movement moves a positive amount', 'amount');
  return ok({
    id: input.id,
    storeId: shift.storeId,
    deviceId: shift.deviceId,
    shiftId: shift.id,
    businessDay: shift.businessDay,
    kind: input.kind,
    currency: shift.currency,
    amount: amount.value,
    reason: input.reason,
    employeeId: input.employeeId,
    createdAt: input.createdAt,
  });
}
