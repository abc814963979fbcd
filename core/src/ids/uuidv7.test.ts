import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuidv7, UUIDV7_MAX_TIMESTAMP, uuidv7, uuidv7Timestamp } from './uuidv7.js';

const bytesFrom = (seed: number[]) => (n: number) =>
  Uint8Array.from({ length: n }, (_, i) => seed[i % seed.length]!);

describe('uuidv7', () => {
  it('lays out the RFC 9562 test vector timestamp, version and variant', () => {
    // RFC 9562 Appendix A.6: unix_ts_ms 0x017F22E279B0 gives 017f22e2-79b0-7...
    const id = uuidv7(
      0x017f22e279b0,
      bytesFrom([0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]),
    );
    expect(id).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
    expect(uuidv7Timestamp(id)).toBe(0x017f22e279b0);
  });

  it('always yields a well-formed v7 id that carries its timestamp', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: UUIDV7_MAX_TIMESTAMP }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (ms, r) => {
          const id = uuidv7(ms, () => r);
          expect(isUuidv7(id)).toBe(true);
          expect(uuidv7Timestamp(id)).toBe(ms);
        },
      ),
    );
  });

  it('sorts ids by timestamp as plain strings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: UUIDV7_MAX_TIMESTAMP - 1 }),
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        (ms, r) => {
          const a = uuidv7(ms, () => r.subarray(0, 10));
          const b = uuidv7(ms + 1, () => r.subarray(10, 20));
          expect(a < b).toBe(true);
        },
      ),
    );
  });

  it('refuses a timestamp outside 48 bits', () => {
    expect(() => uuidv7(-1, bytesFrom([1]))).toThrow(RangeError);
    expect(() => uuidv7(UUIDV7_MAX_TIMESTAMP + 1, bytesFrom([1]))).toThrow(RangeError);
    expect(() => uuidv7(1.5, bytesFrom([1]))).toThrow(RangeError);
  });
});
