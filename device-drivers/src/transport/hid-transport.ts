import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, ok, type Result } from '@storefloor/core';
import HID from 'node-hid';
import type { ByteTransport, TransportFailureReason } from './byte-transport.js';
import { classifyOpenError } from './classify-open-error.js';
import { TransportEvents } from './transport-events.js';

export type HidAddress =
  | { readonly path: string }
  | { readonly vendorId: number; readonly productId: number; readonly usagePage?: number };

/** HID Point of Sale Usage Tables 1.02: usage page 0x8C is "Bar Code Scanner". */
export const HID_POS_SCANNER_USAGE_PAGE = 0x8c;

/**
 * A USB HID device through node-hid; each `onData` chunk is exactly one input report. Addressed by vendor
 * and product id, it opens the interface on `usagePage` (default 0x8C, the HID POS scanner page): a scanner
 * usually also exposes a keyboard interface with the same ids, and opening that one would read nothing.
 */
export class HidTransport extends TransportEvents implements ByteTransport {
  readonly path: string;
  #device: HID.HIDAsync | undefined;
  #openedPath: string | undefined;

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
      const path = await this.#resolvePath();
      if (path === undefined) {
        return err('port-missing', 'no interface on the HID POS usage page (0x8C)', this.path);
      }
      const device = await HID.HIDAsync.open(path);
      this.#openedPath = path;
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

  async #resolvePath(): Promise<string | undefined> {
    if ('path' in this.address) return this.address.path;
    const page = this.address.usagePage ?? HID_POS_SCANNER_USAGE_PAGE;
    const interfaces = await HID.devicesAsync(this.address.vendorId, this.address.productId);
    return interfaces.find((d) => d.usagePage === page && d.path)?.path;
  }

  /**
   * The opened interface's report descriptor, for laying out its reports (Linux hidraw exposes it in
   * sysfs); undefined where the platform does not.
   */
  async reportDescriptor(): Promise<Uint8Array | undefined> {
    const path = this.#openedPath;
    if (!path?.startsWith('/dev/hidraw')) return undefined;
    try {
      return new Uint8Array(await readFile(`/sys/class/hidraw/${basename(path)}/device/report_descriptor`));
    } catch {
      return undefined;
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
