import type { CountedThrough, StockCountDoc, StockMovementDoc } from '../schemas/stock-movements.js';

/** Highest sequence of each device a count already reflects; absent devices have nothing included. */
export type CountMarks = ReadonlyMap<string, number>;

export function countMarks(count: Pick<StockCountDoc, 'includes'>): CountMarks {
  const marks = new Map<string, number>();
  for (const { deviceId, deviceSequence } of count.includes) {
    marks.set(deviceId, Math.max(marks.get(deviceId) ?? 0, deviceSequence));
  }
  return marks;
}

/** Whether a count already reflects a ledger line: the line's device sequence is at or below its mark. */
export function countIncludesMovement(
  marks: CountMarks,
  movement: Pick<StockMovementDoc, 'deviceId' | 'deviceSequence'>,
): boolean {
  return movement.deviceSequence <= (marks.get(movement.deviceId) ?? 0);
}

/**
 * What a count taken now should record as `includes`, without any clock: for each device, the higher of
 * the last ledger line (flow or count) that has reached the counting device and the sequence the device itself reports
 * as its latest (lanes announce it, so sales still queued on an offline lane are covered: they left the
 * shelf before the count, and will not be subtracted again when they arrive). Any line a device made
 * before its latest one happened earlier on that device, so a per-device maximum is exact. The counting
 * device passes only what precedes the count itself, whose sequence comes next.
 */
export function countIncludesNow(
  received: Iterable<Pick<StockMovementDoc, 'deviceId' | 'deviceSequence'>>,
  reportedByDevices: Iterable<CountedThrough> = [],
): CountedThrough[] {
  const marks = new Map<string, number>();
  const raise = (deviceId: string, sequence: number) => {
    if (sequence > (marks.get(deviceId) ?? 0)) marks.set(deviceId, sequence);
  };
  for (const m of received) raise(m.deviceId, m.deviceSequence);
  for (const r of reportedByDevices) raise(r.deviceId, r.deviceSequence);
  return [...marks]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([deviceId, deviceSequence]) => ({ deviceId, deviceSequence }));
}

/** True when count `a` reflects everything count `b` reflects (and so may supersede it). */
export function countDominates(a: CountMarks, b: CountMarks): boolean {
  for (const [deviceId, sequence] of b) if ((a.get(deviceId) ?? 0) < sequence) return false;
  return true;
}
