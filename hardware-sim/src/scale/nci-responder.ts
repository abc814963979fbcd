import type { Platter } from './platter.js';

/**
 * An NCI (Avery Weigh-Tronix SCP-01) POS scale's side of the line, written from:
 * - NCI Model 7800 User's Manual p. 32 and Avery Weigh-Tronix 7821 User Instructions §6.3, "NCI
 *   Communications Protocol": `W<CR>` → `<LF>xxxx.xxuu<CR><LF>hh...<CR><ETX>`, `S<CR>`/`Z<CR>` →
 *   `<LF>hh...<CR><ETX>`, anything else → `<LF>?<CR><ETX>` (Salter Brecknell 3700LP manual p. 11).
 * - METTLER TOLEDO DIVA Service Manual pp. 35-37 (PSC Magellan 8500 service manual pp. 41-43): the `S`
 *   before the status bytes (`<LF>Shhhh<CR><ETX>`), upper-case ANSI units ("LB", "KG"), the pounds-ounces
 *   form, the six-character weight field, and the "Scale Status Command: S" bit table.
 * Shares no code with the driver on purpose.
 */

const LINE_FEED = '\n';
const CARRIAGE_RETURN = '\r';
const END_OF_TEXT = '\u0003';

/** DIVA p. 37 table: bits 4 and 5 "Always 1" in every status byte; bit 6 "1 = Byte follows" (bytes 2-4). */
const STATUS_BASE = 0x30;
const ANOTHER_BYTE_FOLLOWS = 0x40;

export type NciUnit = 'kg' | 'lb' | 'lb-oz';

export interface NciResponderOptions {
  /** Units the display shows (default kg). */
  readonly unit?: NciUnit;
  /** Lower-case units as some NCI bench scales send them ("kg", "lb"); the DIVA scale sends upper case. */
  readonly lowerCaseUnits?: boolean;
  /** `S` before the status bytes (DIVA `<LF>Shhhh<CR><ETX>`); plain NCI bench scales send none. */
  readonly statusPrefix?: boolean;
  /** 2 (NCI bench scales) or 3 status bytes (adds range, net and initial-zero error). Default 3. */
  readonly statusBytes?: 2 | 3;
}

export class NciResponder {
  #line = '';
  readonly #unit: NciUnit;
  readonly #lowerCase: boolean;
  readonly #prefix: boolean;
  readonly #statusBytes: 2 | 3;

  constructor(
    private readonly platter: Platter,
    options: NciResponderOptions = {},
  ) {
    this.#unit = options.unit ?? 'kg';
    this.#lowerCase = options.lowerCaseUnits ?? false;
    this.#prefix = options.statusPrefix ?? false;
    this.#statusBytes = options.statusBytes ?? 3;
  }

  /** Collects a command up to its CR and answers it; returns the reply text, if any. */
  receive(character: string): string | undefined {
    if (character !== CARRIAGE_RETURN) {
      this.#line = (this.#line + character).slice(-8);
      return undefined;
    }
    const command = this.#line;
    this.#line = '';
    return this.#answer(command);
  }

  #answer(command: string): string {
    const p = this.platter;
    switch (command) {
      case 'W':
        // DIVA p. 36: negative, in motion or out of capacity: only the status is returned.
        if (p.moving || p.underZero || p.overCapacity) return this.#statusOnly();
        return `${LINE_FEED}${this.#weightField()}${CARRIAGE_RETURN}${this.#statusOnly()}`;
      case 'S':
        return this.#statusOnly();
      case 'Z':
        p.zero();
        return this.#statusOnly();
      case 'T':
        p.tare();
        return this.#statusOnly();
      case 'C':
        // Clear tare: answered with the status like Z and T.
        p.clearTare();
        return this.#statusOnly();
      default:
        return `${LINE_FEED}?${CARRIAGE_RETURN}${END_OF_TEXT}`;
    }
  }

  #statusOnly(): string {
    return `${LINE_FEED}${this.#prefix ? 'S' : ''}${this.#statusText()}${CARRIAGE_RETURN}${END_OF_TEXT}`;
  }

  /** DIVA p. 37 "The status bits are defined as follows". */
  #statusText(): string {
    const p = this.platter;
    const first = STATUS_BASE | (p.moving ? 1 : 0) | (p.atZero ? 2 : 0); // bit 2 RAM, bit 3 EEPROM: okay
    let second = STATUS_BASE | (p.underZero ? 1 : 0) | (p.overCapacity ? 2 : 0); // bit 2 ROM, 3 calibration
    if (this.#statusBytes === 2) return String.fromCharCode(first, second);
    second |= ANOTHER_BYTE_FOLLOWS;
    // Byte 3: bits 0-1 range 00 = low range, bit 2 net weight, bit 3 initial zero error; last byte.
    const third = STATUS_BASE | (p.tareHeld ? 4 : 0);
    return String.fromCharCode(first, second, third);
  }

  /** DIVA p. 35 note 1: "Weight field is always six characters (5 for weight, 1 for decimal point)". */
  #weightField(): string {
    const grams = this.platter.displayed;
    const unit = (text: string) => (this.#lowerCase ? text.toLowerCase() : text);
    if (this.#unit === 'kg') {
      const whole = Math.trunc(grams / 1000);
      return `${String(whole).padStart(2, '0')}.${String(grams - whole * 1000).padStart(3, '0')}${unit('KG')}`;
    }
    if (this.#unit === 'lb') {
      // Hundredths of a pound, 1 lb = 453.59237 g exactly; integers only.
      const hundredths = Math.round((grams * 100 * 100_000) / 45_359_237);
      const whole = Math.trunc(hundredths / 100);
      return `${String(whole).padStart(3, '0')}.${String(hundredths - whole * 100).padStart(2, '0')}${unit('LB')}`;
    }
    // Pounds and ounces, "xxLB xx.xOZ": tenths of an ounce, 1 oz = 28.349523125 g.
    const tenthsOfOunce = Math.round((grams * 10 * 1_000_000_000) / 28_349_523_125);
    const pounds = Math.trunc(tenthsOfOunce / 160);
    const rest = tenthsOfOunce - pounds * 160;
    const ounces = `${String(Math.trunc(rest / 10)).padStart(2, '0')}.${rest % 10}`;
    return `${String(pounds).padStart(2, '0')}${unit('LB')} ${ounces}${unit('OZ')}`;
  }
}
