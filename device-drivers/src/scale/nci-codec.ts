import { err, ok, type Result } from '@storefloor/core';
import { parseDecimalWeight, type WeightUnit } from './parse-decimal-weight.js';
import type { ScaleCommand, ScaleCondition, ScaleFrame, ScaleFrameError } from './stable-weight.js';

/**
 * NCI general serial protocol (Avery Weigh-Tronix NCI standard, used by NCI/Brecknell POS scales):
 * commands are a letter and CR; replies are `LF weight unit CR LF status CR ETX`, or `LF status CR ETX`,
 * or `LF ? CR ETX` for an unrecognised command. Default line 9600 7E1 like the 8217.
 */
export const NCI_LINE = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;

const LF = 0x0a;
const CR = 0x0d;
const ETX = 0x03;
const MAX_FRAME = 40;

const COMMANDS: Readonly<Record<ScaleCommand, string>> = {
  weigh: 'W\r',
  status: 'S\r',
  zero: 'Z\r',
  tare: 'T\r',
  'clear-tare': 'T\r',
};

/**
 * Status bytes, NCI standard: bits 4 and 5 are always 1 (so the bytes are printable '0'…'?'), bit 6 is 0.
 * Byte 1: bit 0 motion, bit 1 at zero, bit 2 RAM error, bit 3 EEPROM error.
 * Byte 2: bit 0 under capacity, bit 1 over capacity, bit 2 ROM error, bit 3 faulty calibration.
 */
export const NCI_STATUS_BITS = [
  ['motion', 'at-zero', 'ram-error', 'eeprom-error'],
  ['under-zero', 'over-capacity', 'rom-error', 'calibration-error'],
] as const;

export type NciStatusFlag = (typeof NCI_STATUS_BITS)[number][number];

const ALWAYS_SET = 0x30;

export function encodeNciCommand(command: ScaleCommand): Uint8Array {
  return new TextEncoder().encode(COMMANDS[command]);
}

export function encodeNciStatusBytes(flags: readonly NciStatusFlag[]): [number, number] {
  const bytes: [number, number] = [ALWAYS_SET, ALWAYS_SET];
  NCI_STATUS_BITS.forEach((names, index) => {
    names.forEach((name, bit) => {
      if (flags.includes(name)) bytes[index] = (bytes[index] ?? ALWAYS_SET) | (1 << bit);
    });
  });
  return bytes;
}

function decodeStatusBytes(bytes: readonly number[]): Result<NciStatusFlag[], 'bad-frame'> {
  if (bytes.length < 2 || bytes.some((b) => (b & 0x70) !== ALWAYS_SET)) {
    return err('bad-frame', 'NCI status must be two or more bytes 0x30-0x3F');
  }
  const flags: NciStatusFlag[] = [];
  NCI_STATUS_BITS.forEach((names, index) => {
    const byte = bytes[index] ?? ALWAYS_SET;
    names.forEach((name, bit) => {
      if ((byte & (1 << bit)) !== 0) flags.push(name);
    });
  });
  return ok(flags);
}

function nciCondition(flags: readonly NciStatusFlag[]): ScaleCondition | undefined {
  if (
    flags.some(
      (f) => f === 'ram-error' || f === 'eeprom-error' || f === 'rom-error' || f === 'calibration-error',
    )
  ) {
    return 'device-fault';
  }
  if (flags.includes('over-capacity')) return 'over-capacity';
  if (flags.includes('under-zero')) return 'under-zero';
  if (flags.includes('motion')) return 'motion';
  return undefined;
}

const UNIT_NAMES: Readonly<Record<string, WeightUnit>> = { kg: 'kg', g: 'g', lb: 'lb', oz: 'oz' };

/** Reply bytes for a weight (used by the simulator): `LF 1.250kg CR LF hh CR ETX`. */
export function encodeNciWeightReply(grams: number, flags: readonly NciStatusFlag[] = []): Uint8Array {
  const text = `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}kg`;
  const status = encodeNciStatusBytes(flags);
  return Uint8Array.from([LF, ...new TextEncoder().encode(text), CR, LF, ...status, CR, ETX]);
}

export function encodeNciStatusReply(flags: readonly NciStatusFlag[]): Uint8Array {
  return Uint8Array.from([LF, ...encodeNciStatusBytes(flags), CR, ETX]);
}

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
    const text = String.fromCharCode(...body);
    if (!text.endsWith('\r')) return err('bad-frame', 'NCI reply must end with CR ETX');
    const parts = text.slice(0, -1).split('\r\n');
    if (parts.length === 0 || parts.length > 2) return err('bad-frame', 'NCI reply has no lines');
    if (parts.length === 1 && parts[0] === '?') {
      return ok({ type: 'condition', condition: 'bad-command', flags: ['bad-command'] });
    }
    const statusText = parts[parts.length - 1] ?? '';
    const flags = decodeStatusBytes([...statusText].map((c) => c.charCodeAt(0)));
    if (!flags.ok) return flags;
    const condition = nciCondition(flags.value);
    if (condition) return ok({ type: 'condition', condition, flags: flags.value });
    if (parts.length === 1) return ok({ type: 'condition', condition: 'no-weight', flags: flags.value });
    const weight = /^\s*(-?)\s*([\d.]+)\s*(kg|g|lb|oz)\s*$/.exec(parts[0] ?? '');
    if (!weight) return err('bad-weight', `not a weight: ${JSON.stringify(parts[0])}`);
    if (weight[1] === '-') return ok({ type: 'condition', condition: 'under-zero', flags: flags.value });
    const unit = UNIT_NAMES[weight[3] ?? ''] ?? 'kg';
    const grams = parseDecimalWeight(weight[2] ?? '', unit);
    if (!grams.ok) return grams;
    return ok({ type: 'weight', grams: grams.value, net: false });
  }
}
