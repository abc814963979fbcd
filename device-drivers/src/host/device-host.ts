import { err, ok, type Result } from '@storefloor/core';
import type { Device } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import { IllegalTransitionError } from '../device/device-state.js';
import {
  type DeviceInfo,
  type HostMessage,
  type HostRequest,
  type JsonValue,
  parseHostRequest,
} from './host-messages.js';

/** A device-specific command: checks its args and runs against a device of the right kind. */
export interface DeviceCommand {
  readonly kind: DeviceKind;
  /** Other kinds that answer the same command (a scanner-scale reads its weight as a scale does). */
  readonly alsoFor?: readonly DeviceKind[];
  run(device: Device<unknown>, args: JsonValue | undefined): Promise<Result<JsonValue>>;
}

/** One client's connection to the host: requests in with `send`, replies and events out via `onMessage`. */
export interface HostSession {
  readonly id: string;
  send(request: unknown): Promise<void>;
  onMessage(listener: (message: HostMessage) => void): () => void;
  /** Ends the session and releases the devices it had claimed. */
  close(): Promise<void>;
}

/**
 * Runs one machine's drivers and offers them over the host message protocol, whatever carries the
 * messages (Electron IPC, WebSocket): an adapter opens a session per client and pipes JSON both ways.
 * A claim belongs to the session that made it, as in UnifiedPOS; a closed session gives its claims back.
 */
export class DeviceHost {
  readonly #devices = new Map<string, Device<unknown>>();
  readonly #commands = new Map<string, DeviceCommand>();
  readonly #sessions = new Map<string, Set<(message: HostMessage) => void>>();
  readonly #claims = new Map<string, string>();
  #nextSession = 1;

  add(device: Device<unknown>): void {
    if (this.#devices.has(device.id)) throw new Error(`device id "${device.id}" added twice`);
    this.#devices.set(device.id, device);
    device.on('data', (payload) =>
      this.#broadcast({
        type: 'data',
        deviceId: device.id,
        payload: payload as JsonValue,
        at: performance.timeOrigin + performance.now(),
      }),
    );
    device.on('status', (payload) => this.#broadcast({ type: 'status', deviceId: device.id, payload }));
    device.on('error', (payload) => this.#broadcast({ type: 'error', deviceId: device.id, payload }));
  }

  registerCommand(name: string, command: DeviceCommand): this {
    this.#commands.set(name, command);
    return this;
  }

  devices(): DeviceInfo[] {
    return [...this.#devices.values()].map((d) => ({
      id: d.id,
      kind: d.kind,
      state: d.state,
      status: d.status,
      location: d.location(),
    }));
  }

  connect(): HostSession {
    const id = `session-${this.#nextSession++}`;
    const listeners = new Set<(message: HostMessage) => void>();
    this.#sessions.set(id, listeners);
    const emit = (message: HostMessage) => {
      for (const l of listeners) l(message);
    };
    return {
      id,
      send: async (raw) => {
        const parsed = parseHostRequest(raw);
        if (!parsed.ok) {
          if (parsed.requestId !== undefined)
            emit({ type: 'reply', requestId: parsed.requestId, result: parsed });
          else
            emit({
              type: 'error',
              deviceId: '',
              payload: { reason: parsed.reason, ...(parsed.detail ? { detail: parsed.detail } : {}) },
            });
          return;
        }
        const result = await this.#handle(id, parsed.value);
        emit({ type: 'reply', requestId: parsed.value.requestId, result });
      },
      onMessage: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: async () => {
        this.#sessions.delete(id);
        for (const [deviceId, owner] of [...this.#claims]) {
          if (owner !== id) continue;
          this.#claims.delete(deviceId);
          const device = this.#devices.get(deviceId);
          if (device?.state === 'enabled') await device.disable();
          if (device?.state === 'claimed') await device.release();
        }
      },
    };
  }

  /** Closes every device (end of the process). */
  async shutdown(): Promise<void> {
    await Promise.allSettled([...this.#devices.values()].map((d) => d.shutdown()));
  }

  #broadcast(message: HostMessage): void {
    for (const listeners of this.#sessions.values()) for (const l of listeners) l(message);
  }

  async #handle(sessionId: string, request: HostRequest): Promise<Result<JsonValue>> {
    if (request.type === 'list') return ok(this.devices() as unknown as JsonValue);
    const device = this.#devices.get(request.deviceId);
    if (!device) return err('device-not-found', `no device "${request.deviceId}"`);
    const owner = this.#claims.get(device.id);
    if (owner !== undefined && owner !== sessionId && request.type !== 'open') {
      return err('claimed-elsewhere', `${device.id} is claimed by another client`);
    }
    try {
      switch (request.type) {
        case 'open': {
          if (device.state !== 'closed') return ok(null);
          const opened = await device.open();
          // The logical device is open either way; the link's health comes as status events.
          return opened.ok ? ok(null) : ok({ linkReason: opened.reason });
        }
        case 'claim':
          await device.claim();
          this.#claims.set(device.id, sessionId);
          return ok(null);
        case 'enable':
          await device.enable();
          return ok(null);
        case 'disable':
          await device.disable();
          return ok(null);
        case 'release':
          await device.release();
          this.#claims.delete(device.id);
          return ok(null);
        case 'close':
          await device.close();
          return ok(null);
        case 'invoke': {
          const command = this.#commands.get(request.command);
          if (!command) return err('unknown-command', `no command "${request.command}"`);
          if (command.kind !== device.kind && !command.alsoFor?.includes(device.kind)) {
            return err(
              'wrong-device-kind',
              `${request.command} needs a ${command.kind}, ${device.id} is a ${device.kind}`,
            );
          }
          return await command.run(device, request.args);
        }
      }
    } catch (e) {
      // A remote client's out-of-order call must not crash the host: it gets the bug back as a reply.
      if (e instanceof IllegalTransitionError) return err('illegal-transition', e.message);
      throw e;
    }
  }
}
