import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './id-generator.js';
import { isUuidv7 } from './uuidv7.js';

describe('createIdGenerator', () => {
  it('stays strictly increasing within one millisecond, across counter overflow, and when the clock steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6000 }), (steps) => {
        let clock = 1_700_000_000_000;
        let i = 0;
        const next = createIdGenerator({
          now: () => {
            const s = steps[i++ % steps.length]!;
            clock += s === 5 ? -3 : s === 4 ? 1 : 0;
            return clock;
          },
          random: (n) => new Uint8Array(n).fill(0xff),
        });
        let previous = '';
        for (let k = 0; k < steps.length; k++) {
          const id = next();
          expect(isUuidv7(id)).toBe(true);
          expect(id > previous).toBe(true);
          previous = id;
        }
      }),
      { numRuns: 20 },
    );
  });

  it('makes 10 000 unique ids with the platform clock and crypto', () => {
    const next = createIdGenerator();
    const ids = Array.from({ length: 10_000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
