import { err, ok, type Result } from '@storefloor/core';
import { FaultSet } from '../fault-set.js';
import { lineNoise, wrongBaud } from '../line-noise.js';
import { SerialLine } from '../pty/serial-line.js';
import { Platter } from '../scale/platter.js';
import type { SimDevice, SimEndpoint } from '../sim-device.js';

export const SCANNER_SCALE_FAULTS = ['disconnected', 'moving', 'noise', 'wrong-baud', 'silent'] as const;

/** The device kind this simulator plays, named here so hardware-sim needs nothing from the drivers. */
export type SimScannerScaleKind = 'scanner-scale';

/**
 * Label identifiers the scanner puts after `S08`, from the Datalogic Magellan 8500 manual, Appendix F
 * "Datalogic Handheld Data Format Requirements" ("UPC-A ... Prefix must be an ASCII character 'A'", "RSS-14
 * Prefix must be ASCII characters 'R4'") and from what CORE-POS's SPH_Magellan_Scale.cs reads (A, E, F, R,
 * B1). Keyed by the symbology names the control API takes.
 */
const LABEL_ID_BY_SYMBOLOGY: Readonly<Record<string, string>> = {
  'upc-a': 'A',
  'upc-e': 'E',
  'ean-13': 'F',
  'ean-8': 'FF',
  'code-39': 'B1',
  itf: 'B2',
  'code-128': 'B3',
  'gs1-databar': 'R4',
};

/** SCI messages end in CR (CORE-POS reads "until b == 13"). */
const END = '\r';

export interface SimMagellanOptions {
  readonly id: string;
  readonly runDir: string;
  /** Weight unit the scale is set to: `lb` sends 4 digits of 0.01 lb, `kg` 5 digits of 0.001 kg. */
  readonly unit?: 'lb' | 'kg';
  readonly capacityGrams?: number;
}

/**
 * A Datalogic Magellan scanner-scale on one pty in SCI mode (9600 7O1), written from CORE-POS's driver and the
 * Datalogic documents; it shares no code with our driver. Scans are sent unprompted as `S08` + label id +
 * data; the scale answers `S11` with `S11` + weight or an `S14x` status, and `S14` with `S14x` (`S144` +
 * weight when stable and not zero).
 */
export class SimMagellanScannerScale implements SimDevice {
  readonly kind: SimScannerScaleKind = 'scanner-scale';
  readonly protocol = 'magellan-sci';
  readonly id: string;
  readonly faultKinds: readonly string[] = SCANNER_SCALE_FAULTS;
  readonly #faults = new FaultSet(SCANNER_SCALE_FAULTS);
  readonly #line: SerialLine;
  readonly #platter: Platter;
  readonly #unit: 'lb' | 'kg';
  #command = '';
  #beeps = 0;

  constructor(options: SimMagellanOptions) {
    this.id = options.id;
    this.#unit = options.unit ?? 'lb';
    this.#platter = new Platter(options.capacityGrams ?? 15_000);
    this.#line = new SerialLine({ dir: options.runDir, name: options.id, baudRate: 9600 });
    this.#line.onData((bytes) => this.#receive(bytes));
  }

  get faults(): readonly string[] {
    return this.#faults.list;
  }

  /** Good-read tones the host asked for with S334. */
  get beeps(): number {
    return this.#beeps;
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
    const labelId = LABEL_ID_BY_SYMBOLOGY[symbology];
    if (labelId === undefined) {
      return err('bad-symbology', `the Magellan SCI labels ${Object.keys(LABEL_ID_BY_SYMBOLOGY).join(', ')}`);
    }
    if (!this.#line.connected) return err('device-disconnected', `${this.id} is unplugged`);
    await this.#write(`S08${labelId}${code}${END}`);
    return ok(undefined);
  }

  setWeight(grams: number, stable: boolean): Result<void> {
    if (!Number.isInteger(grams)) return err('bad-weight', 'grams must be an integer');
    if (typeof stable !== 'boolean') return err('bad-weight', 'stable must be a boolean');
    this.#platter.load(grams, stable);
    return ok(undefined);
  }

  injectFault(kind: string): Result<void> {
    const added = this.#faults.add(kind);
    if (!added.ok) return added;
    if (kind === 'disconnected') this.#line.plugInBackground(false);
    if (kind === 'moving') this.#platter.vibrating = true;
    return ok(undefined);
  }

  clearFaults(): void {
    const cleared = this.#faults.clear();
    this.#platter.vibrating = false;
    if (cleared.includes('disconnected')) this.#line.plugInBackground(true);
  }

  #receive(bytes: Uint8Array): void {
    for (const byte of bytes) {
      const character = String.fromCharCode(byte & 0x7f);
      if (character !== END) {
        this.#command = (this.#command + character).slice(-8);
        continue;
      }
      const command = this.#command;
      this.#command = '';
      const reply = this.#answer(command);
      if (reply !== undefined && !this.#faults.has('silent')) void this.#write(reply);
    }
  }

  #answer(command: string): string | undefined {
    if (command === 'S11') {
      const status = this.#status();
      return status === '4' ? `S11${this.#digits()}${END}` : `S14${status}${END}`;
    }
    if (command === 'S14') {
      const status = this.#status();
      return status === '4' ? `S144${this.#digits()}${END}` : `S14${status}${END}`;
    }
    if (command === 'S334') {
      this.#beeps += 1;
      return undefined;
    }
    return undefined;
  }

  /** S14 status digit: 1 unstable, 2 over capacity, 3 stable zero, 4 stable non-zero, 5 under zero. */
  #status(): '1' | '2' | '3' | '4' | '5' {
    const p = this.#platter;
    if (p.moving) return '1';
    if (p.overCapacity) return '2';
    if (p.underZero) return '5';
    return p.atZero ? '3' : '4';
  }

  #digits(): string {
    const grams = this.#platter.displayed;
    if (this.#unit === 'kg') return String(grams).padStart(5, '0');
    // Hundredths of a pound: grams / 4.5359237, integers only.
    return String(Math.round((grams * 10_000_000) / 45_359_237)).padStart(4, '0');
  }

  async #write(text: string): Promise<void> {
    let bytes: Uint8Array = Uint8Array.from(text, (c) => c.charCodeAt(0));
    if (this.#faults.has('wrong-baud')) bytes = wrongBaud(bytes);
    if (this.#faults.has('noise')) bytes = Uint8Array.from([...lineNoise(4), ...bytes]);
    await this.#line.write(bytes);
  }
}
