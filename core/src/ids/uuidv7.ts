/**
 * UUID version 7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version 7, 12-bit `rand_a`, variant 0b10,
 * 62-bit `rand_b`. Pure: the caller hands in the time and the random bytes, so tests and replays are exact.
 */

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 2^48 - 1: the largest millisecond timestamp a UUIDv7 can carry (RFC 9562 §5.7, `unix_ts_ms`). */
export const UUIDV7_MAX_TIMESTAMP = 0xffff_ffff_ffff;

const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export type RandomBytes = (length: number) => Uint8Array;

/** Builds a UUIDv7 whose 12-bit `rand_a` field is given explicitly (used by the monotonic generator). */
export function formatUuidv7(nowMs: number, randA: number, randB: Uint8Array): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > UUIDV7_MAX_TIMESTAMP) {
    throw new RangeError(`uuidv7: timestamp must be an integer in [0, 2^48), got ${nowMs}`);
  }
  if (!Number.isInteger(randA) || randA < 0 || randA > 0xfff) {
    throw new RangeError(`uuidv7: rand_a must be a 12-bit integer, got ${randA}`);
  }
  if (randB.length < 8) throw new RangeError('uuidv7: rand_b needs 8 random bytes');
  const bytes = new Uint8Array(16);
  // Split the 48-bit timestamp into two exact halves: JS bit operators only cover 32 bits.
  const high = Math.floor(nowMs / 0x1_0000_0000);
  const low = nowMs % 0x1_0000_0000;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | ((randA >>> 8) & 0x0f);
  bytes[7] = randA & 0xff;
  for (let i = 0; i < 8; i++) bytes[8 + i] = randB[i]!;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]!];
  }
  return out;
}

/** A UUIDv7 for `nowMs` with every random field taken from `random` (10 bytes are drawn). */
export function uuidv7(nowMs: number, random: RandomBytes): string {
  const bytes = random(10);
  if (bytes.length < 10) throw new RangeError('uuidv7: random() returned fewer bytes than asked');
  const randA = ((bytes[0]! & 0x0f) << 8) | bytes[1]!;
  return formatUuidv7(nowMs, randA, bytes.subarray(2, 10));
}

export function isUuidv7(value: unknown): value is string {
  return typeof value === 'string' && UUIDV7_PATTERN.test(value);
}

/** The millisecond timestamp a UUIDv7 carries; informational only, never used for ordering business data. */
export function uuidv7Timestamp(id: string): number {
  if (!isUuidv7(id)) throw new RangeError(`not a UUIDv7: ${id}`);
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
