/** Barcode symbologies a store meets, named as the store says them. */
export type Symbology =
  | 'ean-13'
  | 'ean-8'
  | 'upc-a'
  | 'upc-e'
  | 'code-128'
  | 'gs1-128'
  | 'code-39'
  | 'itf'
  | 'codabar'
  | 'gs1-databar'
  | 'qr'
  | 'gs1-qr'
  | 'data-matrix'
  | 'gs1-data-matrix'
  | 'pdf417'
  | 'gs1-dotcode'
  | 'ean-add-on'
  | 'unknown';

/** A code as read by any scanner, before any product lookup. */
export interface ScannedCode {
  /** The decoded data, GS1 FNC1 separators kept as GS (0x1D). */
  readonly code: string;
  readonly symbology: Symbology;
  /** The AIM symbology identifier (`]E0`) when the scanner sent one. */
  readonly aimId?: string;
  /** The 2- or 5-digit EAN/UPC add-on read with the main symbol (`]E3`), apart from the main code. */
  readonly addOn?: string;
  readonly source: 'serial' | 'hid' | 'wedge' | 'camera';
}

/**
 * AIM symbology identifiers, ISO/IEC 15424: `]` + code character + modifier. The modifier tells GS1
 * variants apart and, for EAN/UPC, add-ons: `]E0` EAN-13/UPC-A/UPC-E, `]E1` a 2-digit add-on alone, `]E2` a
 * 5-digit add-on alone, `]E3` EAN-13 with its add-on in one packet, `]E4` EAN-8. Data Matrix: `]d2` GS1
 * (FNC1 first), `]d5` GS1 with ECI; QR: `]Q3` GS1, `]Q4` GS1 with ECI; `]J1` GS1 DotCode (GS1 General
 * Specifications §5.1.2). `]Y` is "system expansion" and `]X` "other": unknown, never guessed at.
 */
export function symbologyFromAim(aimId: string, code: string): Symbology {
  const letter = aimId[1];
  const modifier = aimId[2];
  switch (letter) {
    case 'E':
      if (modifier === '4') return 'ean-8';
      if (modifier === '1' || modifier === '2') return 'ean-add-on';
      if (modifier === '3') return 'ean-13';
      if (code.length === 12) return 'upc-a';
      if (code.length === 8 || code.length === 6) return 'upc-e';
      return 'ean-13';
    case 'C':
      return modifier === '1' ? 'gs1-128' : 'code-128';
    case 'A':
      return 'code-39';
    case 'I':
      return 'itf';
    case 'F':
      return 'codabar';
    case 'e':
      return 'gs1-databar';
    case 'Q':
      return modifier === '3' || modifier === '4' ? 'gs1-qr' : 'qr';
    case 'd':
      return modifier === '2' || modifier === '5' ? 'gs1-data-matrix' : 'data-matrix';
    case 'J':
      return modifier === '1' ? 'gs1-dotcode' : 'unknown';
    case 'L':
      return 'pdf417';
    default:
      return 'unknown';
  }
}

/**
 * Splits an `]E3` packet (EAN-13 or UPC-A as EAN-13, then a 2- or 5-digit add-on) into the main code and the
 * add-on; any other identifier keeps its code whole.
 */
export function splitAddOn(aimId: string, code: string): { code: string; addOn?: string } {
  if (aimId === ']E3' && (code.length === 15 || code.length === 18)) {
    return { code: code.slice(0, 13), addOn: code.slice(13) };
  }
  return { code };
}

/** The AIM identifier a scanner sends for a symbology (the simulator uses it to frame scans). */
export function aimIdFor(symbology: Symbology): string {
  const ids: Readonly<Record<Symbology, string>> = {
    'ean-13': ']E0',
    'upc-a': ']E0',
    'upc-e': ']E0',
    'ean-8': ']E4',
    'code-128': ']C0',
    'gs1-128': ']C1',
    'code-39': ']A0',
    itf: ']I0',
    codabar: ']F0',
    'gs1-databar': ']e0',
    qr: ']Q1',
    'gs1-qr': ']Q3',
    'data-matrix': ']d1',
    'gs1-data-matrix': ']d2',
    pdf417: ']L0',
    'gs1-dotcode': ']J1',
    'ean-add-on': ']E1',
    unknown: ']X0',
  };
  return ids[symbology];
}

const SYMBOLOGIES: readonly Symbology[] = [
  'ean-13',
  'ean-8',
  'upc-a',
  'upc-e',
  'code-128',
  'gs1-128',
  'code-39',
  'itf',
  'codabar',
  'gs1-databar',
  'qr',
  'gs1-qr',
  'data-matrix',
  'gs1-data-matrix',
  'pdf417',
  'gs1-dotcode',
  'ean-add-on',
  'unknown',
];

export function isSymbology(value: unknown): value is Symbology {
  return typeof value === 'string' && (SYMBOLOGIES as readonly string[]).includes(value);
}
