import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededCheck } from '../../test/seeded-check.js';
import type { Gs1Element } from './barcode-result.js';
import { withGs1CheckDigit } from './check-digit.js';
import { renderDigitalLink } from './gs1-digital-link.js';
import { renderGs1ElementString } from './gs1-element-string.js';
import { expandUpcE, renderGtin } from './gtin.js';
import { parseBarcode } from './parse-barcode.js';
import {
  DEFAULT_VARIABLE_MEASURE_RULES,
  renderVariableMeasure,
  type VariableMeasureRule,
} from './variable-measure.js';

const NO_RULES = { variableMeasureRules: [], internalCodeRules: [] };
const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const gtinOf = (dataDigits: string) => withGs1CheckDigit(dataDigits);
const cset82 = fc.string({
  unit: fc.constantFrom(
    ...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz',
  ),
  minLength: 1,
  maxLength: 20,
});
const yymmdd = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 28 }))
  .map(([y, m, d]) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''));

describe('renderGtin', () => {
  it('renders each format', () => {
    expect(renderGtin('04006381333931', 'ean-13')).toBe('4006381333931');
    expect(renderGtin('00036000291452', 'upc-a')).toBe('036000291452');
    expect(renderGtin('00042100005264', 'upc-e')).toBe('04252614');
    expect(renderGtin('00000073513537', 'ean-8')).toBe('73513537');
    expect(() => renderGtin('04006381333931', 'upc-a')).toThrow(RangeError);
    expect(() => renderGtin('00036000291452', 'upc-e')).toThrow(/no UPC-E form/);
  });

  it('round-trips every GTIN through every format it fits', () => {
    seededCheck(
      fc.property(digits(13), (body) => {
        const gtin = gtinOf(body);
        for (const format of ['gtin-14', 'ean-13', 'upc-a', 'ean-8'] as const) {
          let rendered: string;
          try {
            rendered = renderGtin(gtin, format);
          } catch {
            continue;
          }
          expect(parseBarcode(rendered, { ...NO_RULES, eightDigits: 'ean-8' })).toMatchObject({
            kind: 'gtin',
            format,
            gtin,
          });
        }
      }),
    );
  });

  it('round-trips every UPC-E', () => {
    seededCheck(
      fc.property(fc.constantFrom('0', '1'), digits(6), (ns, body) => {
        const upcA = expandUpcE(`${ns + body}0`)!;
        const gtin = gtinOf(`00${upcA.slice(0, 11)}`);
        const upcE = renderGtin(gtin, 'upc-e');
        expect(expandUpcE(upcE)!.padStart(14, '0')).toBe(gtin);
        expect(parseBarcode(`]E0${upcE}`, NO_RULES)).toMatchObject({ format: 'upc-e', gtin });
      }),
    );
  });
});

describe('renderVariableMeasure', () => {
  it('round-trips weights and prices through the default and custom rules', () => {
    const custom: VariableMeasureRule[] = [
      { pattern: '28....{NNNNN}.', measure: 'weight' },
      { pattern: '22.....{NNNDD}', measure: 'weight' },
    ];
    seededCheck(
      fc.property(
        fc.constantFrom(...DEFAULT_VARIABLE_MEASURE_RULES, ...custom),
        digits(12),
        fc.integer({ min: 0, max: 99_999 }),
        (rule, item, field) => {
          const options = { variableMeasureRules: [rule], internalCodeRules: [] };
          const value =
            rule.pattern === '28....{NNNNN}.'
              ? field * 1000
              : rule.pattern.startsWith('22')
                ? field * 10
                : field;
          const reference = rule.pattern.slice(0, 2) + item.slice(2);
          const code = renderVariableMeasure(rule, reference, value);
          const parsed = parseBarcode(code, options);
          expect(parsed).toMatchObject({
            kind: 'variable-measure',
            measure: rule.measure,
            pattern: rule.pattern,
          });
          if (!parsed.ok || parsed.kind !== 'variable-measure') return;
          expect(parsed.measure === 'weight' ? parsed.grams : parsed.price).toBe(value);
          // Same item, another weight or price: same product key.
          expect(parseBarcode(renderVariableMeasure(rule, reference, 0), options)).toMatchObject({
            itemReference: parsed.itemReference,
          });
        },
      ),
    );
  });

  it('refuses values that do not fit the field', () => {
    const weight = DEFAULT_VARIABLE_MEASURE_RULES[0]!;
    expect(() => renderVariableMeasure(weight, '2112345000000', 100_000)).toThrow(/does not fit/);
    expect(() => renderVariableMeasure(weight, '2312345000000', 100)).toThrow(/does not match/);
    expect(() =>
      renderVariableMeasure({ pattern: '22.....{NNNDD}', measure: 'weight' }, '2212345000000', 1255),
    ).toThrow(/multiple of 10/);
  });
});

const gtinArb = digits(13).map(gtinOf);
const elementsArb: fc.Arbitrary<Gs1Element[]> = fc
  .record(
    {
      '01': gtinArb,
      '10': cset82,
      '17': yymmdd,
      '21': cset82,
      '3103': digits(6),
      '3922': fc.integer({ min: 0, max: 10 ** 12 }).map(String),
      '91': cset82,
    },
    { requiredKeys: ['01'] },
  )
  .chain((record) => fc.shuffledSubarray(Object.entries(record), { minLength: Object.keys(record).length }))
  .map((entries) => entries.map(([ai, value]) => ({ ai, value: value as string })));

describe('renderGs1ElementString', () => {
  it('puts FNC1 only after variable-length elements that are not last', () => {
    const elements = [
      { ai: '10', value: 'L1' },
      { ai: '01', value: '09506000134352' },
      { ai: '21', value: 'S1' },
    ];
    expect(renderGs1ElementString(elements, { symbology: ']C1' })).toBe(']C110L1\x1d010950600013435221S1');
    expect(renderGs1ElementString(elements, { bracketed: true })).toBe('(10)L1(01)09506000134352(21)S1');
    expect(() => renderGs1ElementString([{ ai: '01', value: '123' }])).toThrow(RangeError);
  });

  it('round-trips any elements, as transmitted and with every GS1 symbology id', () => {
    seededCheck(
      fc.property(elementsArb, fc.constantFrom(']C1', ']e0', ']d2', ']Q3', ''), (elements, symbology) => {
        const text = renderGs1ElementString(elements, { symbology });
        const parsed = parseBarcode(symbology === '' ? `\x1d${text}` : text);
        expect(parsed).toMatchObject({ ok: true, kind: 'gs1', elements });
      }),
    );
  });
});

describe('renderDigitalLink', () => {
  it('puts the primary key and its qualifiers in the path and the rest in the query', () => {
    const uri = renderDigitalLink([
      { ai: '17', value: '251231' },
      { ai: '21', value: 'S/1' },
      { ai: '01', value: '09506000134352' },
      { ai: '10', value: 'ABC' },
    ]);
    expect(uri).toBe('https://id.gs1.org/01/09506000134352/10/ABC/21/S%2F1?17=251231');
    expect(() => renderDigitalLink([{ ai: '10', value: 'ABC' }])).toThrow(/primary key/);
  });

  it('round-trips any elements', () => {
    seededCheck(
      fc.property(
        elementsArb,
        fc.constantFrom('https://id.gs1.org', 'https://example.com/products/'),
        (elements, base) => {
          const parsed = parseBarcode(renderDigitalLink(elements, { base }));
          expect(parsed).toMatchObject({ ok: true, kind: 'gs1', source: 'digital-link' });
          if (!parsed.ok || parsed.kind !== 'gs1') return;
          const byAi = (a: Gs1Element, b: Gs1Element) => (a.ai < b.ai ? -1 : 1);
          expect([...parsed.elements].sort(byAi)).toEqual([...elements].sort(byAi));
        },
      ),
    );
  });
});
