import type { BarcodeFailure, GtinFormat } from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './check-digit.js';

/**
 * UPC-E → UPC-A (GS1 General Specifications §5.2.2.4.2, Figure 5.2.2.4.2-1). `upcE` is 8 digits: number
 * system (0 or 1), six data digits, check digit. The last data digit says where the zeros were suppressed.
 * Returns the 12-digit UPC-A, or undefined when the number system is not 0 or 1.
 */
export function expandUpcE(upcE: string): string | undefined {
  if (!/^[01][0-9]{7}$/.test(upcE)) return undefined;
  const ns = upcE[0]!;
  const d = upcE.slice(1, 7);
  const check = upcE[7]!;
  const last = d[5]!;
  let body: string;
  if (last === '0' || last === '1' || last === '2') body = `${d[0]}${d[1]}${last}0000${d[2]}${d[3]}${d[4]}`;
  else if (last === '3') body = `${d[0]}${d[1]}${d[2]}00000${d[3]}${d[4]}`;
  else if (last === '4') body = `${d[0]}${d[1]}${d[2]}${d[3]}00000${d[4]}`;
  else body = `${d[0]}${d[1]}${d[2]}${d[3]}${d[4]}0000${last}`;
  return ns + body + check;
}

/** UPC-A → UPC-E, the inverse of `expandUpcE`; undefined when the UPC-A has no zero-suppressed form. */
export function compressUpcA(upcA: string): string | undefined {
  if (!/^[01][0-9]{11}$/.test(upcA)) return undefined;
  const a = upcA;
  const ns = a[0]!;
  const check = a[11]!;
  let d: string | undefined;
  if ('012'.includes(a[3]!) && a.slice(4, 8) === '0000') d = `${a[1]}${a[2]}${a[8]}${a[9]}${a[10]}${a[3]}`;
  else if (a.slice(4, 9) === '00000') d = `${a[1]}${a[2]}${a[3]}${a[9]}${a[10]}3`;
  else if (a.slice(5, 10) === '00000') d = `${a[1]}${a[2]}${a[3]}${a[4]}${a[10]}4`;
  else if (a.slice(6, 10) === '0000' && a[10]! >= '5') d = `${a[1]}${a[2]}${a[3]}${a[4]}${a[5]}${a[10]}`;
  return d === undefined ? undefined : ns + d + check;
}

export type ReadGtin = { readonly ok: true; readonly format: GtinFormat; readonly gtin: string };

/**
 * Reads a digit string as a GTIN: 8 digits as EAN-8 or UPC-E, 12 as UPC-A, 13 as EAN-13, 14 as GTIN-14;
 * checks the check digit and pads to 14 digits. Eight digits are first read as `eightDigits`; when
 * `eightDigitsSure` is false (no symbology identifier said which) and that check fails, they are read the
 * other way, so a UPC-E whose EAN-8 check fails but whose UPC-E check holds is a UPC-E (and an EAN-8 sent
 * to a lane set to UPC-E likewise).
 */
export function readGtin(
  digits: string,
  eightDigits: 'ean-8' | 'upc-e',
  eightDigitsSure = true,
): ReadGtin | BarcodeFailure {
  if (!/^[0-9]+$/.test(digits)) return barcodeFailure('charset', 'a GTIN has digits only');
  if (digits.length === 8) {
    const first = readEightDigits(digits, eightDigits);
    if (first.ok || eightDigitsSure) return first;
    const other = readEightDigits(digits, eightDigits === 'ean-8' ? 'upc-e' : 'ean-8');
    return other.ok ? other : first;
  }
  let format: GtinFormat;
  switch (digits.length) {
    case 12:
      format = 'upc-a';
      break;
    case 13:
      format = 'ean-13';
      break;
    case 14:
      format = 'gtin-14';
      break;
    default:
      return barcodeFailure('length', `${digits.length} digits; a GTIN has 8, 12, 13 or 14`);
  }
  return checked(digits, digits, format);
}

/** UPC-E carries the check digit of the UPC-A it expands to (§5.2.2.4.2), EAN-8 its own. */
function readEightDigits(digits: string, format: 'ean-8' | 'upc-e'): ReadGtin | BarcodeFailure {
  if (format === 'ean-8') return checked(digits, digits, format);
  const expanded = expandUpcE(digits);
  if (expanded === undefined) return barcodeFailure('charset', 'UPC-E number system must be 0 or 1');
  return checked(digits, expanded, format);
}

function checked(digits: string, full: string, format: GtinFormat): ReadGtin | BarcodeFailure {
  if (!hasValidGs1CheckDigit(full)) {
    const expected = gs1CheckDigit(full.slice(0, -1));
    return barcodeFailure('check-digit', `${format} ${digits}: check digit should be ${expected}`);
  }
  return { ok: true, format, gtin: full.padStart(14, '0') };
}

/** Renders a 14-digit GTIN in a barcode format; throws when the GTIN does not fit that format. */
export function renderGtin(gtin: string, format: GtinFormat): string {
  if (!/^[0-9]{14}$/.test(gtin) || !hasValidGs1CheckDigit(gtin)) {
    throw new RangeError(`renderGtin: ${gtin} is not a 14-digit GTIN with a valid check digit`);
  }
  const keep = { 'gtin-14': 14, 'ean-13': 13, 'upc-a': 12, 'upc-e': 12, 'ean-8': 8 }[format];
  if (!/^0*$/.test(gtin.slice(0, 14 - keep)))
    throw new RangeError(`renderGtin: ${gtin} does not fit ${format}`);
  const short = gtin.slice(14 - keep);
  if (format !== 'upc-e') return short;
  const upcE = compressUpcA(short);
  if (upcE === undefined) throw new RangeError(`renderGtin: ${gtin} has no UPC-E form`);
  return upcE;
}
