/** One device as a lane's renderer last heard of it from its device host. */
export interface ReportedDevice {
  /** The lane's role for the device: scanner, scale, printer, terminal… */
  readonly role: string;
  readonly deviceId: string;
  /** device-drivers' DeviceHealth: online, offline, reconnecting, error; `unknown` before any status. */
  readonly health: string;
  /** A stable code, e.g. paper-out, paper-near-end, motion, port-missing. */
  readonly reason?: string;
  readonly detail?: string;
  readonly path?: string;
}

export interface LaneDeviceReport {
  /** Whether the renderer reaches its own device host at all. */
  readonly hostConnected: boolean;
  readonly devices: readonly ReportedDevice[];
}

export interface LaneDevicesView extends Partial<LaneDeviceReport> {
  readonly deviceId: string;
  readonly label: string | null;
  /** When the agent last received the lane's report (epoch ms); absent if never. */
  readonly receivedAt?: number;
  /** Heard from within `offlineAfterMs`. */
  readonly online: boolean;
}

/** A lane not heard from for this long is offline (it reports every 30 s and on every change). */
export const LANE_DEVICES_OFFLINE_AFTER_MS = 90_000;

/**
 * The latest device report of each lane, in memory with the time it was received: device state is current
 * state, not history, and a restarted agent learns it again within a report interval.
 */
export class LaneDeviceBoard {
  readonly #reports = new Map<string, { report: LaneDeviceReport; receivedAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly offlineAfterMs = LANE_DEVICES_OFFLINE_AFTER_MS,
  ) {}

  report(deviceId: string, report: LaneDeviceReport): number {
    const receivedAt = this.now();
    this.#reports.set(deviceId, { report, receivedAt });
    return receivedAt;
  }

  /** Every lane given, with its last report and whether it is online now. */
  view(lanes: readonly { deviceId: string; label: string | null }[]): LaneDevicesView[] {
    const now = this.now();
    return lanes.map((lane) => {
      const last = this.#reports.get(lane.deviceId);
      if (!last) return { deviceId: lane.deviceId, label: lane.label, online: false };
      return {
        deviceId: lane.deviceId,
        label: lane.label,
        ...last.report,
        receivedAt: last.receivedAt,
        online: now - last.receivedAt <= this.offlineAfterMs,
      };
    });
  }
}
