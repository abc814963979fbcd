import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mulDivRound,
  multiplyByQuantity,
  multiplyByWeight,
  percentOf,
  prorate,
  sumMinor,
  taxIncluded,
} from './arithmetic.js';

function referenceHalfUp(value: bigint, numerator: bigint, denominator: bigint): bigint {
  const p = value * numerator;
  const abs = p < 0n ? -p : p;
  let q = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) q += 1n;
  return p < 0n ? -q : q;
}

describe('weight pricing: price per kg × grams / 1000, half-up to the minor unit', () => {
  it('prices 1.234 kg of apples at 2.99/kg as 3.69 (3.68966 rounds up)', () => {
    expect(multiplyByWeight(299, 1234)).toBe(369);
  });
  it('rounds an exact half up: 0.05/kg × 10 g = 0.05 cent → 1 cent', () => {
    expect(multiplyByWeight(5, 100)).toBe(1);
    expect(multiplyByWeight(5, 99)).toBe(0);
  });
  it('charges nothing for nothing and exactly the price for 1000 g', () => {
    expect(multiplyByWeight(1899, 0)).toBe(0);
    expect(multiplyByWeight(1899, 1000)).toBe(1899);
  });
});

describe('mulDivRound', () => {
  it('rounds halves away from zero', () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(7, 1, 3)).toBe(2);
  });
  it('never returns a negative zero (a receipt would print "-0.00")', () => {
    expect(Object.is(mulDivRound(-1, 0, 1), 0)).toBe(true);
    expect(Object.is(mulDivRound(-1, 1, 3), 0)).toBe(true);
    expect(Object.is(mulDivRound(0, -0, 7), 0)).toBe(true);
  });
  it('agrees with exact BigInt arithmetic, including products beyond 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        (v, n, d) => {
          const expected = referenceHalfUp(BigInt(v), BigInt(n), BigInt(d));
          if (expected > BigInt(Number.MAX_SAFE_INTEGER) || expected < -BigInt(Number.MAX_SAFE_INTEGER))
            return;
          expect(mulDivRound(v, n, d)).toBe(Number(expected));
        },
      ),
    );
  });
  it('throws on a float or an unsafe integer: that is a bug, not input', () => {
    expect(() => mulDivRound(1.5, 1, 1)).toThrow(RangeError);
    expect(() => multiplyByQuantity(2 ** 40, 2 ** 20)).toThrow(RangeError);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('percentages and tax', () => {
  it('takes 15 % of 9.99 as 1.50 (1.4985 rounds half-up)', () => {
    expect(percentOf(999, 1500)).toBe(150);
  });
  it('extracts 20 % VAT contained in 12.00 as 2.00, and 5.5 % in 1.99 as 0.10', () => {
    expect(taxIncluded(1200, 2000)).toBe(200);
    expect(taxIncluded(199, 550)).toBe(10);
  });
});

describe('prorate', () => {
  it('partial shares taken cumulatively always add up to the whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc
          .integer({ min: 1, max: 50 })
          .chain((q) =>
            fc.tuple(fc.constant(q), fc.array(fc.integer({ min: 1, max: q }), { maxLength: 10 })),
          ),
        (value, [q, steps]) => {
          let before = 0;
          let refunded = 0;
          for (const k of steps) {
            if (before + k > q) break;
            const share = prorate(value, before + k, q) - prorate(value, before, q);
            expect(share).toBeGreaterThanOrEqual(0);
            refunded += share;
            before += k;
          }
          expect(refunded).toBe(prorate(value, before, q));
          expect(refunded).toBeLessThanOrEqual(value);
          expect(prorate(value, q, q)).toBe(value);
        },
      ),
    );
  });
});
