import { err, ok, type Result } from '@storefloor/core';
import { FaultSet } from '../fault-set.js';
import { lineNoise, wrongBaud } from '../line-noise.js';
import { SerialLine } from '../pty/serial-line.js';
import type { SimDevice, SimEndpoint } from '../sim-device.js';
import { aimPrefixFor } from './aim-prefix.js';

export const SCANNER_FAULTS = ['noise', 'wrong-baud', 'disconnected'] as const;

export interface SimSerialScannerOptions {
  readonly id: string;
  readonly runDir: string;
  readonly baudRate?: number;
}

/** A serial POS scanner sending AIM-prefixed, CR-terminated codes on a real pty. */
/** The device kind this simulator plays, named here so hardware-sim needs nothing from the drivers. */
export type SimScannerKind = 'scanner';

export class SimSerialScanner implements SimDevice {
  readonly kind: SimScannerKind = 'scanner';
  readonly protocol = 'aim-serial';
  readonly id: string;
  readonly faultKinds: readonly string[] = SCANNER_FAULTS;
  readonly #faults = new FaultSet(SCANNER_FAULTS);
  readonly #line: SerialLine;

  constructor(options: SimSerialScannerOptions) {
    this.id = options.id;
    this.#line = new SerialLine({
      dir: options.runDir,
      name: options.id,
      baudRate: options.baudRate ?? 9600,
    });
  }

  get faults(): readonly string[] {
    return this.#faults.list;
  }

  endpoint(): SimEndpoint {
    return { path: this.#line.devicePath };
  }

  start(): Promise<void> {
    return this.#line.connect();
  }

  stop(): Promise<void> {
    return this.#line.disconnect();
  }

  async scan(code: string, symbology = 'ean-13'): Promise<Result<void>> {
    if (typeof code !== 'string' || code.length === 0 || /[\r\n]/.test(code)) {
      return err('bad-code', 'code must be a non-empty string without CR/LF');
    }
    const prefix = aimPrefixFor(symbology);
    if (prefix === undefined) return err('bad-symbology', `unknown symbology "${symbology}"`);
    if (!this.#line.connected) return err('device-disconnected', `${this.id} is unplugged`);
    // AIM identifier + data + CR: the usual RS-232 framing of POS scanners.
    let frame: Uint8Array = new TextEncoder().encode(`${prefix}${code}\r`);
    if (this.#faults.has('wrong-baud')) frame = wrongBaud(frame);
    if (this.#faults.has('noise')) frame = Uint8Array.from([...lineNoise(5), ...frame]);
    await this.#line.write(frame);
    return ok(undefined);
  }

  injectFault(kind: string): Result<void> {
    const added = this.#faults.add(kind);
    if (!added.ok) return added;
    if (kind === 'disconnected') this.#line.plugInBackground(false);
    return ok(undefined);
  }

  clearFaults(): void {
    if (this.#faults.clear().includes('disconnected')) this.#line.plugInBackground(true);
  }
}
