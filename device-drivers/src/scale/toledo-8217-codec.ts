import { err, ok, type Result } from '@storefloor/core';
import { parseDecimalWeight, type WeightUnit } from './parse-decimal-weight.js';
import type { ScaleCommand, ScaleCondition, ScaleFrame, ScaleFrameError } from './stable-weight.js';

/**
 * Mettler Toledo 8217 ("weight only") protocol, as in the scale service manuals (e.g. Viva, §"8217 protocol"):
 * 9600 baud, 7 data bits, even parity, 1 stop bit. Commands are single ASCII letters without terminator.
 * Replies: STX weight CR for a stable weight, STX '?' status-byte CR otherwise.
 */
export const TOLEDO_8217_LINE = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;

const STX = 0x02;
const CR = 0x0d;
const QUESTION = 0x3f;
/** Longest reply: STX, up to 8 weight characters with decimal point and 'N', CR. Beyond it we resync. */
const MAX_FRAME = 16;

const COMMANDS: Readonly<Record<ScaleCommand, string>> = {
  weigh: 'W',
  zero: 'Z',
  tare: 'T',
  'clear-tare': 'C',
  status: 'W',
};

/** Status byte bits 0-6 (bit 7 is parity on the line), per the 8217 manual's status byte table. */
export const TOLEDO_STATUS_BITS = [
  'motion',
  'over-capacity',
  'under-zero',
  'outside-zero-capture',
  'center-of-zero',
  'net',
  'bad-command',
] as const;

export type ToledoStatusFlag = (typeof TOLEDO_STATUS_BITS)[number];

export function encodeToledo8217Command(command: ScaleCommand): Uint8Array {
  return new TextEncoder().encode(COMMANDS[command]);
}

/** The status byte the scale sends for a set of flags (used by the simulator). */
export function encodeToledoStatusByte(flags: readonly ToledoStatusFlag[]): number {
  let byte = 0;
  for (const flag of flags) byte |= 1 << TOLEDO_STATUS_BITS.indexOf(flag);
  return byte;
}

export function decodeToledoStatusByte(byte: number): ToledoStatusFlag[] {
  return TOLEDO_STATUS_BITS.filter((_, bit) => (byte & (1 << bit)) !== 0);
}

/** Which condition a status reply means for a sale: the gravest flag wins. */
export function toledoCondition(flags: readonly ToledoStatusFlag[]): ScaleCondition {
  const order: Array<[ToledoStatusFlag, ScaleCondition]> = [
    ['bad-command', 'bad-command'],
    ['over-capacity', 'over-capacity'],
    ['under-zero', 'under-zero'],
    ['motion', 'motion'],
    ['outside-zero-capture', 'outside-zero-capture'],
  ];
  for (const [flag, condition] of order) if (flags.includes(flag)) return condition;
  return 'no-weight';
}

/** Builds the reply bytes for a stable weight in grams ("STX 01.250 CR" in kg with 3 decimals). */
export function encodeToledoWeightReply(grams: number, net = false): Uint8Array {
  const kg = Math.floor(grams / 1000);
  const rest = grams % 1000;
  const text = `${String(kg).padStart(2, '0')}.${String(rest).padStart(3, '0')}${net ? 'N' : ''}`;
  return Uint8Array.from([STX, ...new TextEncoder().encode(text), CR]);
}

export function encodeToledoStatusReply(flags: readonly ToledoStatusFlag[]): Uint8Array {
  // A status reply always carries at least one flag: 0x00 never appears on the line.
  const byte = encodeToledoStatusByte(flags);
  if (byte === 0) throw new RangeError('a Toledo status reply needs at least one flag');
  return Uint8Array.from([STX, QUESTION, byte, CR]);
}

export type DecodedScaleFrame = Result<ScaleFrame, ScaleFrameError>;

/**
 * Streaming decoder: push bytes as they arrive, get frames and typed errors back. Never throws; bytes
 * outside an STX…CR frame are reported once as `noise` and skipped up to the next STX.
 */
export class Toledo8217Decoder {
  #frame: number[] | undefined;
  #noise = 0;

  constructor(private readonly unit: WeightUnit = 'kg') {}

  push(bytes: Uint8Array): DecodedScaleFrame[] {
    const out: DecodedScaleFrame[] = [];
    for (const byte of bytes) {
      if (this.#frame !== undefined && this.#expectsStatusByte(this.#frame)) {
        // The status byte is raw bits and may itself be 0x02 (over capacity) or 0x0D: never a delimiter.
        this.#frame.push(byte);
        continue;
      }
      if (this.#frame !== undefined && byte !== CR && this.#statusByteWasStx(this.#frame)) {
        // "? STX" not followed by CR: that STX opened a new frame after a truncated one.
        out.push(err('bad-frame', 'truncated status reply'));
        this.#frame = [];
      }
      if (byte === STX) {
        this.#flushNoise(out);
        if (this.#frame !== undefined) out.push(err('bad-frame', 'STX before CR'));
        this.#frame = [];
        continue;
      }
      if (this.#frame === undefined) {
        this.#noise += 1;
        continue;
      }
      if (byte === CR) {
        out.push(this.#decode(this.#frame));
        this.#frame = undefined;
        continue;
      }
      this.#frame.push(byte);
      if (this.#frame.length > MAX_FRAME) {
        out.push(err('frame-too-long', `more than ${MAX_FRAME} bytes without CR`));
        this.#frame = undefined;
      }
    }
    this.#flushNoise(out);
    return out;
  }

  #expectsStatusByte(frame: readonly number[]): boolean {
    const last = frame.length - 1;
    if (frame[last] !== QUESTION) return false;
    for (let i = 0; i < last; i += 1) if (frame[i] !== 0x20) return false;
    return true;
  }

  #statusByteWasStx(frame: readonly number[]): boolean {
    return (
      frame.length >= 2 && frame[frame.length - 1] === STX && this.#expectsStatusByte(frame.slice(0, -1))
    );
  }

  reset(): void {
    this.#frame = undefined;
    this.#noise = 0;
  }

  #flushNoise(out: DecodedScaleFrame[]): void {
    if (this.#noise > 0) out.push(err('noise', `${this.#noise} byte(s) outside a frame`));
    this.#noise = 0;
  }

  #decode(body: number[]): DecodedScaleFrame {
    let start = 0;
    while (body[start] === 0x20) start += 1;
    if (body[start] === QUESTION) {
      const status = body[start + 1];
      if (status === undefined || body.length !== start + 2 || status === 0) {
        return err('bad-frame', 'status reply must be ? and one status byte');
      }
      const flags = decodeToledoStatusByte(status & 0x7f);
      return ok({ type: 'condition', condition: toledoCondition(flags), flags });
    }
    let end = body.length;
    const net = body[end - 1] === 0x4e;
    if (net) end -= 1;
    const text = String.fromCharCode(...body.slice(start, end));
    const grams = parseDecimalWeight(text, this.unit);
    if (!grams.ok) return grams;
    return ok({ type: 'weight', grams: grams.value, net });
  }
}
