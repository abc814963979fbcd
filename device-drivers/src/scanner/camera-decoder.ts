import { err, ok, type Result } from '@storefloor/core';
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
  type Result as ZxingResult,
} from '@zxing/library';
import type { ScannedCode, Symbology } from './symbology.js';

/** A camera frame: one luminance byte per pixel, or RGBA (4 bytes per pixel, as from a canvas). */
export interface CameraFrame {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array | Uint8ClampedArray;
  readonly format: 'luminance' | 'rgba';
}

export type CameraDecodeError = 'no-code' | 'bad-frame';

const FORMATS: ReadonlyMap<BarcodeFormat, Symbology> = new Map([
  [BarcodeFormat.EAN_13, 'ean-13'],
  [BarcodeFormat.EAN_8, 'ean-8'],
  [BarcodeFormat.UPC_A, 'upc-a'],
  [BarcodeFormat.UPC_E, 'upc-e'],
  [BarcodeFormat.CODE_128, 'code-128'],
  [BarcodeFormat.CODE_39, 'code-39'],
  [BarcodeFormat.ITF, 'itf'],
  [BarcodeFormat.CODABAR, 'codabar'],
  [BarcodeFormat.RSS_14, 'gs1-databar'],
  [BarcodeFormat.RSS_EXPANDED, 'gs1-databar'],
  [BarcodeFormat.QR_CODE, 'qr'],
  [BarcodeFormat.DATA_MATRIX, 'data-matrix'],
  [BarcodeFormat.PDF_417, 'pdf417'],
]);

/** Luminance per ITU-R BT.601 weights in integer form, as zxing's own sources do. */
function toLuminance(frame: CameraFrame): Uint8ClampedArray {
  if (frame.format === 'luminance') return Uint8ClampedArray.from(frame.pixels);
  const out = new Uint8ClampedArray(frame.width * frame.height);
  for (let i = 0, p = 0; i < out.length; i += 1, p += 4) {
    const r = frame.pixels[p] ?? 0;
    const g = frame.pixels[p + 1] ?? 0;
    const b = frame.pixels[p + 2] ?? 0;
    out[i] = (r * 306 + g * 601 + b * 117) >> 10;
  }
  return out;
}

/** Decodes camera frames with @zxing/library. One reader is reused across frames. */
export class CameraDecoder {
  readonly #reader = new MultiFormatReader();

  /** By default every mapped format but DataBar Expanded, which zxing itself flags as not production ready. */
  constructor(
    formats: readonly BarcodeFormat[] = [...FORMATS.keys()].filter((f) => f !== BarcodeFormat.RSS_EXPANDED),
  ) {
    const hints = new Map<DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, [...formats]],
      [DecodeHintType.TRY_HARDER, true],
    ]);
    this.#reader.setHints(hints);
  }

  decode(frame: CameraFrame): Result<ScannedCode, CameraDecodeError> {
    const perPixel = frame.format === 'rgba' ? 4 : 1;
    if (
      !Number.isInteger(frame.width) ||
      !Number.isInteger(frame.height) ||
      frame.width <= 0 ||
      frame.height <= 0 ||
      frame.pixels.length !== frame.width * frame.height * perPixel
    ) {
      return err(
        'bad-frame',
        `expected ${frame.width}x${frame.height}x${perPixel} bytes, got ${frame.pixels.length}`,
      );
    }
    const source = new RGBLuminanceSource(toLuminance(frame), frame.width, frame.height);
    let found: ZxingResult;
    try {
      found = this.#reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
    } catch {
      // zxing signals "nothing found" (NotFound/Checksum/Format exceptions) by throwing.
      return err('no-code', 'no barcode in frame');
    } finally {
      this.#reader.reset();
    }
    // zxing returns a DataBar Omni as the bare GTIN; scanners transmit it as the element string (01)+GTIN.
    const format = found.getBarcodeFormat();
    const code = format === BarcodeFormat.RSS_14 ? `01${found.getText()}` : found.getText();
    const symbology = FORMATS.get(format) ?? 'unknown';
    return ok({ code, symbology, source: 'camera' });
  }
}
