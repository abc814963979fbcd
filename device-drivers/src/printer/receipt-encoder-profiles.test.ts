import { describe, expect, it } from 'vitest';
import { displayWidth } from './display-width.js';
import { PRINTER_PROFILES } from './printer-profile.js';
import type { Receipt } from './receipt.js';
import { encodeReceipt } from './receipt-encoder.js';

const ESC_T = [0x1b, 0x74];
const KANJI_ON = [0x1c, 0x26];
const KANJI_OFF = [0x1c, 0x2e];

function bytesOf(text: string, profile: keyof typeof PRINTER_PROFILES) {
  const r = encodeReceipt(
    { blocks: [{ kind: 'text', text }] },
    { initialize: false, profile: PRINTER_PROFILES[profile] },
  );
  if (!r.ok) throw new Error(r.reason);
  return { bytes: [...r.value.bytes], warnings: r.value.warnings };
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

// Byte values from the code page charts of the Epson "ESC/POS Command Reference" (Character Code Tables):
// PC437 é 0x82, ü 0x81, £ 0x9C, ¥ 0x9D; PC858 € 0xD5; PC866 Д 0x84, а 0xA0; WPC1252 „ 0x84.
// Kanji codes from GB 18030-2005: 中 D6 D0, 苹 C6 BB, 果 B9 FB, ￥ A3 A4, 㐀 (Extension A) 81 39 EE 39.
describe('encodeReceipt on a Western Epson (epson-western)', () => {
  it('sends Latin text through ESC t with the code page that has each character, never Kanji mode', () => {
    const { bytes, warnings } = bytesOf('Café Müller £3 €5', 'epson-western');
    expect(bytes).toEqual([
      ...ascii('Caf'),
      ...ESC_T,
      0,
      0x82,
      ...ascii(' M'),
      0x81,
      ...ascii('ller '),
      0x9c,
      ...ascii('3 '),
      ...ESC_T,
      19,
      0xd5,
      ...ascii('5'),
      0x0a,
    ]);
    expect(warnings).toEqual([]);
  });

  it('prints Cyrillic from PC866 and stays in the selected table while it has the characters', () => {
    expect(bytesOf('Да', 'epson-western').bytes).toEqual([...ESC_T, 17, 0x84, 0xa0, 0x0a]);
  });

  it('prints CJK it has no font for as a visible substitute, with a typed warning', () => {
    const { bytes, warnings } = bytesOf('苹果 Apples', 'epson-western');
    expect(bytes).toEqual([...ascii('?? Apples'), 0x0a]);
    expect(warnings).toEqual([
      {
        code: 'unprintable-character',
        character: '苹',
        codePoint: 'U+82F9',
        substitute: '?',
        profile: 'epson-western',
      },
      {
        code: 'unprintable-character',
        character: '果',
        codePoint: 'U+679C',
        substitute: '?',
        profile: 'epson-western',
      },
    ]);
  });
});

describe('encodeReceipt on a Chinese GB18030 printer (chinese-gb18030)', () => {
  it('puts CJK in Kanji mode and Latin through ESC t outside it', () => {
    const { bytes } = bytesOf('中 é', 'chinese-gb18030');
    // ASCII prints as ANK characters inside Kanji mode too, so the space does not leave it.
    expect(bytes).toEqual([...KANJI_ON, 0xd6, 0xd0, 0x20, ...KANJI_OFF, ...ESC_T, 0, 0x82, 0x0a]);
  });

  it('uses four-byte GB18030 codes for CJK Extension A', () => {
    expect(bytesOf('㐀', 'chinese-gb18030').bytes).toEqual([
      ...KANJI_ON,
      0x81,
      0x39,
      0xee,
      0x39,
      ...KANJI_OFF,
      0x0a,
    ]);
  });
});

describe('encodeReceipt on a GBK-only printer (chinese-gbk)', () => {
  it('prints ¥ from PC437 instead of a four-byte GB18030 code the firmware would garble', () => {
    const { bytes, warnings } = bytesOf('¥12 中', 'chinese-gbk');
    expect(bytes).toEqual([...ESC_T, 0, 0x9d, ...ascii('12 '), ...KANJI_ON, 0xd6, 0xd0, ...KANJI_OFF, 0x0a]);
    expect(warnings).toEqual([]);
  });

  it('substitutes € (in neither GBK nor PC437) with EUR and says so', () => {
    const { bytes, warnings } = bytesOf('€5', 'chinese-gbk');
    expect(bytes).toEqual([...ascii('EUR5'), 0x0a]);
    expect(warnings).toMatchObject([{ character: '€', substitute: 'EUR', profile: 'chinese-gbk' }]);
  });

  it('refuses four-byte codes: CJK Extension A becomes a substitute', () => {
    expect(bytesOf('㐀', 'chinese-gbk').warnings).toMatchObject([{ codePoint: 'U+3400', substitute: '?' }]);
  });
});

describe('columns by printed width', () => {
  const row: Receipt = {
    blocks: [
      {
        kind: 'columns',
        columns: [
          { text: '苹果 Apples', width: 20 },
          { text: '3.50', width: 8, align: 'right' },
        ],
      },
    ],
  };

  it('counts a Kanji character as two columns, so the price column lines up', () => {
    const r = encodeReceipt(row, { initialize: false, profile: PRINTER_PROFILES['chinese-gb18030'] });
    if (!r.ok) throw new Error(r.reason);
    expect([...r.value.bytes]).toEqual([
      ...KANJI_ON,
      0xc6,
      0xbb,
      0xb9,
      0xfb,
      ...ascii(` Apples${' '.repeat(9)}${' '.repeat(4)}3.50`),
      ...KANJI_OFF,
      0x0a,
    ]);
  });

  it('counts the substitute, not the original, on a printer without Kanji', () => {
    const r = encodeReceipt(row, { initialize: false, profile: PRINTER_PROFILES['epson-western'] });
    if (!r.ok) throw new Error(r.reason);
    expect([...r.value.bytes]).toEqual([...ascii(`?? Apples${' '.repeat(11)}    3.50`), 0x0a]);
  });

  it('measures display width by UAX #11 (get-east-asian-width)', () => {
    expect(displayWidth('苹果 Apples')).toBe(11);
    expect(displayWidth('ｶﾞ')).toBe(2);
    expect(displayWidth('—')).toBe(1);
    expect(displayWidth('𠀀')).toBe(2);
  });
});
