import { describe, expect, it } from 'vitest';
import { withGs1CheckDigit } from './check-digit.js';
import { GS1_APPLICATION_IDENTIFIERS } from './gs1-application-identifiers.js';
import { renderGs1ElementString } from './gs1-element-string.js';
import { parseBarcode } from './parse-barcode.js';

const GS = '\x1d';
const GTIN = '0109506000134352';

/**
 * GS1 General Specifications §7.8.5, Figure 7.8.5-2 "Element strings with predefined length using GS1
 * Application Identifiers": the first two digits of the AI and the element's total length. A second GS1
 * source for the Syntax Dictionary's `*` flag kept in our table.
 */
const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

describe('the AI table', () => {
  it('needs no FNC1 exactly after the AIs of Figure 7.8.5-2, at the lengths the figure gives', () => {
    for (const def of GS1_APPLICATION_IDENTIFIERS.values()) {
      const predefined = PREDEFINED_LENGTH[def.ai.slice(0, 2)];
      expect(def.fnc1Required, def.ai).toBe(predefined === undefined);
      if (predefined !== undefined) {
        expect(def.ai.length + def.maxLength, def.ai).toBe(predefined);
        expect(def.minLength, def.ai).toBe(def.maxLength);
      }
    }
  });

  it('has the formats of the AIs a lane meets (Syntax Dictionary 2026-01-27)', () => {
    const format = (ai: string) => {
      const def = GS1_APPLICATION_IDENTIFIERS.get(ai)!;
      return [def.charset, def.minLength, def.maxLength, def.fnc1Required, def.decimals];
    };
    expect(format('03')).toEqual(['n', 14, 14, false, undefined]);
    expect(format('235')).toEqual(['x', 1, 28, true, undefined]);
    expect(format('242')).toEqual(['n', 1, 6, true, undefined]);
    expect(format('3113')).toEqual(['n', 6, 6, false, 3]);
    expect(format('3202')).toEqual(['n', 6, 6, false, 2]);
    expect(format('3909')).toEqual(['n', 1, 15, true, 9]);
    expect(format('7011')).toEqual(['n', 6, 10, true, undefined]);
    expect(format('8003')).toEqual(['x', 14, 30, true, undefined]);
    expect(format('7230')).toEqual(['x', 3, 30, true, undefined]);
    expect(format('7232')).toEqual(['x', 3, 30, true, undefined]);
    expect(GS1_APPLICATION_IDENTIFIERS.get('3106')).toBeUndefined();
  });
});

describe('AIs 03, 235, 242, 311n, 320n, 390n, 7011, 8003 and 7230-7232', () => {
  // gs1-syntax-engine src/c-lib/ai.c test_ai_parseAIdata: "(01)12345678901231(235)XYZ(10)BATCH" is
  // "^0112345678901231235XYZ^10BATCH": no FNC1 after (01), one after (235).
  it('reads (235) TPX with the FNC1 it needs, and renders it the same way', () => {
    const scan = `]C10112345678901231235XYZ${GS}10BATCH`;
    expect(parseBarcode(scan)).toMatchObject({ gtin: '12345678901231', tpx: 'XYZ', batch: 'BATCH' });
    const elements = [
      { ai: '01', value: '12345678901231' },
      { ai: '235', value: 'XYZ' },
      { ai: '10', value: 'BATCH' },
    ];
    expect(renderGs1ElementString(elements, { symbology: ']C1' })).toBe(scan);
    expect(parseBarcode(`(235)ABCDEFGHIJKLMNOPQRSTUVWXYZ12`)).toMatchObject({
      tpx: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ12',
    });
    expect(parseBarcode(`(235)ABCDEFGHIJKLMNOPQRSTUVWXYZ123`)).toMatchObject({ reason: 'length' });
  });

  it('reads (03) MTO GTIN with its check digit and (242) MTO variant', () => {
    const mto = withGs1CheckDigit('0950600013435');
    expect(parseBarcode(`]C103${mto}242123456`)).toMatchObject({ mtoGtin: mto, mtoVariant: '123456' });
    expect(parseBarcode(`]C10309506000134353`)).toMatchObject({ reason: 'check-digit' });
    expect(parseBarcode(`]C1${GTIN}2421234567`)).toMatchObject({ reason: 'length' });
  });

  it('reads 320n pounds exactly and in grams (1 lb = 453.59237 g), and 311n metres', () => {
    // 12.50 lb = 5669.904625 g
    expect(parseBarcode(`]C1${GTIN}3202001250`)).toMatchObject({
      netWeight: { unit: 'lb', value: 1250, decimals: 2 },
      netWeightGrams: 5670,
    });
    expect(parseBarcode(`]C1${GTIN}3200000001`)).toMatchObject({ netWeightGrams: 454 });
    expect(parseBarcode(`]C1${GTIN}3103001250`)).toMatchObject({
      netWeight: { unit: 'kg', value: 1250, decimals: 3 },
      netWeightGrams: 1250,
    });
    expect(parseBarcode(`]C1${GTIN}3111000125`)).toMatchObject({
      length: { unit: 'm', value: 125, decimals: 1 },
    });
  });

  it('reads 390n amounts in minor units, FNC1 after them (ai.c: "(3900)12345(11)991225")', () => {
    expect(parseBarcode(`]C1390012345${GS}11991225`)).toMatchObject({
      amount: 1_234_500,
      elements: [{ ai: '3900' }, { ai: '11', value: '991225' }],
    });
    expect(parseBarcode(`]C1${GTIN}39021999`)).toMatchObject({ amount: 1999 });
    expect(parseBarcode(`]C1${GTIN}39031999`)).toMatchObject({ reason: 'ai-value' });
  });

  it('reads (7011) test-by date with and without its time, checking both', () => {
    expect(parseBarcode(`]C1${GTIN}7011250228`)).toMatchObject({ testBy: '250228' });
    expect(parseBarcode(`]C1${GTIN}70112502281230`)).toMatchObject({ testBy: '2502281230' });
    expect(parseBarcode(`]C1${GTIN}7011250230`)).toMatchObject({ reason: 'ai-value' });
    expect(parseBarcode(`]C1${GTIN}70112502282460`)).toMatchObject({ reason: 'ai-value' });
    expect(parseBarcode(`]C1${GTIN}701125022812`)).toMatchObject({ reason: 'length' });
  });

  it('reads (8003) GRAI: a zero, 13 digits with check digit, an optional serial (ai.c linter tests)', () => {
    expect(parseBarcode('(8003)01234567890128')).toMatchObject({ grai: '01234567890128' });
    expect(parseBarcode('(8003)01234567890128X')).toMatchObject({ grai: '01234567890128X' });
    expect(parseBarcode('(8003)112345678901281234567890123456')).toMatchObject({ reason: 'ai-value' });
    expect(parseBarcode('(8003)01234567890127')).toMatchObject({ reason: 'check-digit' });
  });

  it('reads (7230)-(7232) certification references: a 2-character scheme, then the reference', () => {
    expect(parseBarcode(`]C1${GTIN}7230EMXYZ123${GS}7232ABCD`)).toMatchObject({
      certifications: [
        { ai: '7230', scheme: 'EM', reference: 'XYZ123' },
        { ai: '7232', scheme: 'AB', reference: 'CD' },
      ],
    });
    expect(parseBarcode(`]C1${GTIN}7231EM`)).toMatchObject({ reason: 'length' });
  });
});
