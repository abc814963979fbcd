import { formatUuidv7, type RandomBytes, UUIDV7_MAX_TIMESTAMP } from './uuidv7.js';

export type IdGeneratorOptions = {
  /** Milliseconds since the Unix epoch; defaults to `Date.now`. */
  readonly now?: () => number;
  /** Cryptographically strong bytes; defaults to `globalThis.crypto.getRandomValues`. */
  readonly random?: RandomBytes;
};

type CryptoLike = { getRandomValues<T extends Uint8Array>(array: T): T };

function defaultRandom(): RandomBytes {
  const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
  if (!crypto || typeof crypto.getRandomValues !== 'function') {
    throw new Error(
      'createIdGenerator: globalThis.crypto.getRandomValues is not available; pass options.random',
    );
  }
  return (length) => crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Monotonic UUIDv7 ids for one device, following RFC 9562 §6.2 method 1 (fixed-length dedicated counter):
 * the 12-bit `rand_a` field is a counter seeded randomly with its top bit clear at each new millisecond and
 * incremented for every further id in the same millisecond. On counter overflow, or when the clock steps
 * backwards, the generator keeps advancing its own timestamp instead (§6.2, "Counter Rollover Handling" and
 * the note on clock regression), so ids from one generator always sort in creation order.
 */
export function createIdGenerator(options: IdGeneratorOptions = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? defaultRandom();
  let lastMs = -1;
  let counter = 0;
  return () => {
    const clock = Math.floor(now());
    if (clock > lastMs) {
      lastMs = clock;
      const seed = random(2);
      counter = ((seed[0]! & 0x07) << 8) | seed[1]!;
    } else if (counter < 0xfff) {
      counter += 1;
    } else {
      lastMs += 1;
      counter = 0;
    }
    if (lastMs > UUIDV7_MAX_TIMESTAMP) throw new RangeError('createIdGenerator: timestamp beyond 2^48 ms');
    return formatUuidv7(lastMs, counter, random(8));
  };
}
