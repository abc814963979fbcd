import { err, ok, type Result } from '@storefloor/core';
import { SerialPort } from 'serialport';
import type { ByteTransport, TransportFailureReason } from './byte-transport.js';
import { classifyOpenError } from './classify-open-error.js';
import { TransportEvents } from './transport-events.js';

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialLineSettings {
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly parity?: Parity;
  readonly stopBits?: 1 | 1.5 | 2;
}

/** Standard rates a POS device is configured for; anything else is a typo in a config file. */
export const STANDARD_BAUD_RATES: readonly number[] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

/** A serial port (RS-232, USB-serial, or a pseudo-terminal) through serialport 13. */
export class SerialTransport extends TransportEvents implements ByteTransport {
  readonly path: string;
  readonly settings: Required<SerialLineSettings>;
  #port: SerialPort | undefined;

  constructor(settings: SerialLineSettings) {
    super();
    if (typeof settings.path !== 'string' || settings.path.length === 0) {
      throw new TypeError('serial option "path" must be a non-empty string');
    }
    if (!Number.isInteger(settings.baudRate) || settings.baudRate <= 0) {
      throw new TypeError(`serial option "baudRate" must be a positive integer, got ${settings.baudRate}`);
    }
    this.path = settings.path;
    this.settings = {
      path: settings.path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits ?? 8,
      parity: settings.parity ?? 'none',
      stopBits: settings.stopBits ?? 1,
    };
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  open(): Promise<Result<void, TransportFailureReason>> {
    if (this.#port?.isOpen) return Promise.resolve(ok(undefined));
    this.closing = false;
    const port = new SerialPort({ ...this.settings, autoOpen: false });
    return new Promise((resolve) => {
      port.open((error) => {
        if (error) {
          resolve(err(classifyOpenError(error), error.message, this.path));
          return;
        }
        this.#port = port;
        this.relay(port, () => {
          if (this.#port === port) this.#port = undefined;
        });
        resolve(ok(undefined));
      });
    });
  }

  close(): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return Promise.resolve();
    this.closing = true;
    return new Promise((resolve) => port.close(() => resolve()));
  }

  write(bytes: Uint8Array): Promise<Result<void, TransportFailureReason>> {
    const port = this.#port;
    if (!port?.isOpen) return Promise.resolve(err('not-open', undefined, this.path));
    return new Promise((resolve) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) resolve(err('write-failed', error.message, this.path));
        else port.drain(() => resolve(ok(undefined)));
      });
    });
  }
}
