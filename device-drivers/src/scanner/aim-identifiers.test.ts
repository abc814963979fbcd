import { describe, expect, it } from 'vitest';
import { AIM_IDENTIFIER_TABLE } from '../../test/fixtures/aim-identifiers.js';
import { AimSerialDecoder } from './aim-serial-codec.js';
import { readScannedCode } from './scanned-barcode.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('AIM identifiers per the ISO/IEC 15424 table (GS1 General Specifications §5.1.2)', () => {
  it.each(AIM_IDENTIFIER_TABLE)('$aim $note', (row) => {
    const [scan] = new AimSerialDecoder().push(bytes(`${row.aim}${row.code}\r`));
    expect(scan).toMatchObject({ ok: true, value: { aimId: row.aim, symbology: row.symbology } });
    if ('addOn' in row && scan?.ok) {
      expect(scan.value.code).toBe(row.main);
      expect(scan.value.addOn).toBe(row.addOn);
    } else {
      expect(scan?.ok && scan.value.code).toBe(row.code);
    }
  });

  it('reads the main EAN-13 of an ]E3 scan as the product, its add-on kept apart', () => {
    const [scan] = new AimSerialDecoder().push(bytes(']E3978020137962452495\r'));
    if (!scan?.ok) throw new Error('no scan');
    const seen: string[] = [];
    readScannedCode(scan.value, (raw) => {
      seen.push(raw);
      return { ok: false, reason: 'check-digit', detail: 'not parsed here' } as never;
    });
    expect(seen).toEqual([']E09780201379624']);
  });
});
