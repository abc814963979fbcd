import type { Err, Result } from '@storefloor/core';
import type { DeviceError, DeviceStatus, HostMessage, JsonValue } from '@storefloor/device-drivers/renderer';
import { BehaviorSubject } from 'rxjs';
import type { DeviceBridge } from './device-bridge.js';

/** `bagging` is the kiosk's second scale, under the bagging area; lanes have none. */
export type LaneDeviceRole = 'scanner' | 'scale' | 'printer' | 'terminal' | 'face-pay' | 'bagging';

export interface DeviceEvents {
  /** `at`: when the lane host had the scanner's frame (epoch ms with a fraction), if it said. */
  onScan?(payload: JsonValue, at?: number): void;
  onScanError?(error: DeviceError): void;
  onWeight?(payload: JsonValue): void;
  onBaggingWeight?(payload: JsonValue): void;
  onStatus?(role: LaneDeviceRole, status: DeviceStatus): void;
}

const TIMEOUT: Err<'host-timeout'> = {
  ok: false,
  reason: 'host-timeout',
  detail: 'the lane device host did not answer',
};

/**
 * The lane's devices as the cashier's screens use them, on top of a DeviceBridge: opens, claims and enables
 * each device, turns requests into promises of core `Result`s, and routes device events by role.
 */
export class LaneDevices {
  readonly #bridge: DeviceBridge;
  readonly #ids: Partial<Record<LaneDeviceRole, string>>;
  readonly #waiting = new Map<string, (result: Result<JsonValue>) => void>();
  readonly #handlers = new Set<DeviceEvents>();
  readonly status = new Map<LaneDeviceRole, DeviceStatus>();
  /** Devices claimed and enabled by this lane; the status bar names the others. */
  readonly ready = new BehaviorSubject<ReadonlySet<LaneDeviceRole>>(new Set());
  #next = 1;

  constructor(bridge: DeviceBridge, ids: Partial<Record<LaneDeviceRole, string>> = {}) {
    this.#bridge = bridge;
    this.#ids = {
      scanner: 'scanner',
      scale: 'scale',
      printer: 'printer',
      terminal: 'terminal',
      'face-pay': 'face-pay',
      ...ids,
    };
    bridge.onMessage((m) => this.#receive(m));
    bridge.onConnection((up) => {
      if (up) void this.start();
      else this.ready.next(new Set());
    });
  }

  /** Follows whether the device host can be reached. */
  bridgeConnection(listener: (connected: boolean) => void): () => void {
    listener(this.#bridge.connected);
    return this.#bridge.onConnection(listener);
  }

  on(handlers: DeviceEvents): () => void {
    this.#handlers.add(handlers);
    return () => this.#handlers.delete(handlers);
  }

  /** Every role this lane has, with the device id its host knows it by. */
  roles(): readonly { role: LaneDeviceRole; deviceId: string }[] {
    return (Object.keys(this.#ids) as LaneDeviceRole[]).map((role) => ({
      role,
      deviceId: this.#ids[role] ?? role,
    }));
  }

  #roles(deviceId: string): LaneDeviceRole[] {
    return (Object.keys(this.#ids) as LaneDeviceRole[]).filter((r) => this.#ids[r] === deviceId);
  }

  #receive(message: HostMessage): void {
    if (message.type === 'reply') {
      const resolve = this.#waiting.get(message.requestId);
      if (resolve) {
        this.#waiting.delete(message.requestId);
        resolve(message.result);
      }
      return;
    }
    const roles = this.#roles(message.deviceId);
    if (roles.length === 0) return;
    // A scanner-scale (one device in the counter, both roles) says which of the two each reading is.
    const combined =
      roles.length > 1 && message.type === 'data' ? combinedReading(message.payload) : undefined;
    for (const h of this.#handlers) {
      for (const role of roles) {
        if (message.type === 'status') {
          this.status.set(role, message.payload);
          h.onStatus?.(role, message.payload);
        } else if (message.type === 'data') {
          if (combined) {
            if (role === 'scanner' && combined.scan !== undefined) h.onScan?.(combined.scan, message.at);
            if (role === 'scale' && combined.weight !== undefined) h.onWeight?.(combined.weight);
            continue;
          }
          if (role === 'scanner') h.onScan?.(message.payload, message.at);
          if (role === 'scale') h.onWeight?.(message.payload);
          if (role === 'bagging') h.onBaggingWeight?.(message.payload);
        } else if (message.type === 'error' && role === 'scanner') h.onScanError?.(message.payload);
      }
    }
  }

  request(body: Record<string, JsonValue>, timeoutMs = 90_000): Promise<Result<JsonValue>> {
    const requestId = `r${this.#next++}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(requestId);
        resolve(TIMEOUT);
      }, timeoutMs);
      this.#waiting.set(requestId, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.#bridge.send({ ...body, requestId });
    });
  }

  /**
   * open → claim → enable for every lane device; a device that is missing stays offline, the rest work. A
   * host whose only scanner and scale is one scanner-scale (a kiosk's or a lane's counter scanner with the
   * scale in it, Magellan SCI) gives both roles to it, opened once.
   */
  async start(): Promise<void> {
    const listed = await this.request({ type: 'list' }, 15_000);
    const devices =
      listed.ok && Array.isArray(listed.value) ? (listed.value as { id?: unknown; kind?: unknown }[]) : [];
    const has = (id: string | undefined) => devices.some((d) => d.id === id);
    const scannerScale = devices.find((d) => d.kind === 'scanner-scale');
    if (typeof scannerScale?.id === 'string' && !has(this.#ids.scanner) && !has(this.#ids.scale)) {
      this.#ids.scanner = scannerScale.id;
      this.#ids.scale = scannerScale.id;
    }
    const byDevice = new Map<string, LaneDeviceRole[]>();
    for (const role of Object.keys(this.#ids) as LaneDeviceRole[]) {
      const deviceId = this.#ids[role] ?? role;
      byDevice.set(deviceId, [...(byDevice.get(deviceId) ?? []), role]);
    }
    await Promise.all(
      [...byDevice].map(async ([deviceId, roles]) => {
        for (const type of ['open', 'claim', 'enable'] as const) {
          const r = await this.request({ type, deviceId }, 15_000);
          if (!r.ok && r.reason !== 'illegal-transition') return;
        }
        this.ready.next(new Set([...this.ready.value, ...roles]));
      }),
    );
  }

  invoke(
    role: LaneDeviceRole,
    command: string,
    args?: JsonValue,
    timeoutMs?: number,
  ): Promise<Result<JsonValue>> {
    return this.request(
      { type: 'invoke', deviceId: this.#ids[role] ?? role, command, ...(args === undefined ? {} : { args }) },
      timeoutMs,
    );
  }
}

/** A scanner-scale's reading: `{ type: 'scan', barcode }` or `{ type: 'weight', weight }`, else undefined. */
function combinedReading(payload: JsonValue): { scan?: JsonValue; weight?: JsonValue } | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, JsonValue>;
  if (p.type === 'scan' && p.barcode !== undefined) return { scan: p.barcode };
  if (p.type === 'weight' && p.weight !== undefined) return { weight: p.weight };
  return undefined;
}
