import { describe, expect, it } from 'vitest';
import { gs1DateProblem, gs1DateToIso, gs1FullYear, gs1TimeProblem } from './gs1-date.js';
import { parseBarcode } from './parse-barcode.js';

const GTIN = '0109506000134352';

/**
 * The unit tests of the GS1 Barcode Syntax Dictionary's date linters (github.com/gs1/gs1-syntax-dictionary,
 * src/lint_yymmd0.c and src/lint_yymmdd.c, release 2026-01-27): every case that passes there passes here,
 * every illegal month or day fails.
 */
const YYMMD0_PASS = [
  '000606',
  '250606',
  '500606',
  '750606',
  '990606',
  '200131',
  '200229',
  '200331',
  '200430',
  '200531',
  '200630',
  '200731',
  '200831',
  '200930',
  '201031',
  '201130',
  '201231',
  '210228',
  '220228',
  '230228',
  '240229',
  '000229',
  '040229',
  '960229',
  '200600',
];
const YYMMD0_FAIL = [
  '200010',
  '201310',
  '209910',
  '200132',
  '200230',
  '200332',
  '200431',
  '200532',
  '200631',
  '200732',
  '200832',
  '200931',
  '201032',
  '201131',
  '201232',
  '210229',
  '220229',
  '230229',
  '240230',
  '000230',
  '040230',
  '960230',
];

describe('GS1 calendar dates', () => {
  it('passes and fails what the Syntax Dictionary linter yymmd0 passes and fails', () => {
    for (const date of YYMMD0_PASS) expect(gs1DateProblem(date, true), date).toBeUndefined();
    for (const date of YYMMD0_FAIL) expect(gs1DateProblem(date, true), date).toBeDefined();
  });

  it('allows day 00 only where the AI does (yymmd0: 11-17; yymmdd: 7006, 7011, …)', () => {
    expect(gs1DateProblem('200600', true)).toBeUndefined();
    expect(gs1DateProblem('200600', false)).toMatch(/day 00/);
  });

  it('refuses 30 February and 29 February of a common year in every date AI of a scan', () => {
    for (const ai of ['11', '13', '15', '16', '17']) {
      expect(parseBarcode(`]C1${GTIN}${ai}250230`), ai).toMatchObject({ ok: false, reason: 'ai-value' });
      expect(parseBarcode(`]C1${GTIN}${ai}250229`), ai).toMatchObject({ ok: false, reason: 'ai-value' });
      expect(parseBarcode(`]C1${GTIN}${ai}240229`), ai).toMatchObject({ ok: true });
      expect(parseBarcode(`]C1${GTIN}${ai}250431`), ai).toMatchObject({ ok: false, reason: 'ai-value' });
    }
    expect(parseBarcode(`(01)09506000134352(17)250229`)).toMatchObject({ reason: 'ai-value' });
    expect(parseBarcode('https://id.gs1.org/01/09506000134352?17=250229')).toMatchObject({
      reason: 'ai-value',
    });
    expect(parseBarcode(`]C1${GTIN}7006250229`)).toMatchObject({ reason: 'ai-value' });
    expect(parseBarcode(`]C1${GTIN}7006250200`)).toMatchObject({ reason: 'ai-value' });
  });

  it('reads day 00 as the last day of the month (GS1 General Specifications §7.12)', () => {
    expect(gs1DateToIso('240200', 2025)).toBe('2024-02-29');
    expect(gs1DateToIso('250200', 2025)).toBe('2025-02-28');
    expect(gs1DateToIso('250400', 2025)).toBe('2025-04-30');
    expect(gs1DateToIso('251200', 2025)).toBe('2025-12-31');
    expect(parseBarcode(`]C1${GTIN}17250200`, { referenceYear: 2025 })).toMatchObject({
      expiry: '250200',
      expiryDate: '2025-02-28',
    });
  });

  it('puts the year in the century the sliding window gives (§7.12: 51…99 back, -99…-50 forward)', () => {
    expect(gs1FullYear(76, 2026)).toBe(2076); // difference 50: this century
    expect(gs1FullYear(77, 2026)).toBe(1977); // difference 51: previous century
    expect(gs1FullYear(0, 2049)).toBe(2000); // difference -49
    expect(gs1FullYear(0, 2050)).toBe(2100); // difference -50: next century
    expect(gs1FullYear(99, 2000)).toBe(1999);
    expect(gs1DateToIso('991231', 2026)).toBe('1999-12-31');
    expect(gs1DateToIso('750101', 2026)).toBe('2075-01-01');
  });

  it('judges 29 February in the right century when the reading year is known', () => {
    // Read in 2060, YY 00 is 2100, which is not a leap year (Gregorian: divisible by 100, not by 400).
    expect(gs1DateProblem('000229', true, { referenceYear: 2060 })).toMatch(/day 29/);
    expect(gs1DateProblem('000229', true, { referenceYear: 2026 })).toBeUndefined();
    expect(parseBarcode(`]C1${GTIN}17000229`, { referenceYear: 2060 })).toMatchObject({ reason: 'ai-value' });
    expect(parseBarcode(`]C1${GTIN}15000229`, { referenceYear: 2026 })).toMatchObject({
      bestBefore: '000229',
      bestBeforeDate: '2000-02-29',
    });
    expect(() => gs1DateToIso('250230', 2025)).toThrow(RangeError);
  });

  it('checks times the way the linter hhmi does', () => {
    expect(gs1TimeProblem('0000')).toBeUndefined();
    expect(gs1TimeProblem('2359')).toBeUndefined();
    expect(gs1TimeProblem('2400')).toMatch(/hour/);
    expect(gs1TimeProblem('1260')).toMatch(/minute/);
  });

  it('refuses a reference year that is no year, naming the option', () => {
    expect(() => parseBarcode('1', { referenceYear: 26 })).toThrow(/referenceYear/);
  });
});
