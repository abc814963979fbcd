import { err, ok, type Result } from '@storefloor/core';
import HID from 'node-hid';
import type { ByteTransport, TransportFailureReason } from './byte-transport.js';
import { classifyOpenError } from './classify-open-error.js';
import { TransportEvents } from './transport-events.js';

export type HidAddress =
  | { readonly path: string }
  | { readonly vendorId: number; readonly productId: number };

/** A USB HID device through node-hid; each `onData` chunk is exactly one input report. */
export class HidTransport extends TransportEvents implements ByteTransport {
  readonly path: string;
  #device: HID.HIDAsync | undefined;

  constructor(private readonly address: HidAddress) {
    super();
    this.path =
      'path' in address
        ? address.path
        : `hid:${address.vendorId.toString(16).padStart(4, '0')}:${address.productId.toString(16).padStart(4, '0')}`;
  }

  get isOpen(): boolean {
    return this.#device !== undefined;
  }

  async open(): Promise<Result<void, TransportFailureReason>> {
    if (this.#device) return ok(undefined);
    this.closing = false;
    try {
      const device =
        'path' in this.address
          ? await HID.HIDAsync.open(this.address.path)
          : await HID.HIDAsync.open(this.address.vendorId, this.address.productId);
      this.#device = device;
      device.on('data', (report: Buffer) => this.emitData(new Uint8Array(report)));
      device.on('error', (e: Error) => {
        // hidapi reports an unplugged device as a read error: the link is gone.
        this.emitFault(e.message);
        if (this.#device === device) {
          this.#device = undefined;
          void device.close().catch(() => undefined);
          this.emitClosed();
        }
      });
      return ok(undefined);
    } catch (e) {
      const reason = classifyOpenError(e);
      return err(
        reason === 'open-failed' ? 'port-missing' : reason,
        e instanceof Error ? e.message : String(e),
        this.path,
      );
    }
  }

  async close(): Promise<void> {
    const device = this.#device;
    if (!device) return;
    this.closing = true;
    this.#device = undefined;
    await device.close().catch(() => undefined);
    this.emitClosed(true);
  }

  async write(bytes: Uint8Array): Promise<Result<void, TransportFailureReason>> {
    const device = this.#device;
    if (!device) return err('not-open', undefined, this.path);
    try {
      await device.write(Buffer.from(bytes));
      return ok(undefined);
    } catch (e) {
      return err('write-failed', e instanceof Error ? e.message : String(e), this.path);
    }
  }
}
