import type { Result } from '@storefloor/core';
import type { ByteTransport } from '../transport/byte-transport.js';
import { Device, type DeviceOptions } from './device.js';

/**
 * A device reached through a ByteTransport. Bytes go to `onBytes` (where the driver feeds its codec);
 * an unexpected close of the transport is a lost link, retried with backoff.
 */
export abstract class TransportDevice<TData> extends Device<TData> {
  readonly #unsubscribe: Array<() => void> = [];

  constructor(
    options: DeviceOptions,
    protected readonly transport: ByteTransport,
  ) {
    super(options);
    this.#unsubscribe.push(
      transport.onData((bytes) => this.onBytes(bytes)),
      transport.onClose((closed) => {
        if (!closed.expected) this.linkLost('device-gone', `${transport.path} closed`);
      }),
      transport.onError((fault) => this.emitError({ ...fault, path: transport.path })),
    );
  }

  location(): string {
    return this.transport.path;
  }

  /** Raw bytes from the device; feed them to the driver's codec. */
  protected abstract onBytes(bytes: Uint8Array): void;

  /** Called after the transport opens, before the device is reported online (e.g. reset a codec). */
  protected onConnected(): void {}

  protected async connect(): Promise<Result<void>> {
    const opened = await this.transport.open();
    if (opened.ok) this.onConnected();
    return opened;
  }

  protected disconnect(): Promise<void> {
    return this.transport.close();
  }

  /** Sends bytes to the device; a failed write is a value, and a lost link also reports status. */
  protected async send(bytes: Uint8Array): Promise<Result<void>> {
    return this.transport.write(bytes);
  }
}
