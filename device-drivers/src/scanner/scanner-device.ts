import type { Result } from '@storefloor/core';
import type { DeviceOptions } from '../device/device.js';
import { TransportDevice } from '../device/transport-device.js';
import type { ByteTransport } from '../transport/byte-transport.js';
import { type BarcodeParser, readScannedCode, type ScannedBarcode } from './scanned-barcode.js';
import type { ScannedCode } from './symbology.js';

/** Anything that turns bytes from a scanner into scans and typed errors. */
export interface ScanDecoder<E extends string> {
  push(bytes: Uint8Array): Result<ScannedCode, E>[];
  reset(): void;
}

export interface ScannerDeviceOptions extends DeviceOptions {
  /** The store's barcode reader (core `parseBarcode` with its nomenclature); defaults to the standard rules. */
  readonly parse?: BarcodeParser;
}

/**
 * A barcode scanner on a byte transport (serial AIM, HID POS). Each good read, parsed by core's
 * `parseBarcode`, is a `data` event; a bad frame or an unreadable barcode is an `error` event with a
 * stable reason, and never becomes a sale line.
 */
export class ScannerDevice<E extends string = string> extends TransportDevice<ScannedBarcode> {
  readonly kind = 'scanner' as const;
  readonly #parse: BarcodeParser | undefined;

  constructor(
    options: ScannerDeviceOptions,
    transport: ByteTransport,
    private readonly decoder: ScanDecoder<E>,
  ) {
    super(options, transport);
    this.#parse = options.parse;
  }

  protected override onConnected(): void {
    this.decoder.reset();
  }

  protected onBytes(bytes: Uint8Array): void {
    for (const scan of this.decoder.push(bytes)) {
      const read = scan.ok ? readScannedCode(scan.value, this.#parse) : scan;
      if (read.ok) this.emitData(read.value);
      else
        this.emitError(
          read.detail === undefined ? { reason: read.reason } : { reason: read.reason, detail: read.detail },
        );
    }
  }
}
