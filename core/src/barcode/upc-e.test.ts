import { describe, expect, it } from 'vitest';
import { expandUpcE } from './gtin.js';
import { parseBarcode } from './parse-barcode.js';

/**
 * Zero-suppressed UPC-E and the UPC-A it expands to. The six data digits and their expansion are Table 65
 * "Six-Digit Zero Expansion" of the Printronix L7032 reference manual (one example per last digit 0-9); the
 * two `0125…`/`0156…` pairs are the UPC-A → UPC-E examples 012100005984 → 1259814 and 015600000589 →
 * 1565839 of the same conversion rules as published elsewhere. The check digit is the UPC-A's (GS1 General
 * Specifications §5.2.2.4.2). `ean8` says whether the eight digits also pass an EAN-8 check.
 */
const UPC_E: readonly { upcE: string; upcA: string; ean8: boolean }[] = [
  { upcE: '01245608', upcA: '012000004568', ean8: true },
  { upcE: '02758314', upcA: '027100005834', ean8: false },
  { upcE: '04120229', upcA: '041200002029', ean8: false },
  { upcE: '08765438', upcA: '087600000548', ean8: false },
  { upcE: '07537743', upcA: '075370000073', ean8: false },
  { upcE: '02137568', upcA: '021375000068', ean8: true },
  { upcE: '05170197', upcA: '051701000097', ean8: true },
  { upcE: '01259814', upcA: '012100005984', ean8: false },
  { upcE: '01565839', upcA: '015600000589', ean8: false },
];

describe('UPC-E', () => {
  it.each(UPC_E)('expands $upcE to $upcA', ({ upcE, upcA }) => {
    expect(expandUpcE(upcE)).toBe(upcA);
    expect(parseBarcode(`]E0${upcE}`)).toMatchObject({ format: 'upc-e', gtin: `00${upcA}` });
  });

  it('reads 8 digits whose EAN-8 check fails but whose UPC-E check holds as UPC-E', () => {
    for (const { upcE, upcA, ean8 } of UPC_E.filter((c) => !c.ean8)) {
      expect(ean8).toBe(false);
      expect(parseBarcode(upcE), upcE).toMatchObject({ ok: true, format: 'upc-e', gtin: `00${upcA}` });
    }
  });

  it('keeps EAN-8 first when both checks hold, and the other way round on a lane set to UPC-E', () => {
    expect(parseBarcode('01245608')).toMatchObject({ format: 'ean-8', gtin: '00000001245608' });
    expect(parseBarcode('01245608', { eightDigits: 'upc-e' })).toMatchObject({
      format: 'upc-e',
      gtin: '00012000004568',
    });
    // An EAN-8 on a lane set to UPC-E: the UPC-E check fails, the EAN-8 one holds.
    expect(parseBarcode('73513537', { eightDigits: 'upc-e' })).toMatchObject({ format: 'ean-8' });
  });

  it('obeys the symbology identifier: ]E4 is EAN-8 only, ]E0 UPC-E only', () => {
    expect(parseBarcode(']E402758314')).toMatchObject({ ok: false, reason: 'check-digit', symbology: ']E4' });
    expect(parseBarcode(']E073513537')).toMatchObject({ ok: false, symbology: ']E0' });
  });

  it('names the EAN-8 check digit when neither reading holds', () => {
    expect(parseBarcode('02758315')).toMatchObject({
      ok: false,
      reason: 'check-digit',
      detail: expect.stringContaining('ean-8'),
    });
  });
});
