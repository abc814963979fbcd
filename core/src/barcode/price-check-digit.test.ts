import { describe, expect, it } from 'vitest';
import { withGs1CheckDigit } from './check-digit.js';
import { parseBarcode } from './parse-barcode.js';
import { priceCheckDigit } from './price-check-digit.js';
import { NATIONAL_VARIABLE_MEASURE_RULES, renderVariableMeasure } from './variable-measure.js';

const GERMANY = { variableMeasureRules: NATIONAL_VARIABLE_MEASURE_RULES.DE };
const UK = { variableMeasureRules: NATIONAL_VARIABLE_MEASURE_RULES.GB };

/** The weighting factors as §7.9.2 defines them in words, computed rather than tabled. */
const twoMinus = (d: number) => (d * 2 - Math.trunc((d * 2) / 10) + 10) % 10;
const three = (d: number) => (d * 3) % 10;
const fivePlus = (d: number) => (d * 5 + Math.trunc((d * 5) / 10)) % 10;
const fiveMinus = (d: number) => (d * 5 - Math.trunc((d * 5) / 10) + 10) % 10;

describe('price verifier digit (GS1 General Specifications §7.9.2-§7.9.4)', () => {
  it('gives the worked examples: 2875 → 9 (four digits), 14685 → 6 (five digits)', () => {
    expect(priceCheckDigit('2875')).toBe(9);
    expect(priceCheckDigit('14685')).toBe(6);
  });

  it('agrees with the weighting factors computed from their definitions, for every field', () => {
    for (let n = 0; n < 10_000; n++) {
      const d = String(n).padStart(4, '0').split('').map(Number) as [number, number, number, number];
      const sum = twoMinus(d[0]) + twoMinus(d[1]) + three(d[2]) + fiveMinus(d[3]);
      expect(priceCheckDigit(d.join(''))).toBe((sum * 3) % 10);
    }
    for (let n = 0; n < 100_000; n++) {
      const d = String(n).padStart(5, '0').split('').map(Number) as [number, number, number, number, number];
      const sum = fivePlus(d[0]) + twoMinus(d[1]) + fiveMinus(d[2]) + fivePlus(d[3]) + twoMinus(d[4]);
      if (fiveMinus(priceCheckDigit(d.join(''))) !== (10 - (sum % 10)) % 10) {
        expect.fail(`five-digit field ${d.join('')}`);
      }
    }
  });
});

describe('in-store codes with a price verifier digit', () => {
  // snabble-ios-sdk Tests/TemplateTests.swift (German self-scanning): template "2{code:5}{i}{embed:5}{ec}",
  // testTemplateInternalChecksum and testCreateEANs.
  it('reads the German layout and refuses a wrong verifier with price-check-digit', () => {
    expect(parseBarcode('2957783000742', GERMANY)).toMatchObject({
      ok: true,
      kind: 'variable-measure',
      measure: 'price',
      price: 74,
      itemReference: withGs1CheckDigit('295778000000'),
    });
    expect(parseBarcode('2957784000742', GERMANY)).toMatchObject({ ok: false, reason: 'check-digit' });
    // The same misread verifier with a matching EAN check digit: only the price check can catch it.
    const misread = withGs1CheckDigit('295778400074');
    expect(parseBarcode(misread, GERMANY)).toMatchObject({
      ok: false,
      reason: 'price-check-digit',
      detail: expect.stringContaining('should be 3'),
    });
  });

  it('renders what snabble renders for item 11111 at 1, 12, 123, 1234 and 12345 cents', () => {
    const rule = NATIONAL_VARIABLE_MEASURE_RULES.DE[0]!;
    const expected = {
      1: '2111114000010',
      12: '2111119000121',
      123: '2111114001239',
      1234: '2111111012344',
      12345: '2111118123456',
    };
    for (const [cents, code] of Object.entries(expected)) {
      expect(renderVariableMeasure(rule, '211111000000', Number(cents))).toBe(code);
      expect(parseBarcode(code, GERMANY)).toMatchObject({ price: Number(cents) });
    }
  });

  it('reads the GS1 UK branded layout 20XXX RR V PPPP C in pence', () => {
    const code = withGs1CheckDigit('20123459' + '2875');
    expect(parseBarcode(code, UK)).toMatchObject({
      measure: 'price',
      price: 2875,
      itemReference: withGs1CheckDigit('201234500000'),
    });
    expect(parseBarcode(withGs1CheckDigit('20123458' + '2875'), UK)).toMatchObject({
      reason: 'price-check-digit',
    });
    expect(parseBarcode(withGs1CheckDigit('28999990' + '0000'), UK)).toMatchObject({ price: 0 });
  });

  it('leaves codes without a verifier to layouts without one', () => {
    // 21 with the default rules has no verifier: the same digits read as a weight.
    expect(parseBarcode(withGs1CheckDigit('211234501250'))).toMatchObject({ measure: 'weight', grams: 1250 });
  });

  it('refuses a verifier over a field that is not 4 or 5 digits, naming the option', () => {
    expect(() =>
      parseBarcode('1', { variableMeasureRules: [{ pattern: '21...V{NNNDDD}', measure: 'weight' }] }),
    ).toThrow(/variableMeasureRules\[0\]\.pattern: .*4- or 5-digit/);
    expect(() =>
      parseBarcode('1', { variableMeasureRules: [{ pattern: '21V....V{NNDD}', measure: 'price' }] }),
    ).toThrow(/at most one/);
  });
});
