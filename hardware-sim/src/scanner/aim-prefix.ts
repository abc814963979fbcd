/**
 * The AIM symbology identifier a serial scanner puts before each code, from ISO/IEC 15424 (code character
 * + modifier) as the GS1 General Specifications §5.1.2 list them for GS1 data carriers: `]E0` EAN-13, UPC-A
 * and UPC-E, `]E4` EAN-8, `]C1` GS1-128, `]e0` GS1 DataBar, `]Q3` GS1 QR Code, `]d2` GS1 DataMatrix,
 * `]J1` GS1 DotCode; others from the ISO/IEC 15424 code-character table (A Code 39, C Code 128, F Codabar,
 * I ITF, L PDF417, Q QR Code, d Data Matrix, X other). Keyed by the symbology names the control API takes.
 */
const AIM_PREFIX: Readonly<Record<string, string>> = {
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
  'gs1-dotcode': ']J1',
  pdf417: ']L0',
  unknown: ']X0',
};

export const SIM_SYMBOLOGIES: readonly string[] = Object.keys(AIM_PREFIX);

export function aimPrefixFor(symbology: string): string | undefined {
  return AIM_PREFIX[symbology];
}
