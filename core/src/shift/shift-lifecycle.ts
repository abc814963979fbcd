import { currencyOf } from '../money/currencies.js';
import { type DenominationCount, totalCashCount } from '../money/denominations.js';
import { checkAmount } from '../money/money.js';
import { err, ok, type Result } from '../result.js';
import type { ShiftDoc } from '../schemas/shifts.js';
import type { ShiftError } from './shift-error.js';

export interface OpenShiftInput {
  /** UUIDv7 made on the device. */
  readonly id: string;
  readonly storeId: string;
  readonly deviceId: string;
  readonly cashierId: string;
  readonly businessDay: string;
  readonly currency: string;
  /** Cash put in the drawer at the start, in minor units. */
  readonly openingFloat: unknown;
  readonly openedAt: number;
}

export function openShift(input: OpenShiftInput): Result<ShiftDoc, ShiftError> {
  const c = currencyOf(input.currency);
  if (!c.ok) return err(c.reason, c.detail, 'currency');
  for (const field of ['id', 'storeId', 'deviceId', 'cashierId', 'businessDay'] as const) {
    if (input[field] === '') return err('missing-field', `${field} is required`, field);
  }
  const float = checkAmount(input.openingFloat, 'openingFloat');
  if (!float.ok) return float;
  return ok({
    id: input.id,
    storeId: input.storeId,
    deviceId: input.deviceId,
    cashierId: input.cashierId,
    status: 'open',
    businessDay: input.businessDay,
    currency: input.currency,
    openingFloat: float.value,
    openedAt: input.openedAt,
  });
}

export interface CloseShiftInput {
  readonly closedAt: number;
  readonly closedBy: string;
  /** What was counted in the drawer, by note and coin. */
  readonly count: readonly DenominationCount[];
}

/** Closes a shift with the drawer count; from then on the shift is final. */
export function closeShift(shift: ShiftDoc, input: CloseShiftInput): Result<ShiftDoc, ShiftError> {
  if (shift.status === 'closed') return err('shift-closed', `shift ${shift.id} is already closed`);
  if (input.closedBy === '')
    return err('approval-required', 'closing a shift names the employee', 'closedBy');
  const total = totalCashCount(shift.currency, input.count);
  if (!total.ok) return total;
  const denominations = input.count
    .filter((d) => d.count > 0)
    .map((d) => ({ value: d.value, count: d.count }))
    .sort((a, b) => b.value - a.value);
  return ok({
    ...shift,
    status: 'closed',
    closedAt: input.closedAt,
    closedBy: input.closedBy,
    closingCount: { denominations, total: total.value },
  });
}
