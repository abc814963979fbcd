import { type CashMovementDoc, type SaleDoc, type ShiftDoc, zReport } from '@storefloor/core';

/**
 * A counted drawer may differ from what it should hold by up to this many minor units (5.00 in a two-decimal
 * currency) without a manager's PIN; beyond it the manager signs the difference off with a reason. The store's
 * settings carry no threshold yet, so this is the documented store-wide rule.
 */
export const CASH_DIFFERENCE_THRESHOLD = 500;

export interface LaneCash {
  readonly deviceId: string;
  readonly shiftIds: readonly string[];
  /** Every shift of the lane closed and counted: its Z report exists. */
  readonly closed: boolean;
  readonly expected: number;
  readonly counted: number | null;
  /** counted − expected; negative is a shortage; null until counted. */
  readonly difference: number | null;
  readonly denominations: readonly { readonly value: number; readonly count: number }[];
  readonly needsApproval: boolean;
}

/** Expected against counted cash per lane, from the day's shifts, sales and cash movements (core's Z report). */
export function laneCash(
  deviceId: string,
  input: {
    readonly shifts: readonly ShiftDoc[];
    readonly sales: readonly SaleDoc[];
    readonly movements: readonly CashMovementDoc[];
  },
): LaneCash {
  const shifts = input.shifts.filter((s) => s.deviceId === deviceId);
  const closed = shifts.length > 0 && shifts.every((s) => s.status === 'closed' && s.closingCount);
  const denominations = new Map<number, number>();
  for (const s of shifts)
    for (const d of s.closingCount?.denominations ?? [])
      denominations.set(d.value, (denominations.get(d.value) ?? 0) + d.count);
  const ids = new Set(shifts.map((s) => s.id));
  const report = closed
    ? zReport({
        shifts,
        sales: input.sales.filter((s) => ids.has(s.shiftId)),
        movements: input.movements.filter((m) => ids.has(m.shiftId)),
      })
    : undefined;
  const expected = report?.ok ? report.value.cash.expected : shifts.reduce((n, s) => n + s.openingFloat, 0);
  const counted = report?.ok ? (report.value.cash.counted ?? null) : null;
  const difference = counted === null ? null : counted - expected;
  return {
    deviceId,
    shiftIds: [...ids],
    closed,
    expected,
    counted,
    difference,
    denominations: [...denominations.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.value - a.value),
    needsApproval: difference !== null && Math.abs(difference) > CASH_DIFFERENCE_THRESHOLD,
  };
}
