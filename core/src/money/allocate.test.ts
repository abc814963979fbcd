import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.js';

describe('allocate (largest remainder)', () => {
  it('splits 1.00 over three equal lines as 0.34 / 0.33 / 0.33, the first tie winning', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });
  it('gives the extra unit to the largest remainder, not the first line', () => {
    // 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5: the remainders are 0.67, 0.33, 0.
    expect(allocate(10, [1, 2, 3])).toEqual([2, 3, 5]);
  });
  it('spreads evenly when every weight is zero', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
  });
  it('handles amounts whose products exceed 2^53 exactly', () => {
    const shares = allocate(Number.MAX_SAFE_INTEGER, [3, 3, 3]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });
  it('never loses or creates a minor unit, and each share is within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 60 }),
        (amount, weights) => {
          const shares = allocate(amount, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          shares.forEach((s, i) => {
            const exact = total === 0 ? amount / weights.length : (amount * weights[i]!) / total;
            expect(s).toBeGreaterThanOrEqual(Math.floor(exact) - 1e-6);
            expect(s).toBeLessThanOrEqual(Math.ceil(exact) + 1e-6);
          });
        },
      ),
    );
  });
  it('is deterministic: the same inputs give the same shares', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.array(fc.nat(1000), { minLength: 1 }), (a, w) => {
        expect(allocate(a, w)).toEqual(allocate(a, [...w]));
      }),
    );
  });
});
