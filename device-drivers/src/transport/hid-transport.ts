import { err, ok, type Result } from '@storefloor/core';
import HID from 'node-hid';
import type {
  ByteTransport,
  TransportClosed,
  TransportFailureReason,
  TransportFault,
} from './byte-transport.js';
import { classifyOpenError } from './classify-open-error.js';
import { ListenerSet } from './listener-set.js';

export type HidAddress =
  | { readonly path: string }
  | { readonly vendorId: number; readonly productId: number };

/** A USB HID device through node-hid; each `onData` chunk is exactly one input report. */
export class HidTransport implements ByteTransport {
  readonly path: string;
  #device: HID.HIDAsync | undefined;
  #closing = false;
  readonly #data = new ListenerSet<Uint8Array>();
  readonly #close = new ListenerSet<TransportClosed>();
  readonly #error = new ListenerSet<TransportFault>();

  constructor(private readonly address: HidAddress) {
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
    this.#closing = false;
    try {
      const device =
        'path' in this.address
          ? await HID.HIDAsync.open(this.address.path)
          : await HID.HIDAsync.open(this.address.vendorId, this.address.productId);
      this.#device = device;
      device.on('data', (report: Buffer) => this.#data.call(new Uint8Array(report)));
      device.on('error', (e: Error) => {
        // hidapi reports an unplugged device as a read error: the link is gone.
        this.#error.call({ reason: 'io-error', detail: e.message });
        if (this.#device === device) {
          this.#device = undefined;
          void device.close().catch(() => undefined);
          this.#close.call({ expected: this.#closing });
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
    this.#closing = true;
    this.#device = undefined;
    await device.close().catch(() => undefined);
    this.#close.call({ expected: true });
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

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.#data.add(listener);
  }

  onClose(listener: (closed: TransportClosed) => void): () => void {
    return this.#close.add(listener);
  }

  onError(listener: (fault: TransportFault) => void): () => void {
    return this.#error.add(listener);
  }
}
