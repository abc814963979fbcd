import type { LaneDevices } from './lane-devices.js';

/** How often a lane reports its devices when nothing changed; the agent calls a lane offline after 90 s. */
export const DEVICE_REPORT_EVERY_MS = 30_000;

export interface DeviceReport {
  readonly hostConnected: boolean;
  readonly devices: readonly {
    role: string;
    deviceId: string;
    health: string;
    reason?: string;
    detail?: string;
    path?: string;
  }[];
}

/** What the lane knows of its devices now: the host's last status per device, `ready` ones online. */
export function deviceReport(devices: LaneDevices, hostConnected: boolean): DeviceReport {
  return {
    hostConnected,
    devices: devices.roles().map(({ role, deviceId }) => {
      const status = devices.status.get(role);
      const health = !hostConnected
        ? 'offline'
        : (status?.health ?? (devices.ready.value.has(role) ? 'online' : 'unknown'));
      return {
        role,
        deviceId,
        health,
        ...(!hostConnected ? { reason: 'host-unreachable' } : {}),
        ...(hostConnected && status?.reason ? { reason: status.reason.slice(0, 64) } : {}),
        ...(hostConnected && status?.detail ? { detail: status.detail.slice(0, 500) } : {}),
        ...(status?.path ? { path: status.path.slice(0, 200) } : {}),
      };
    }),
  };
}

/**
 * Tells the edge agent (`POST /api/lanes/devices`) what the lane's device host reports: at once, on every
 * status or connection change, and every DEVICE_REPORT_EVERY_MS. A failed post is retried by the next one;
 * an upstream without the route (404) is not asked again.
 */
export function startDeviceStatusReports(
  devices: LaneDevices,
  upstreamUrl: string,
  token: string,
  everyMs = DEVICE_REPORT_EVERY_MS,
): () => void {
  let hostConnected = false;
  let queued = false;
  let last = '';
  let unsupported = false;
  const post = (force: boolean) => {
    if (unsupported) return;
    const body = JSON.stringify(deviceReport(devices, hostConnected));
    if (!force && body === last) return;
    last = body;
    void fetch(`${upstreamUrl.replace(/\/+$/, '')}/api/lanes/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      signal: AbortSignal.timeout(10_000),
    })
      .then((r) => {
        // 404: the upstream is HQ (or an agent without the route), which takes no device reports.
        if (r.status === 404) unsupported = true;
        if (!r.ok) last = '';
      })
      .catch(() => {
        last = '';
      });
  };
  // Several status events arrive together when the host comes up: one post for them.
  const changed = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      post(false);
    });
  };
  const stopConnection = devices.bridgeConnection((up) => {
    hostConnected = up;
    changed();
  });
  const stopEvents = devices.on({ onStatus: changed });
  const ready = devices.ready.subscribe(changed);
  const timer = setInterval(() => post(true), everyMs);
  return () => {
    clearInterval(timer);
    stopConnection();
    stopEvents();
    ready.unsubscribe();
  };
}
