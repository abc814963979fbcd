/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + a code character + a modifier character, sent by a
 * scanner in front of the data when configured to. The code says what was scanned; for GS1 symbols it also
 * says the data is a GS1 element string (FNC1 in first position).
 */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Identifiers whose data is a GS1 element string (GS1 General Specifications §5.1.2, Figure 5.1.2-2). */
const GS1_ELEMENT_STRING_SYMBOLOGIES: ReadonlySet<string> = new Set([
  ']C1', // GS1-128
  ']e0', // GS1 DataBar
  ']d2', // GS1 DataMatrix
  ']Q3', // GS1 QR Code
  ']J1', // GS1 DotCode
]);

/** `]E4` is EAN-8; `]E0` carries EAN-13, UPC-A and UPC-E as 13 digits, or UPC-E as its own 8. */
export const EAN8_SYMBOLOGY = ']E4';
export const EAN_UPC_SYMBOLOGY = ']E0';
/** EAN/UPC main symbol followed by its 2- or 5-digit add-on (periodicals, books), sent as one packet. */
export const EAN_UPC_WITH_ADD_ON_SYMBOLOGY = ']E3';

export type SplitSymbology = { readonly symbology: string | undefined; readonly data: string };

export function splitSymbology(text: string): SplitSymbology {
  if (AIM_PREFIX.test(text)) return { symbology: text.slice(0, 3), data: text.slice(3) };
  return { symbology: undefined, data: text };
}

export function isGs1ElementStringSymbology(symbology: string | undefined): boolean {
  return symbology !== undefined && GS1_ELEMENT_STRING_SYMBOLOGIES.has(symbology);
}
