import { err, ok, type Result } from '@storefloor/core';
import { parseDecimalWeight, parsePoundsAndOunces, type WeightUnit } from './parse-decimal-weight.js';
import type {
  ScaleCommand,
  ScaleCondition,
  ScaleFrame,
  ScaleFrameError,
  UnexpectedStatusBit,
} from './stable-weight.js';

/**
 * NCI general serial protocol (Avery Weigh-Tronix control document SCP-01, used by NCI/Brecknell POS scales
 * and by scanner-scales in "SCP" mode). Read from: NCI Model 7800 User's Manual p. 32 and Avery Weigh-Tronix
 * 7821 User Instructions §6.3 (`W<CR>` → `<LF>xxxx.xxuu<CR><LF>hh...<CR><ETX>`, `S<CR>`/`Z<CR>` →
 * `<LF>hh...<CR><ETX>`), Salter Brecknell 3700LP manual p. 11 (all other commands → `<LF>?<CR><ETX>`), and the
 * METTLER TOLEDO DIVA Service Manual pp. 35-37 (`<LF>Shhhh<CR><ETX>` with an `S` before the status, upper-case
 * units, pounds-ounces, and the status bit table). Default line 9600 7E1.
 */
export const NCI_LINE = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;

const LF = 0x0a;
const CR = 0x0d;
const ETX = 0x03;
const MAX_FRAME = 40;

/**
 * Commands are a letter and CR (7821 §6.3). `T<CR>` tares (B-TEK T419S service manual §7.3); `C<CR>` clears
 * the tare. A scale without C answers `<LF>?<CR><ETX>`, which comes back as the condition `bad-command`.
 */
const COMMANDS: Readonly<Record<ScaleCommand, string>> = {
  weigh: 'W\r',
  status: 'S\r',
  zero: 'Z\r',
  tare: 'T\r',
  'clear-tare': 'C\r',
};

/**
 * Status bytes, DIVA Service Manual p. 37 "Scale Status Command: S" (the same table as the Ohaus Aviator 7000
 * service manual p. 49): bits 4 and 5 are always 1, bit 7 is parity. Bit 6 is always 0 in byte 1; in bytes 2
 * and later it means "another byte follows". Names by byte, bit 0 first; `null` = not a flag (see below).
 */
export const NCI_STATUS_BITS = [
  ['motion', 'at-zero', 'ram-error', 'eeprom-error'],
  ['under-zero', 'over-capacity', 'rom-error', 'calibration-error'],
  // Bits 0-1 of byte 3 are the range as a pair (00 low, 11 high, 01/10 undefined).
  [null, null, 'net', 'initial-zero-error'],
  ['weight-change', 'zero-detected', 'metric', null],
] as const;

export type NciStatusFlag = Exclude<(typeof NCI_STATUS_BITS)[number][number], null> | 'high-range';

const ALWAYS_SET = 0x30;
const BYTE_FOLLOWS = 0x40;

export function encodeNciCommand(command: ScaleCommand): Uint8Array {
  return new TextEncoder().encode(COMMANDS[command]);
}

export interface NciStatus {
  readonly flags: NciStatusFlag[];
  readonly unexpectedBits: UnexpectedStatusBit[];
}

/** Reads a status field (`S` prefix optional) as the DIVA table has it; a malformed field is `bad-frame`. */
export function decodeNciStatus(field: readonly number[]): Result<NciStatus, 'bad-frame'> {
  const bytes = field[0] === 0x53 ? field.slice(1) : field;
  if (bytes.length < 2) return err('bad-frame', 'NCI status must be two or more bytes');
  const flags: NciStatusFlag[] = [];
  const unexpectedBits: UnexpectedStatusBit[] = [];
  for (const [index, raw] of bytes.entries()) {
    const byte = raw & 0x7f;
    const number = index + 1;
    if ((byte & ALWAYS_SET) !== ALWAYS_SET) {
      return err('bad-frame', `status byte ${number} (0x${raw.toString(16)}) lacks bits 4 and 5`);
    }
    const follows = (byte & BYTE_FOLLOWS) !== 0;
    const last = index === bytes.length - 1;
    if (index === 0 && follows) unexpectedBits.push({ byte: 1, bit: 6, set: true });
    if (index >= 1 && follows === last) {
      return err(
        'bad-frame',
        last ? `status byte ${number} says another byte follows` : `status ended early at byte ${number}`,
      );
    }
    const names = NCI_STATUS_BITS[index];
    for (let bit = 0; bit < 4; bit += 1) {
      if ((byte & (1 << bit)) === 0) continue;
      const name = names?.[bit];
      if (name) flags.push(name);
      else if (index !== 2 || bit > 1) unexpectedBits.push({ byte: number, bit, set: true });
    }
    if (index === 2) {
      const range = byte & 0b11;
      if (range === 0b11) flags.push('high-range');
      else if (range !== 0) unexpectedBits.push({ byte: 3, bit: range === 0b01 ? 0 : 1, set: true });
    }
  }
  return ok({ flags, unexpectedBits });
}

function nciCondition(flags: readonly NciStatusFlag[]): ScaleCondition | undefined {
  if (
    flags.some(
      (f) => f === 'ram-error' || f === 'eeprom-error' || f === 'rom-error' || f === 'calibration-error',
    )
  ) {
    return 'device-fault';
  }
  if (flags.includes('initial-zero-error')) return 'initial-zero-error';
  if (flags.includes('over-capacity')) return 'over-capacity';
  if (flags.includes('under-zero')) return 'under-zero';
  if (flags.includes('motion')) return 'motion';
  return undefined;
}

/** ANSI unit abbreviations in either case: the DIVA scale sends "LB"/"KG", NCI bench scales "lb"/"kg". */
const UNIT_NAMES: Readonly<Record<string, WeightUnit>> = { kg: 'kg', g: 'g', lb: 'lb', oz: 'oz' };
const SINGLE_UNIT_WEIGHT = /^\s*(-?)\s*([\d.]+)\s*(kg|g|lb|oz)\s*$/i;
/** Pounds and ounces, "xxLB xx.xOZ" (DIVA p. 35 shows the 10x form `xLB<SP>xx.xxOZ`). */
const POUNDS_OUNCES_WEIGHT = /^\s*(-?)\s*(\d+)\s*lb\s+([\d.]+)\s*oz\s*$/i;

export type DecodedNciFrame = Result<ScaleFrame, ScaleFrameError>;

/** Streaming NCI decoder: frames run from LF to ETX; anything before an LF is noise. Never throws. */
export class NciDecoder {
  #frame: number[] | undefined;
  #noise = 0;

  push(bytes: Uint8Array): DecodedNciFrame[] {
    const out: DecodedNciFrame[] = [];
    for (const byte of bytes) {
      if (this.#frame === undefined) {
        if (byte === LF) {
          this.#flushNoise(out);
          this.#frame = [];
        } else {
          this.#noise += 1;
        }
        continue;
      }
      if (byte === LF && this.#frame[this.#frame.length - 1] !== CR) {
        // An LF not after CR starts a reply: the one before was cut short.
        out.push(err('bad-frame', 'reply cut short'));
        this.#frame = [];
        continue;
      }
      if (byte === ETX) {
        out.push(this.#decodeWithResync(this.#frame));
        this.#frame = undefined;
        continue;
      }
      this.#frame.push(byte);
      if (this.#frame.length > MAX_FRAME) {
        out.push(err('frame-too-long', `more than ${MAX_FRAME} bytes without ETX`));
        this.#frame = undefined;
      }
    }
    this.#flushNoise(out);
    return out;
  }

  reset(): void {
    this.#frame = undefined;
    this.#noise = 0;
  }

  #flushNoise(out: DecodedNciFrame[]): void {
    if (this.#noise > 0) out.push(err('noise', `${this.#noise} byte(s) outside a frame`));
    this.#noise = 0;
  }

  /** Tries the whole body, then each tail after an LF: a good reply may follow a truncated one. */
  #decodeWithResync(body: number[]): DecodedNciFrame {
    const whole = this.#decode(body);
    if (whole.ok) return whole;
    for (let i = body.indexOf(LF); i >= 0; i = body.indexOf(LF, i + 1)) {
      const tail = this.#decode(body.slice(i + 1));
      if (tail.ok) return tail;
    }
    return whole;
  }

  #decode(body: number[]): DecodedNciFrame {
    // Body is everything after the first LF: one or two CR-terminated lines, the second preceded by LF.
    const text = String.fromCharCode(...body.map((b) => b & 0x7f));
    if (!text.endsWith('\r')) return err('bad-frame', 'NCI reply must end with CR ETX');
    const parts = text.slice(0, -1).split('\r\n');
    if (parts.length === 0 || parts.length > 2) return err('bad-frame', 'NCI reply has no lines');
    if (parts.length === 1 && parts[0] === '?') {
      return ok({ type: 'condition', condition: 'bad-command', flags: ['bad-command'] });
    }
    const statusText = parts[parts.length - 1] ?? '';
    const status = decodeNciStatus([...statusText].map((c) => c.charCodeAt(0)));
    if (!status.ok) return status;
    const { flags, unexpectedBits } = status.value;
    const extra = unexpectedBits.length > 0 ? { unexpectedBits } : {};
    const condition = nciCondition(flags);
    if (condition) return ok({ type: 'condition', condition, flags, ...extra });
    if (parts.length === 1) return ok({ type: 'condition', condition: 'no-weight', flags, ...extra });
    const grams = this.#weight(parts[0] ?? '');
    if (!grams.ok) return grams;
    if (grams.value === 'negative')
      return ok({ type: 'condition', condition: 'under-zero', flags, ...extra });
    return ok({ type: 'weight', grams: grams.value, net: flags.includes('net'), ...extra });
  }

  #weight(field: string): Result<number | 'negative', 'bad-weight'> {
    const poundsOunces = POUNDS_OUNCES_WEIGHT.exec(field);
    if (poundsOunces) {
      if (poundsOunces[1] === '-') return ok('negative');
      return parsePoundsAndOunces(poundsOunces[2] ?? '', poundsOunces[3] ?? '');
    }
    const weight = SINGLE_UNIT_WEIGHT.exec(field);
    if (!weight) return err('bad-weight', `not a weight: ${JSON.stringify(field)}`);
    if (weight[1] === '-') return ok('negative');
    const unit = UNIT_NAMES[(weight[3] ?? '').toLowerCase()] ?? 'kg';
    return parseDecimalWeight(weight[2] ?? '', unit);
  }
}
