import { err, ok, type Result } from '@storefloor/core';
import { parseDecimalWeight, type WeightUnit } from './parse-decimal-weight.js';
import type {
  ScaleCommand,
  ScaleCondition,
  ScaleFrame,
  ScaleFrameError,
  UnexpectedStatusBit,
} from './stable-weight.js';

/**
 * Mettler Toledo 8217 ("weight only") protocol, as in the DIVA Service Manual §6.1.4 (printed in the PSC
 * Magellan 8500 service manual, pp. 50-51) and the Viva manual Odoo cites:
 * 9600 baud, 7 data bits, even parity, 1 stop bit. Commands are single ASCII letters without terminator.
 * Replies: STX weight CR for a stable weight, STX '?' status-byte CR otherwise.
 */
export const TOLEDO_8217_LINE = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;

const STX = 0x02;
const CR = 0x0d;
const QUESTION = 0x3f;
/** Longest reply: STX, up to 8 weight characters with decimal point and 'N', CR. Beyond it we resync. */
const MAX_FRAME = 16;
/** DIVA Service Manual §6.1.4.3, "Scale Status Byte Bit Definitions": bit 6 "Always 1". */
const STATUS_ALWAYS_ONE = 0x40;
/** Same table: bit 7 is the even parity bit of the 7E1 character, not status. */
const STATUS_DATA_BITS = 0x7f;

/**
 * Commands, DIVA Service Manual §6.1.4.2 "Command Descriptions" (single upper-case letters, no terminator).
 * Every one of W, Z, T and C is answered: W with a weight or `STX ? status CR`, Z/T/C with `STX ? status CR`.
 */
const COMMANDS: Readonly<Record<ScaleCommand, string>> = {
  weigh: 'W',
  zero: 'Z',
  tare: 'T',
  'clear-tare': 'C',
  status: 'W',
};

/**
 * Status byte bits 0-5, DIVA Service Manual §6.1.4.3: 0 motion, 1 over capacity, 2 under zero, 3 outside zero
 * capture range, 4 centre of zero, 5 net weight. Bit 6 is always 1 and bit 7 is parity: neither is a flag.
 * (Odoo's driver names bit 6 "Bad Command from host"; the manual does not, and a real scale always sets it.)
 */
export const TOLEDO_STATUS_BITS = [
  'motion',
  'over-capacity',
  'under-zero',
  'outside-zero-capture',
  'center-of-zero',
  'net',
] as const;

export type ToledoStatusFlag = (typeof TOLEDO_STATUS_BITS)[number];

export interface ToledoStatus {
  readonly flags: ToledoStatusFlag[];
  /** Bit 6 clear (status 0x00, say) is outside the manual's table: reported, not guessed at. */
  readonly unexpectedBits: UnexpectedStatusBit[];
}

export function encodeToledo8217Command(command: ScaleCommand): Uint8Array {
  return new TextEncoder().encode(COMMANDS[command]);
}

/**
 * The detection probe Odoo's IoT box sends (odoo/odoo addons/iot_drivers/iot_handlers/drivers/
 * serial_scale_driver.py, `Toledo8217Driver.supported`): `E` starts echo mode, the scale answers `STX E CR`
 * and echoes what follows; `F` ends echo mode.
 */
export const TOLEDO_ECHO_PROBE = {
  command: 'Ehello',
  answer: '\x02E\rhello',
  end: 'F',
} as const;

/** Whether bytes read after the echo probe are what an 8217 scale answers to it. */
export function isToledoEchoAnswer(bytes: Uint8Array): boolean {
  const text = String.fromCharCode(
    ...bytes.subarray(0, TOLEDO_ECHO_PROBE.answer.length).map((b) => b & 0x7f),
  );
  return text === TOLEDO_ECHO_PROBE.answer;
}

export function decodeToledoStatusByte(byte: number): ToledoStatus {
  const data = byte & STATUS_DATA_BITS;
  const flags = TOLEDO_STATUS_BITS.filter((_, bit) => (data & (1 << bit)) !== 0);
  const unexpectedBits: UnexpectedStatusBit[] =
    (data & STATUS_ALWAYS_ONE) === 0 ? [{ byte: 1, bit: 6, set: false }] : [];
  return { flags, unexpectedBits };
}

/** Which condition a status reply means for a sale: the gravest flag wins; none means no weight to give. */
export function toledoCondition(flags: readonly ToledoStatusFlag[]): ScaleCondition {
  const order: Array<[ToledoStatusFlag, ScaleCondition]> = [
    ['over-capacity', 'over-capacity'],
    ['under-zero', 'under-zero'],
    ['motion', 'motion'],
    ['outside-zero-capture', 'outside-zero-capture'],
  ];
  for (const [flag, condition] of order) if (flags.includes(flag)) return condition;
  return 'no-weight';
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
      if (status === undefined || body.length !== start + 2) {
        return err('bad-frame', 'status reply must be ? and one status byte');
      }
      const { flags, unexpectedBits } = decodeToledoStatusByte(status);
      const condition = toledoCondition(flags);
      return ok(
        unexpectedBits.length > 0
          ? { type: 'condition', condition, flags, unexpectedBits }
          : { type: 'condition', condition, flags },
      );
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
