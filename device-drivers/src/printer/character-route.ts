import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { eastAsianWidth } from 'get-east-asian-width';
import iconv from 'iconv-lite';
import type { PrinterProfile } from './printer-profile.js';

/**
 * How one character reaches the paper on a given printer: as ASCII, as one byte of a code page selected
 * with ESC t n, as a multi-byte code inside Kanji mode (FS &), or not at all.
 */
export type CharacterRoute =
  | { readonly via: 'ascii'; readonly columns: 1 }
  | {
      readonly via: 'code-page';
      readonly columns: 1;
      /** Every code page of the profile that has the character: (ESC t n, byte), in profile order. */
      readonly tables: readonly (readonly [n: number, byte: number])[];
    }
  | { readonly via: 'kanji'; readonly columns: 2; readonly bytes: Uint8Array }
  | { readonly via: 'none'; readonly columns: 0 };

const ASCII = { via: 'ascii', columns: 1 } as const;
const NONE = { via: 'none', columns: 0 } as const;
const HAN = /\p{Script=Han}/u;

/** Code point → byte, upper half only: 0x00–0x7F are ASCII and ESC/POS control codes on every table. */
const highHalves = new Map<string, Map<number, number>>();

function highHalf(codepage: string): Map<number, number> {
  let table = highHalves.get(codepage);
  if (!table) {
    table = new Map();
    const points = CodepageEncoder.getCodepoints(codepage as never, true);
    for (let byte = 0x80; byte < 0x100; byte++) {
      const cp = points[byte];
      if (cp !== undefined && cp !== 0xfffd && !table.has(cp)) table.set(cp, byte);
    }
    highHalves.set(codepage, table);
  }
  return table;
}

/**
 * The Kanji-mode bytes of a character, when the profile's firmware prints it. GBK and GB18030 both
 * have two-byte codes (lead 0x81–0xFE); iconv-lite's GBK table also gives the single byte 0x80 for €
 * (a Windows code page 936 addition no printer font has), so single bytes are refused. Four-byte GB18030
 * codes are taken only for Han characters (CJK Extension A/B), which GB18030 printer fonts carry.
 */
function kanjiBytes(ch: string, cp: number, profile: PrinterProfile): Uint8Array | undefined {
  if (!profile.kanji) return undefined;
  const bytes = iconv.encode(ch, profile.kanji);
  if (bytes.length === 2 && (bytes[0] as number) >= 0x81) return new Uint8Array(bytes);
  if (bytes.length === 4 && profile.fourByte && HAN.test(ch) && cp >= 0x3400) return new Uint8Array(bytes);
  return undefined;
}

const routes = new WeakMap<PrinterProfile, Map<number, CharacterRoute>>();

function route(cp: number, profile: PrinterProfile): CharacterRoute {
  if (cp >= 0x20 && cp < 0x7f) return ASCII;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return NONE;
  const ch = String.fromCodePoint(cp);
  // Wide characters go to Kanji mode first: the printer's CJK font draws them in two columns.
  const wide = eastAsianWidth(cp, { ambiguousAsWide: false }) === 2;
  if (wide) {
    const bytes = kanjiBytes(ch, cp, profile);
    if (bytes) return { via: 'kanji', columns: 2, bytes };
  }
  const tables: (readonly [number, number])[] = [];
  for (const slot of profile.codePages) {
    const byte = highHalf(slot.codepage).get(cp);
    if (byte !== undefined) tables.push([slot.n, byte]);
  }
  if (tables.length > 0) return { via: 'code-page', columns: 1, tables };
  // An ambiguous-width character (—, Greek, Cyrillic…) that only the CJK font has prints full width.
  const bytes = wide ? undefined : kanjiBytes(ch, cp, profile);
  return bytes ? { via: 'kanji', columns: 2, bytes } : NONE;
}

/** How the code point prints on this profile; memoised per profile, so a receipt costs map lookups. */
export function characterRoute(cp: number, profile: PrinterProfile): CharacterRoute {
  let cache = routes.get(profile);
  if (!cache) {
    cache = new Map();
    routes.set(profile, cache);
  }
  let r = cache.get(cp);
  if (!r) {
    r = route(cp, profile);
    cache.set(cp, r);
  }
  return r;
}

/** Printer columns a character takes on this profile (0 for one it cannot print). */
export function printedColumns(cp: number, profile: PrinterProfile): 0 | 1 | 2 {
  return characterRoute(cp, profile).columns;
}
