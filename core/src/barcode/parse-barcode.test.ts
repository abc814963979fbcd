import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, withGs1CheckDigit } from './check-digit.js';
import { gs1DateToIso } from './gs1-date.js';
import { compressUpcA, expandUpcE } from './gtin.js';
import { createBarcodeParser, parseBarcode } from './parse-barcode.js';

const GS = '\x1d';

describe('GTINs', () => {
  it('computes the GS1 check digit of known codes', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2); // GS1 General Specifications example GTIN
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(gs1CheckDigit('03600029145')).toBe(2);
    expect(gs1CheckDigit('7351353')).toBe(7);
  });

  it('reads EAN-13, UPC-A, EAN-8 and GTIN-14 into a 14-digit GTIN', () => {
    expect(parseBarcode('4006381333931')).toEqual({
      ok: true,
      kind: 'gtin',
      format: 'ean-13',
      gtin: '04006381333931',
      data: '4006381333931',
    });
    expect(parseBarcode('036000291452')).toMatchObject({
      kind: 'gtin',
      format: 'upc-a',
      gtin: '00036000291452',
    });
    expect(parseBarcode('73513537')).toMatchObject({ kind: 'gtin', format: 'ean-8', gtin: '00000073513537' });
    expect(parseBarcode('19506000134359')).toMatchObject({
      kind: 'gtin',
      format: 'gtin-14',
      gtin: '19506000134359',
    });
  });

  it('expands UPC-E to UPC-A and back', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(compressUpcA('042100005264')).toBe('04252614');
    expect(parseBarcode(']E004252614')).toMatchObject({
      kind: 'gtin',
      format: 'upc-e',
      gtin: '00042100005264',
      symbology: ']E0',
    });
    expect(parseBarcode('04252614', { eightDigits: 'upc-e' })).toMatchObject({
      format: 'upc-e',
      gtin: '00042100005264',
    });
    expect(parseBarcode(']E473513537')).toMatchObject({ format: 'ean-8', symbology: ']E4' });
  });

  it('reads the 2- and 5-digit add-on sent with ]E3', () => {
    expect(parseBarcode(']E3977123456700312')).toMatchObject({
      kind: 'gtin',
      gtin: '09771234567003',
      addOn: '12',
    });
    expect(parseBarcode(']E3978030640615751299')).toMatchObject({
      format: 'ean-13',
      gtin: '09780306406157',
      addOn: '51299',
    });
    expect(parseBarcode(']E303600029145205')).toMatchObject({
      format: 'upc-a',
      gtin: '00036000291452',
      addOn: '05',
    });
    expect(parseBarcode(']E39780306406157512')).toMatchObject({
      ok: false,
      reason: 'length',
      symbology: ']E3',
    });
  });

  it('refuses a wrong check digit, a wrong length and letters, saying which', () => {
    expect(parseBarcode('4006381333932')).toMatchObject({
      ok: false,
      reason: 'check-digit',
      detail: expect.stringContaining('1'),
    });
    expect(parseBarcode('400638133393')).toMatchObject({ ok: false, reason: 'check-digit' });
    expect(parseBarcode('40063813339')).toMatchObject({ ok: false, reason: 'length' });
    expect(parseBarcode('40063813A3931')).toMatchObject({ ok: false, reason: 'charset' });
    expect(parseBarcode(']E04006381333932')).toMatchObject({
      ok: false,
      reason: 'check-digit',
      symbology: ']E0',
    });
  });

  it('treats empty scans and bare line endings as empty', () => {
    expect(parseBarcode('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseBarcode('\r\n')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseBarcode(']E0')).toMatchObject({ ok: false, reason: 'empty', symbology: ']E0' });
    expect(parseBarcode('4006381333931\r')).toMatchObject({ ok: true, gtin: '04006381333931' });
  });
});

describe('variable-measure codes', () => {
  it('reads weight from 21.....{NNDDD} and gives the item reference with the value zeroed', () => {
    const code = withGs1CheckDigit('211234501250');
    expect(parseBarcode(code)).toEqual({
      ok: true,
      kind: 'variable-measure',
      measure: 'weight',
      grams: 1250,
      pattern: '21.....{NNDDD}',
      itemReference: withGs1CheckDigit('211234500000'),
      gtin: `0${withGs1CheckDigit('211234500000')}`,
      data: code,
    });
  });

  it('reads price from 23.....{NNNDD} and 02.....{NNNDD} in minor units', () => {
    expect(parseBarcode(withGs1CheckDigit('235432100499'))).toMatchObject({ measure: 'price', price: 499 });
    // UPC-A number system 2 is the same code as EAN-13 prefix 02.
    const upc = withGs1CheckDigit('20001200350');
    expect(parseBarcode(upc)).toMatchObject({
      measure: 'price',
      price: 350,
      itemReference: withGs1CheckDigit('020001200000'),
    });
  });

  it('follows a store’s own nomenclature', () => {
    const parse = createBarcodeParser({
      variableMeasureRules: [
        { pattern: '28....{NNNNN}.', measure: 'weight' },
        { pattern: '29.....{NNNN}0', measure: 'price' },
      ],
      currencyExponent: 0,
    });
    expect(parse(withGs1CheckDigit('281234004507'))).toMatchObject({ measure: 'weight', grams: 450 * 1000 });
    expect(parse(withGs1CheckDigit('297777712340'))).toMatchObject({ measure: 'price', price: 1234 });
    // Outside the rules, a restricted-circulation code is still a plain in-store GTIN.
    expect(parse(withGs1CheckDigit('211234501250'))).toMatchObject({ kind: 'gtin' });
  });

  it('refuses malformed rules up front, naming the option', () => {
    expect(() =>
      createBarcodeParser({ variableMeasureRules: [{ pattern: '21....{NNDDD}', measure: 'weight' }] }),
    ).toThrow(/variableMeasureRules\[0\]\.pattern/);
    expect(() =>
      createBarcodeParser({ variableMeasureRules: [{ pattern: '21.....{NDDDD}', measure: 'weight' }] }),
    ).toThrow(/finer than a gram/);
    expect(() =>
      createBarcodeParser({ variableMeasureRules: [{ pattern: '50.....{NNNDD}', measure: 'price' }] }),
    ).toThrow(/restricted-circulation/);
    expect(() => createBarcodeParser({ currencyExponent: 2.5 })).toThrow(/currencyExponent/);
    expect(() => parseBarcode('1', { internalCodeRules: [{ type: 'receipt', prefix: '' }] })).toThrow(
      /internalCodeRules\[0\]\.prefix/,
    );
  });
});

describe('GS1 element strings', () => {
  it('reads GS1-128 with FNC1 separators and typed fields', () => {
    const scan = `]C10109506000134352310300125017251231` + `10ABC-12${GS}21XYZ/9`;
    expect(parseBarcode(scan)).toMatchObject({
      ok: true,
      kind: 'gs1',
      source: 'element-string',
      symbology: ']C1',
      gtin: '09506000134352',
      netWeightGrams: 1250,
      expiry: '251231',
      batch: 'ABC-12',
      serial: 'XYZ/9',
      elements: [
        { ai: '01', value: '09506000134352' },
        { ai: '3103', value: '001250' },
        { ai: '17', value: '251231' },
        { ai: '10', value: 'ABC-12' },
        { ai: '21', value: 'XYZ/9' },
      ],
    });
  });

  it('reads GS1 DataBar Expanded with weight and price, and the same data without a symbology id', () => {
    const data = `0109506000134352310300045039221299${GS}10L1`;
    expect(parseBarcode(`]e0${data}`)).toMatchObject({
      netWeightGrams: 450,
      price: 1299,
      batch: 'L1',
      symbology: ']e0',
    });
    expect(parseBarcode(`${GS}${data}`)).toMatchObject({ kind: 'gs1', netWeightGrams: 450, price: 1299 });
    expect(parseBarcode('0109506000134352310300045017260115')).toMatchObject({
      kind: 'gs1',
      expiry: '260115',
    });
  });

  it('converts 310n and 392n decimals exactly', () => {
    expect(parseBarcode(']C101095060001343523105001234')).toMatchObject({ netWeightGrams: 12 });
    expect(parseBarcode(']C101095060001343523100000002')).toMatchObject({ netWeightGrams: 2000 });
    expect(parseBarcode(']C10109506000134352392012', { currencyExponent: 2 })).toMatchObject({ price: 1200 });
    expect(parseBarcode(']C101095060001343523923123450')).toMatchObject({ price: 12345 });
    expect(parseBarcode(']C101095060001343523923123456')).toMatchObject({ ok: false, reason: 'ai-value' });
  });

  it('reads GS1 DataMatrix and QR and the bracketed human-readable form', () => {
    expect(parseBarcode(`]d20109506000134352${GS}`)).toMatchObject({ kind: 'gs1', gtin: '09506000134352' });
    expect(parseBarcode(`]Q3010950600013435221ABC`)).toMatchObject({ serial: 'ABC', symbology: ']Q3' });
    expect(parseBarcode('(01)09506000134352(17)251200(10)A1')).toMatchObject({
      expiry: '251200',
      batch: 'A1',
    });
  });

  it('names what is wrong', () => {
    expect(parseBarcode(']C10109506000134352236XYZ')).toMatchObject({
      ok: false,
      reason: 'unknown-ai',
      symbology: ']C1',
    });
    expect(parseBarcode(']C10109506000134353')).toMatchObject({ reason: 'check-digit' });
    expect(parseBarcode(']C1010950600013435')).toMatchObject({ reason: 'length' });
    expect(parseBarcode(`]C10109506000134352171399${GS}`)).toMatchObject({ reason: 'length' });
    expect(parseBarcode(']C1011234')).toMatchObject({ reason: 'length' });
    expect(parseBarcode(']C10109506000134352171399311')).toMatchObject({ reason: 'ai-value' });
    expect(parseBarcode(`]C110${'A'.repeat(21)}`)).toMatchObject({ reason: 'length' });
    expect(parseBarcode(`]C110AB C`)).toMatchObject({ reason: 'charset' });
    expect(parseBarcode(`]C101095060001343520109506000134369`)).toMatchObject({ reason: 'duplicate-ai' });
  });

  it('puts GS1 dates in the right century (§7.12)', () => {
    expect(gs1DateToIso('251231', 2025)).toBe('2025-12-31');
    expect(gs1DateToIso('240200', 2025)).toBe('2024-02-29');
    expect(gs1DateToIso('991231', 2026)).toBe('1999-12-31');
    expect(gs1DateToIso('750101', 2026)).toBe('2075-01-01');
  });
});

describe('GS1 Digital Link', () => {
  it('reads path and query AIs', () => {
    expect(
      parseBarcode(']Q1https://id.gs1.org/01/09506000134352/10/ABC%2F1/21/S9?17=251231&linkType=gs1:pip'),
    ).toMatchObject({
      ok: true,
      kind: 'gs1',
      source: 'digital-link',
      gtin: '09506000134352',
      batch: 'ABC/1',
      serial: 'S9',
      expiry: '251231',
      symbology: ']Q1',
    });
    expect(parseBarcode('https://shop.example.com/p/01/9506000134352?3103=000500&3922=199')).toMatchObject({
      gtin: '09506000134352',
      netWeightGrams: 500,
      price: 199,
    });
  });

  it('refuses web addresses without GS1 data and bad AIs', () => {
    expect(parseBarcode('https://example.com/hello')).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(parseBarcode('https://id.gs1.org/01/09506000134353')).toMatchObject({ reason: 'check-digit' });
    expect(parseBarcode('https://id.gs1.org/01/09506000134352?236=1')).toMatchObject({
      reason: 'unknown-ai',
    });
    expect(parseBarcode('https://id.gs1.org/01/09506000134352/21/S/10/L')).toMatchObject({
      ok: false,
      reason: 'ai-value',
    });
    // Read from the right in AI/value pairs, a dangling AI leaves no key (as gs1-syntax-engine reads it).
    expect(parseBarcode('https://id.gs1.org/01/09506000134352/10')).toMatchObject({ reason: 'unrecognised' });
    expect(parseBarcode('https://id.gs1.org/01/09506000134352/10/%E0%A4%A')).toMatchObject({
      reason: 'charset',
    });
  });
});

describe('internal codes', () => {
  it('recognises member cards, badges, coupons and receipts by prefix', () => {
    const card = withGs1CheckDigit('042000001001');
    expect(parseBarcode(card)).toEqual({
      ok: true,
      kind: 'internal',
      type: 'member-card',
      payload: card.slice(3),
      data: card,
    });
    expect(parseBarcode(withGs1CheckDigit('041000000007'))).toMatchObject({ type: 'employee-badge' });
    expect(parseBarcode(withGs1CheckDigit('043000000123'))).toMatchObject({ type: 'coupon' });
    expect(parseBarcode(withGs1CheckDigit('045123456789'))).toMatchObject({ type: 'receipt' });
    expect(parseBarcode(`${withGs1CheckDigit('042000001001').slice(0, 12)}0`)).toMatchObject({
      reason: 'check-digit',
    });
  });

  it('follows a chain’s own prefixes, alphanumeric too', () => {
    const parse = createBarcodeParser({
      internalCodeRules: [
        { type: 'receipt', prefix: 'RC-' },
        { type: 'member-card', prefix: '999', length: 10 },
      ],
    });
    expect(parse(']A0RC-0042-0007-000123')).toMatchObject({
      kind: 'internal',
      type: 'receipt',
      payload: '0042-0007-000123',
      symbology: ']A0',
    });
    expect(parse('9990012345')).toMatchObject({ type: 'member-card', payload: '0012345' });
    expect(parse(']A0HELLO')).toMatchObject({ ok: false, reason: 'charset', symbology: ']A0' });
  });
});
