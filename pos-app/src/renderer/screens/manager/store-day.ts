/**
 * The edge agent's view of the store's business day (edge-agent `src/day-end/store-day.ts`, served at
 * `GET /api/day/:businessDay`), as the manager's screens read it, and the day-end's progress computed from it.
 */
export interface LaneShiftView {
  readonly id: string;
  readonly status: string;
  readonly cashierId: string;
  readonly openedAt: number;
  readonly closedAt: number | null;
  readonly zReport: boolean;
}

export interface LaneDayView {
  readonly deviceId: string;
  readonly label: string | null;
  readonly revoked: boolean;
  readonly shifts: readonly LaneShiftView[];
  readonly pending: Record<string, number>;
}

export interface DayDigestView {
  readonly count: number;
  readonly digest: string;
}

export interface StoreDayView {
  readonly storeId: string;
  readonly businessDay: string;
  readonly lanes: readonly LaneDayView[];
  readonly pending: Record<string, number>;
  readonly pendingTotal: number;
  readonly store: Record<string, DayDigestView>;
  readonly hq:
    | { readonly state: 'confirmed' }
    | { readonly state: 'differs'; readonly differing: readonly string[] }
    | { readonly state: 'unknown'; readonly reason: string };
  readonly complete: boolean;
}

export type StoreDayAnswer =
  | { readonly ok: true; readonly day: StoreDayView }
  | { readonly ok: false; readonly reason: string };

/** Asks the edge agent (through the page's upstream) for the store's day; never throws. */
export async function fetchStoreDay(
  upstreamUrl: string,
  token: string,
  businessDay: string,
): Promise<StoreDayAnswer> {
  try {
    const r = await fetch(`${upstreamUrl.replace(/\/+$/, '')}/api/day/${businessDay}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
    if (!r.ok) {
      const body = (await r.json().catch(() => ({}))) as { error?: { code?: string } };
      return { ok: false, reason: body.error?.code ?? `http-${r.status}` };
    }
    return { ok: true, day: (await r.json()) as StoreDayView };
  } catch {
    return { ok: false, reason: 'network' };
  }
}

/** The lanes that sell: every enrolled, unrevoked device except the manager's own screen. */
export function sellingLanes(day: StoreDayView, ownDeviceId: string): readonly LaneDayView[] {
  return day.lanes.filter((l) => l.deviceId !== ownDeviceId && (!l.revoked || l.shifts.length > 0));
}

export interface DayEndProgress {
  /** 0–100; 100 only when the agent reports the day complete (shifts closed, nothing pending, HQ confirmed). */
  readonly percent: number;
  readonly shiftsClosed: number;
  readonly shiftsTotal: number;
  readonly documents: number;
  readonly pending: number;
  readonly hqConfirmed: boolean;
}

/**
 * How far the day-end is: closing shifts and draining the queue to HQ each carry part of the bar, and the last
 * step — HQ confirming the same count and digest per collection — is the only way to 100 %. A lane offline
 * with an open shift keeps it short, however much else has arrived.
 */
export function dayEndProgress(day: StoreDayView, lanes: readonly LaneDayView[]): DayEndProgress {
  const shifts = lanes.flatMap((l) => l.shifts);
  const shiftsClosed = shifts.filter((s) => s.status === 'closed').length;
  const documents = Object.values(day.store).reduce((n, d) => n + d.count, 0);
  const pending = day.pendingTotal;
  const hqConfirmed = day.hq.state === 'confirmed';
  const shiftPart = shifts.length === 0 ? 0 : shiftsClosed / shifts.length;
  const syncPart = documents === 0 ? 0 : Math.max(0, documents - pending) / documents;
  const percent = day.complete ? 100 : Math.min(99, Math.floor(49 * shiftPart + 49 * syncPart));
  return { percent, shiftsClosed, shiftsTotal: shifts.length, documents, pending, hqConfirmed };
}
