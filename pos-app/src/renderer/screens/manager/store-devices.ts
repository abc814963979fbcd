/** One device of a lane as the lane last reported it to the edge agent (`GET /api/devices`). */
export interface ReportedDeviceView {
  readonly role: string;
  readonly deviceId: string;
  readonly health: string;
  readonly reason?: string;
  readonly detail?: string;
  readonly path?: string;
}

export interface LaneDevicesView {
  readonly deviceId: string;
  readonly label: string | null;
  readonly receivedAt?: number;
  readonly online: boolean;
  readonly hostConnected?: boolean;
  readonly devices?: readonly ReportedDeviceView[];
}

export interface StoreDevicesView {
  readonly offlineAfterMs: number;
  readonly lanes: readonly LaneDevicesView[];
  readonly store: {
    readonly configured: boolean;
    readonly devices: readonly {
      readonly id: string;
      readonly kind: string;
      readonly status: { readonly health: string; readonly reason?: string };
      readonly location: string;
    }[];
  };
}

/** A shelf label as the agent's `GET /api/shelf-labels` lists it (the fields the Devices screen shows). */
export interface ShelfLabelView {
  readonly labelMac: string;
  readonly productId: string;
  readonly batteryMv?: number;
  readonly lastSeen?: string;
}

/** Below this a shelf label wants a new battery (a CR2450 label cell is flat at about 2.4 V). */
export const LABEL_BATTERY_LOW_MV = 2600;

export type Answer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

async function getJson<T>(upstreamUrl: string, path: string, token: string): Promise<Answer<T>> {
  try {
    const r = await fetch(`${upstreamUrl.replace(/\/+$/, '')}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
      cache: 'no-store',
    });
    if (r.status === 404) return { ok: false, reason: 'http-404' };
    if (!r.ok) {
      const body = (await r.json().catch(() => ({}))) as { error?: { code?: string } };
      return { ok: false, reason: body.error?.code ?? `http-${r.status}` };
    }
    return { ok: true, value: (await r.json()) as T };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

export const fetchStoreDevices = (upstreamUrl: string, token: string) =>
  getJson<StoreDevicesView>(upstreamUrl, '/api/devices', token);

/** The store's shelf labels, or none when the agent runs no shelf labels (the route is not there: 404). */
export async function fetchShelfLabels(
  upstreamUrl: string,
  token: string,
): Promise<Answer<ShelfLabelView[]>> {
  const answer = await getJson<{ labels: ShelfLabelView[] }>(upstreamUrl, '/api/shelf-labels', token);
  if (answer.ok) return { ok: true, value: answer.value.labels };
  // 404: the agent runs no shelf labels; 503 not-enrolled: they start once the agent is enrolled.
  if (answer.reason === 'http-404' || answer.reason === 'not-enrolled') return { ok: true, value: [] };
  return answer;
}

/** Scale conditions that are a scale at rest, not a problem: an empty platter reads no weight or zero. */
const AT_REST = new Set(['no-weight', 'at-zero']);

/**
 * The state a person reads for one device: its reason when it has one (paper-out, paper-near-end, motion…),
 * else its health. `problem` marks what needs someone: anything but an online device at rest.
 */
export function deviceState(device: { health: string; reason?: string }): { key: string; problem: boolean } {
  if (device.reason && !(device.health === 'online' && AT_REST.has(device.reason)))
    return { key: `reason.${device.reason}`, problem: true };
  return { key: `health.${device.health}`, problem: device.health !== 'online' };
}
