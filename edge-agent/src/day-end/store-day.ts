import { transactionCollectionNames } from '@storefloor/core';
import type { LaneRecord } from '../lan/lane-registry.js';
import type { StoreReplica } from '../replica/store-replica.js';
import type { Outbox } from '../state/outbox.js';
import { DAY_COLLECTIONS, type DayCollection, type DayDigest, dayDigest } from './day-digest.js';

export interface LaneShift {
  readonly id: string;
  readonly status: string;
  readonly cashierId: string;
  readonly openedAt: number;
  readonly closedAt: number | null;
  /** A closed shift with its closing count: its Z report can be printed from the store's data. */
  readonly zReport: boolean;
}

export interface LaneDay {
  readonly deviceId: string;
  readonly label: string | null;
  readonly revoked: boolean;
  readonly shifts: readonly LaneShift[];
  readonly pending: Record<string, number>;
}

export type HqConfirmation =
  | { readonly state: 'confirmed'; readonly collections: Record<DayCollection, DayDigest> }
  | {
      readonly state: 'differs';
      readonly collections: Record<DayCollection, DayDigest>;
      readonly differing: readonly DayCollection[];
    }
  | { readonly state: 'unknown'; readonly reason: string };

export interface StoreDay {
  readonly storeId: string;
  readonly businessDay: string;
  readonly lanes: readonly LaneDay[];
  readonly pending: Record<string, number>;
  readonly pendingTotal: number;
  /** What the store holds for the day, by the same fingerprint HQ answers with. */
  readonly store: Record<DayCollection, DayDigest>;
  readonly hq: HqConfirmation;
  /** Every lane's shifts closed, nothing pending, HQ confirming the same counts and digests. */
  readonly complete: boolean;
}

export interface StoreDaySources {
  readonly replica: StoreReplica;
  readonly outbox: Outbox;
  readonly lanes: () => readonly LaneRecord[];
  readonly confirmAtHq: (
    businessDay: string,
  ) => Promise<{ ok: true; collections: Record<DayCollection, DayDigest> } | { ok: false; reason: string }>;
}

/** The store's business day for the manager: lanes and their shifts, what is still to reach HQ, HQ's receipt. */
export async function storeDay(
  sources: StoreDaySources,
  storeId: string,
  businessDay: string,
): Promise<StoreDay> {
  const store = {} as Record<DayCollection, DayDigest>;
  const shiftsByLane = new Map<string, LaneShift[]>();
  for (const collection of DAY_COLLECTIONS) {
    const docs = (
      await sources.replica.collections[collection].find({ selector: { businessDay, storeId } }).exec()
    ).map((doc) => doc.toJSON() as Record<string, unknown>);
    store[collection] = dayDigest(docs);
    if (collection !== 'shifts') continue;
    for (const shift of docs) {
      const deviceId = String(shift.deviceId);
      const list = shiftsByLane.get(deviceId) ?? [];
      list.push({
        id: String(shift.id),
        status: String(shift.status),
        cashierId: String(shift.cashierId),
        openedAt: Number(shift.openedAt),
        closedAt: typeof shift.closedAt === 'number' ? shift.closedAt : null,
        zReport: shift.status === 'closed' && shift.closingCount !== undefined,
      });
      shiftsByLane.set(deviceId, list);
    }
  }
  const pendingByLane = new Map<string, Record<string, number>>();
  const pending: Record<string, number> = {};
  let pendingTotal = 0;
  for (const collection of transactionCollectionNames) {
    pending[collection] = sources.outbox.pending(collection).pending;
    pendingTotal += pending[collection] ?? 0;
    for (const [deviceId, count] of sources.outbox.pendingByDevice(collection)) {
      const lane = pendingByLane.get(deviceId) ?? {};
      lane[collection] = count;
      pendingByLane.set(deviceId, lane);
    }
  }
  const lanes: LaneDay[] = sources.lanes().map((lane) => ({
    deviceId: lane.deviceId,
    label: lane.label,
    revoked: lane.revokedAt !== null,
    shifts: shiftsByLane.get(lane.deviceId) ?? [],
    pending: pendingByLane.get(lane.deviceId) ?? {},
  }));
  const answer = await sources.confirmAtHq(businessDay);
  let hq: HqConfirmation;
  if (!answer.ok) hq = { state: 'unknown', reason: answer.reason };
  else {
    const differing = DAY_COLLECTIONS.filter(
      (collection) =>
        answer.collections[collection]?.count !== store[collection].count ||
        answer.collections[collection]?.digest !== store[collection].digest,
    );
    hq =
      differing.length === 0
        ? { state: 'confirmed', collections: answer.collections }
        : { state: 'differs', collections: answer.collections, differing };
  }
  const shiftsClosed = lanes.every((lane) => lane.shifts.every((shift) => shift.status === 'closed'));
  return {
    storeId,
    businessDay,
    lanes,
    pending,
    pendingTotal,
    store,
    hq,
    complete: shiftsClosed && pendingTotal === 0 && hq.state === 'confirmed',
  };
}
