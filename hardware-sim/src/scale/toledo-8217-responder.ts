import type { Platter } from './platter.js';

/**
 * A Mettler Toledo 8217 ("weight only") scale's side of the line, written from the METTLER TOLEDO DIVA
 * Service Manual §6.1.4 (printed in the PSC Magellan 8500 service manual, pages 50-51), and from the echo
 * probe Odoo's IoT box sends (odoo/odoo addons/iot_drivers/iot_handlers/drivers/serial_scale_driver.py).
 * It shares no code with the driver on purpose: the two are checked against the same outside fixtures.
 */

/** §6.1.4.2: every reply opens with STX (0x02) and closes with CR (0x0D). */
const START_OF_TEXT = '\u0002';
const CARRIAGE_RETURN = '\r';
/** §6.1.4.2: a status reply is STX, '?', the status byte, CR. */
const STATUS_MARK = '?';

/**
 * §6.1.4.3, "Scale Status Byte Bit Definitions": the status character starts from '@' (0x40) because bit 6
 * is "Always 1"; each condition adds its bit. Bit 7 is the line's even parity, added by the UART, not here.
 */
const ALWAYS_ONE = 0b0100_0000;
const BIT_MOTION = 0b0000_0001; // bit 0: 1 = scale in motion
const BIT_OVER_CAPACITY = 0b0000_0010; // bit 1: 1 = over capacity
const BIT_UNDER_ZERO = 0b0000_0100; // bit 2: 1 = under zero
const BIT_OUTSIDE_ZERO_CAPTURE = 0b0000_1000; // bit 3: 1 = outside zero capture range
const BIT_CENTER_OF_ZERO = 0b0001_0000; // bit 4: 1 = center of zero
const BIT_NET = 0b0010_0000; // bit 5: 1 = net weight

/** §6.1.4.2: T and C answer "after 150 millisecond delay". */
export const TARE_REPLY_DELAY_MS = 150;

export interface ToledoReply {
  readonly text: string;
  readonly delayMs?: number;
}

/**
 * Turns each command character from the host into the scale's replies. Commands are single upper-case
 * letters with no terminator (§6.1.4.2 "MUST BE UPPERCASE CHARACTERS ONLY"). A character the table does not
 * list gets no answer: the status byte has no "bad command" bit to send (bit 6 is always 1).
 */
export class Toledo8217Responder {
  #echoing = false;

  constructor(private readonly platter: Platter) {}

  get echoing(): boolean {
    return this.#echoing;
  }

  receive(character: string): ToledoReply[] {
    if (this.#echoing) {
      // §6.1.4.2 E "Start Echo Mode Serial Port Test": what the host sends comes back until F ends it.
      if (character === 'F') {
        this.#echoing = false;
        return [];
      }
      return [{ text: character }];
    }
    switch (character) {
      case 'W':
        return [{ text: this.#weightOrStatus() }];
      case 'Z':
        this.platter.zero();
        return [{ text: this.#status() }];
      case 'T':
        this.platter.tare();
        return [{ text: this.#status(), delayMs: TARE_REPLY_DELAY_MS }];
      case 'C':
        this.platter.clearTare();
        return [{ text: this.#status(), delayMs: TARE_REPLY_DELAY_MS }];
      case 'A':
        // Initiate confidence test: "STXCR is sent indicating command was received".
        return [{ text: START_OF_TEXT + CARRIAGE_RETURN }];
      case 'B':
        // Confidence test results: "If all tests passed, the ASCII @ character will be returned."
        return [{ text: `${START_OF_TEXT}${STATUS_MARK}@${CARRIAGE_RETURN}` }];
      case 'E':
        this.#echoing = true;
        return [{ text: `${START_OF_TEXT}E${CARRIAGE_RETURN}` }];
      default:
        return [];
    }
  }

  /** W: the weight when stable and in range, else the status byte (§6.1.4.2 W, last row). */
  #weightOrStatus(): string {
    const p = this.platter;
    if (p.moving || p.overCapacity || p.underZero) return this.#status();
    return `${START_OF_TEXT}${kilograms(p.displayed)}${p.tareHeld ? 'N' : ''}${CARRIAGE_RETURN}`;
  }

  #status(): string {
    const p = this.platter;
    let byte = ALWAYS_ONE;
    if (p.moving) byte |= BIT_MOTION;
    if (p.overCapacity) byte |= BIT_OVER_CAPACITY;
    if (p.underZero) byte |= BIT_UNDER_ZERO;
    if (!p.withinZeroCapture) byte |= BIT_OUTSIDE_ZERO_CAPTURE;
    if (p.atZero) byte |= BIT_CENTER_OF_ZERO;
    if (p.tareHeld) byte |= BIT_NET;
    return `${START_OF_TEXT}${STATUS_MARK}${String.fromCharCode(byte)}${CARRIAGE_RETURN}`;
  }
}

/** §6.1.4.2 "STX WW.WWW CR": kilograms with three decimals and two whole digits, leading zero kept. */
function kilograms(grams: number): string {
  const whole = Math.trunc(grams / 1000);
  const fraction = grams - whole * 1000;
  return `${whole < 10 ? '0' : ''}${whole}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
}
