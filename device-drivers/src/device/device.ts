import { ok, type Result } from '@storefloor/core';
import type { DeviceKind } from './device-kind.js';
import { type DeviceState, type LifecycleStep, nextState, stepsToClose } from './device-state.js';
import type { DeviceError, DeviceStatus } from './device-status.js';
import { type BackoffOptions, DEFAULT_BACKOFF, Reconnector } from './reconnect.js';
import { TypedEmitter } from './typed-emitter.js';

/** The events every device emits. `data` is only delivered while the device is enabled. */
export interface DeviceEvents<TData> {
  data: TData;
  status: DeviceStatus;
  error: DeviceError;
}

export interface DeviceOptions {
  readonly id: string;
  /** Retry a lost or failed link by itself (default true). */
  readonly reconnect?: boolean;
  readonly backoff?: BackoffOptions;
}

/**
 * The UnifiedPOS-style lifecycle for every driver (ARCHITECTURE.md §5).
 *
 * The lifecycle is the logical one: `open()` always moves to `opened` and returns whether the physical
 * link came up. A missing port or a device that never answers is a `status` event (offline, with the
 * reason and path) and, unless disabled, the device keeps retrying with backoff. An out-of-order call
 * (enable before claim) throws IllegalTransitionError: that is a bug in the caller.
 */
export abstract class Device<TData> extends TypedEmitter<DeviceEvents<TData>> {
  abstract readonly kind: DeviceKind;
  readonly id: string;
  #state: DeviceState = 'closed';
  #status: DeviceStatus = { health: 'offline', reason: 'not-opened' };
  #connected = false;
  readonly #reconnector: Reconnector;
  readonly #autoReconnect: boolean;

  constructor(options: DeviceOptions) {
    super();
    if (typeof options.id !== 'string' || options.id.length === 0) {
      throw new TypeError('device option "id" must be a non-empty string');
    }
    this.id = options.id;
    this.#autoReconnect = options.reconnect ?? true;
    this.#reconnector = new Reconnector(
      () => this.#connectOnce(false),
      {
        onFailure: (failure) => this.setStatus({ health: 'reconnecting', ...failure, path: this.location() }),
      },
      options.backoff ?? DEFAULT_BACKOFF,
    );
  }

  get state(): DeviceState {
    return this.#state;
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  /** Whether the physical link is up right now. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Where the device is attached (port path, host:port, URL), named in every status. */
  abstract location(): string;

  /** Brings the physical link up. Expected failures are values with a stable reason. */
  protected abstract connect(): Promise<Result<void>>;

  /** Takes the physical link down; must not throw. */
  protected abstract disconnect(): Promise<void>;

  /** Called once the device is enabled (and after each reconnect while enabled). */
  protected onEnable(): Promise<void> | void {}

  /** Called when the device is disabled or its link drops while enabled. */
  protected onDisable(): Promise<void> | void {}

  async open(): Promise<Result<void>> {
    this.#step('open');
    const first = await this.#connectOnce(true);
    if (!first.ok && this.#autoReconnect && this.#state !== 'closed') this.#reconnector.start();
    return first;
  }

  async claim(): Promise<void> {
    this.#step('claim');
  }

  async enable(): Promise<void> {
    this.#step('enable');
    if (this.#connected) await this.onEnable();
  }

  async disable(): Promise<void> {
    this.#step('disable');
    await this.onDisable();
  }

  async release(): Promise<void> {
    this.#step('release');
  }

  async close(): Promise<void> {
    this.#step('close');
    this.#reconnector.stop();
    const wasConnected = this.#connected;
    this.#connected = false;
    await this.disconnect();
    if (wasConnected || this.#status.health !== 'offline') {
      this.setStatus({ health: 'offline', reason: 'closed', path: this.location() });
    }
  }

  /** Walks the lifecycle back down to `closed` from wherever it is. */
  async shutdown(): Promise<void> {
    for (const step of stepsToClose(this.#state)) await this.#run(step);
  }

  /** Subclasses report a frame here; dropped unless enabled (UnifiedPOS delivers data only when enabled). */
  protected emitData(data: TData): void {
    if (this.#state === 'enabled') this.emit('data', data);
  }

  protected emitError(error: DeviceError): void {
    this.emit('error', { path: this.location(), ...error });
  }

  /** Emits a status event if it differs from the last one. */
  protected setStatus(status: DeviceStatus): void {
    const prev = this.#status;
    if (
      prev.health === status.health &&
      prev.reason === status.reason &&
      prev.path === status.path &&
      prev.detail === status.detail
    ) {
      return;
    }
    this.#status = status;
    this.emit('status', status);
  }

  /** Subclasses call this when the link drops without being asked (cable pulled, pty closed). */
  protected linkLost(reason = 'device-gone', detail?: string): void {
    if (!this.#connected) return;
    this.#connected = false;
    const status: DeviceStatus = { health: 'offline', reason, path: this.location() };
    this.setStatus(detail === undefined ? status : { ...status, detail });
    if (this.#state === 'enabled') void this.onDisable();
    if (this.#autoReconnect && this.#state !== 'closed') this.#reconnector.start();
  }

  async #connectOnce(reportFailure: boolean): Promise<Result<void>> {
    const result = await this.connect();
    if (this.#state === 'closed') {
      if (result.ok) await this.disconnect();
      return result;
    }
    if (!result.ok) {
      if (!reportFailure) return result;
      const status: DeviceStatus = {
        health: 'offline',
        reason: result.reason,
        path: result.path ?? this.location(),
      };
      this.setStatus(result.detail === undefined ? status : { ...status, detail: result.detail });
      return result;
    }
    this.#connected = true;
    this.setStatus({ health: 'online', path: this.location() });
    if (this.#state === 'enabled') await this.onEnable();
    return ok(undefined);
  }

  #step(step: LifecycleStep): void {
    this.#state = nextState(this.id, this.#state, step);
  }

  async #run(step: LifecycleStep): Promise<void> {
    switch (step) {
      case 'open':
        await this.open();
        return;
      case 'claim':
        return this.claim();
      case 'enable':
        return this.enable();
      case 'disable':
        return this.disable();
      case 'release':
        return this.release();
      case 'close':
        return this.close();
    }
  }
}
