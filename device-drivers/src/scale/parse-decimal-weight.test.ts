import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalWeight, parsePoundsAndOunces } from './parse-decimal-weight.js';

describe('parseDecimalWeight', () => {
  it('converts scale text to integer grams without floats', () => {
    expect(parseDecimalWeight('01.250', 'kg')).toEqual({ ok: true, value: 1250 });
    expect(parseDecimalWeight(' 0.5 ', 'kg')).toEqual({ ok: true, value: 500 });
    expect(parseDecimalWeight('.0005', 'kg')).toEqual({ ok: true, value: 1 });
    expect(parseDecimalWeight('0.0004', 'kg')).toEqual({ ok: true, value: 0 });
    expect(parseDecimalWeight('1', 'lb')).toEqual({ ok: true, value: 454 });
    expect(parseDecimalWeight('0.1', 'kg')).toEqual({ ok: true, value: 100 });
  });

  it('rejects what is not a number with a typed error', () => {
    for (const text of ['', '.', '1.2.3', '-1', 'abc', '1e3', '12345678901234']) {
      expect(parseDecimalWeight(text, 'kg')).toMatchObject({ ok: false, reason: 'bad-weight' });
    }
  });

  it('round-trips every gram amount written as kilograms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (grams) => {
        const text = `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
        expect(parseDecimalWeight(text, 'kg')).toEqual({ ok: true, value: grams });
      }),
    );
  });
});

describe('parsePoundsAndOunces', () => {
  it('sums pounds and ounces exactly before rounding once', () => {
    // 2 lb 12.5 oz = 907.18474 g + 354.369039 g = 1261.553779 g.
    expect(parsePoundsAndOunces('02', '12.5')).toEqual({ ok: true, value: 1262 });
    expect(parsePoundsAndOunces('1', '0')).toEqual(parseDecimalWeight('16', 'oz'));
    expect(parsePoundsAndOunces('x', '1')).toMatchObject({ ok: false, reason: 'bad-weight' });
  });

  it('agrees with the same weight read in ounces alone, for every tenth of an ounce', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 159 }), (lb, tenths) => {
        const oz = `${Math.floor(tenths / 10)}.${tenths % 10}`;
        const total = lb * 160 + tenths;
        expect(parsePoundsAndOunces(String(lb), oz)).toEqual(
          parseDecimalWeight(`${Math.floor(total / 10)}.${total % 10}`, 'oz'),
        );
      }),
      { seed: 0x1b0, numRuns: 300 },
    );
  });
});
