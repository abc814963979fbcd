import { characterRoute } from './character-route.js';
import type { PrinterProfile, PrinterProfileId } from './printer-profile.js';

/** A character the printer cannot print, and what was printed instead. Never a silent garble. */
export interface PrintWarning {
  readonly code: 'unprintable-character';
  readonly character: string;
  /** `U+20AC` */
  readonly codePoint: string;
  readonly substitute: string;
  readonly profile: PrinterProfileId;
}

/** Readable stand-ins, tried before stripping accents; each must be printable on every profile (ASCII). */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'YEN',
  '₩': 'KRW',
  '₹': 'INR',
  '₽': 'RUB',
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '–': '-',
  '—': '-',
  '‐': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '·': '.',
  '×': 'x',
  '÷': '/',
  '™': 'TM',
  '©': '(C)',
  '®': '(R)',
  '°': 'o',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  Ł: 'L',
  ł: 'l',
  '\u00a0': ' ',
};

const UNKNOWN = '?';

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function printable(text: string, profile: PrinterProfile): boolean {
  for (const ch of text)
    if (characterRoute(ch.codePointAt(0) as number, profile).via === 'none') return false;
  return true;
}

/** What to print for a character the profile has no code for. */
export function substituteFor(ch: string, profile: PrinterProfile): string {
  const mapped = SUBSTITUTES[ch];
  if (mapped !== undefined) return mapped;
  // Decompose (é → e + U+0301) and drop the marks; full-width forms fold to ASCII (Ａ → A) as well.
  const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (stripped !== '' && stripped !== ch && printable(stripped, profile)) return stripped;
  return UNKNOWN;
}

export interface PrintableText {
  readonly text: string;
  readonly warnings: readonly PrintWarning[];
}

/**
 * Makes text printable on the profile: NFC-composed, control characters as spaces (catalog text can never
 * inject a command), and every character the printer cannot print replaced by a readable substitute,
 * with one warning per distinct character.
 */
export function printableText(raw: string, profile: PrinterProfile): PrintableText {
  let simple = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) {
      simple = false;
      break;
    }
  }
  if (simple) return { text: raw, warnings: [] };
  const text = raw.normalize('NFC');
  let out = '';
  const warnings: PrintWarning[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || cp === 0x7f) {
      out += ' ';
      continue;
    }
    if (characterRoute(cp, profile).via !== 'none') {
      out += ch;
      continue;
    }
    const substitute = substituteFor(ch, profile);
    out += substitute;
    if (!warnings.some((w) => w.character === ch))
      warnings.push({
        code: 'unprintable-character',
        character: ch,
        codePoint: hex(cp),
        substitute,
        profile: profile.id,
      });
  }
  return { text: out, warnings };
}
