import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededCheck } from '../../test/seeded-check.js';
import type { BarcodeFailureReason } from './barcode-result.js';
import { withGs1CheckDigit } from './check-digit.js';
import { parseBarcode } from './parse-barcode.js';
import { NATIONAL_VARIABLE_MEASURE_RULES, renderVariableMeasure } from './variable-measure.js';

const check = seededCheck;

const REASONS: ReadonlySet<BarcodeFailureReason> = new Set([
  'empty',
  'charset',
  'length',
  'check-digit',
  'unknown-ai',
  'ai-value',
  'duplicate-ai',
  'digital-link',
  'price-check-digit',
  'unrecognised',
]);

function expectTypedResult(raw: string, options?: Parameters<typeof parseBarcode>[1]): void {
  const result = parseBarcode(raw, options);
  if (result.ok) return;
  expect(REASONS.has(result.reason), result.reason).toBe(true);
  expect(result.detail.length).toBeGreaterThan(0);
}

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

describe('bad input gets a typed failure, never a throw', () => {
  it('for any string, with every option set', () => {
    const options = {
      referenceYear: 2026,
      variableMeasureRules: [...NATIONAL_VARIABLE_MEASURE_RULES.DE, ...NATIONAL_VARIABLE_MEASURE_RULES.GB],
    };
    check(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        expectTypedResult(raw);
        expectTypedResult(raw, options);
      }),
      2000,
    );
  });

  it('for scanner-shaped noise around the AIs, Digital Link keys and layouts this parser knows', () => {
    const piece = fc.constantFrom(
      ']C1',
      ']C0',
      ']e0',
      ']E0',
      ']E3',
      ']E4',
      ']Q1',
      ']Q3',
      '\x1d',
      '00',
      '01',
      '03',
      '10',
      '11',
      '15',
      '17',
      '21',
      '235',
      '242',
      '253',
      '3103',
      '3202',
      '3113',
      '3902',
      '3922',
      '7011',
      '7230',
      '8003',
      '8004',
      '(',
      ')',
      'https://id.gs1.org/',
      'HTTP://a/',
      '/',
      '//',
      '?',
      '=',
      '&',
      '+',
      '%',
      '%2',
      '%00',
      '#',
      '0',
      '1',
      '2',
      '5',
      '9',
      'A',
      '-',
    );
    check(
      fc.property(fc.array(piece, { maxLength: 25 }), digits(6), (parts, tail) => {
        expectTypedResult(parts.join('') + tail, { referenceYear: 2060 });
      }),
      3000,
    );
  });
});

describe('misreads are refused', () => {
  it('any one-digit misread of an EAN-13 is refused', () => {
    check(
      fc.property(digits(12), fc.nat(12), fc.integer({ min: 1, max: 9 }), (data, at, shift) => {
        const code = withGs1CheckDigit(`5${data.slice(1)}`);
        const misread = code.slice(0, at) + ((Number(code[at]) + shift) % 10) + code.slice(at + 1);
        expect(parseBarcode(code)).toMatchObject({ ok: true });
        expect(parseBarcode(misread)).toMatchObject({ ok: false });
      }),
      1000,
    );
  });

  it('a German price label with a misread price digit and a matching EAN check digit is refused', () => {
    const [rule] = NATIONAL_VARIABLE_MEASURE_RULES.DE;
    const options = { variableMeasureRules: NATIONAL_VARIABLE_MEASURE_RULES.DE };
    check(
      fc.property(
        digits(5),
        fc.integer({ min: 0, max: 99_999 }),
        fc.nat(4),
        fc.integer({ min: 1, max: 9 }),
        (item, cents, at, shift) => {
          const code = renderVariableMeasure(rule!, `2${item}000000`, cents);
          expect(parseBarcode(code, options)).toMatchObject({ measure: 'price', price: cents });
          const p = 7 + at; // a digit of the five-digit price field
          const changed = code.slice(0, p) + ((Number(code[p]) + shift) % 10) + code.slice(p + 1, 12);
          expect(parseBarcode(withGs1CheckDigit(changed), options)).toMatchObject({
            ok: false,
            reason: 'price-check-digit',
          });
        },
      ),
      1000,
    );
  });
});

describe('dates', () => {
  it('accepts exactly the days the calendar has (Date as the oracle, years 2000-2099)', () => {
    check(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (yy, mm, dd) => {
          const date = new Date(Date.UTC(2000 + yy, mm - 1, dd));
          const exists = date.getUTCMonth() === mm - 1;
          const yymmdd = [yy, mm, dd].map((n) => String(n).padStart(2, '0')).join('');
          const result = parseBarcode(`]C10109506000134352${'17'}${yymmdd}`, { referenceYear: 2026 });
          expect(result.ok, yymmdd).toBe(exists);
          if (!result.ok) expect(result.reason).toBe('ai-value');
        },
      ),
      2000,
    );
  });
});

describe('Digital Link', () => {
  it('refuses an empty path segment wherever it is', () => {
    check(
      fc.property(fc.nat(5), (at) => {
        const segments = ['shop', '01', '09506000134352', '10', 'L1', '21'];
        const uri = `https://example.com/${[...segments.slice(0, at), '', ...segments.slice(at)].join('/')}/S9`;
        expect(parseBarcode(uri)).toMatchObject({ ok: false });
      }),
      50,
    );
  });
});
