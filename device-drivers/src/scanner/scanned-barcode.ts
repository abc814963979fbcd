import {
  type BarcodeFailureReason,
  err,
  ok,
  type ParsedBarcode,
  parseBarcode,
  type Result,
} from '@storefloor/core';
import type { ScannedCode } from './symbology.js';

/** A scan read as a barcode the store knows (GTIN, variable measure, GS1, in-store code): what a sale line uses. */
export interface ScannedBarcode extends ScannedCode {
  readonly barcode: ParsedBarcode;
}

export type BarcodeParser = (raw: string) => ReturnType<typeof parseBarcode>;

/**
 * Reads a raw scan with core's `parseBarcode`, the AIM identifier in front so GS1 symbols are recognised.
 * A failed read (bad check digit, unknown AI) is a value with core's stable reason, never a sale line.
 */
export function readScannedCode(
  scan: ScannedCode,
  parse: BarcodeParser = parseBarcode,
): Result<ScannedBarcode, BarcodeFailureReason> {
  // An `]E3` scan was split into main code and add-on: the main code is read as the EAN/UPC it is.
  const aimId = scan.addOn !== undefined && scan.aimId === ']E3' ? ']E0' : (scan.aimId ?? '');
  const barcode = parse(`${aimId}${scan.code}`);
  if (!barcode.ok) return err(barcode.reason, `${barcode.detail} (${JSON.stringify(scan.code)})`);
  return ok({ ...scan, barcode });
}
