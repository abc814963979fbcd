import { err, ok, type Result } from '@storefloor/core';
import jpeg from 'jpeg-js';

/** A rendered label as RGBA pixels, 4 bytes a pixel, row by row. */
export interface LabelBitmap {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/**
 * Encodes a rendered label as the JPEG an OpenEPaperLink AP can show. The AP decodes every upload with
 * TJpgDec, which reads baseline JPEG only; jpeg-js writes baseline (SOF0) with 4:2:0 chroma, which it reads.
 * A bitmap of the wrong size is a bug in the renderer and throws.
 */
export function encodeLabelJpeg(label: LabelBitmap, quality = 92): Uint8Array {
  if (
    !Number.isSafeInteger(label.width) ||
    !Number.isSafeInteger(label.height) ||
    label.width < 1 ||
    label.height < 1
  )
    throw new RangeError(`label size ${label.width}x${label.height} is not a positive integer size`);
  if (label.rgba.length !== label.width * label.height * 4)
    throw new RangeError(
      `label of ${label.width}x${label.height} needs ${label.width * label.height * 4} RGBA bytes`,
    );
  const encoded = jpeg.encode({ width: label.width, height: label.height, data: label.rgba }, quality);
  return new Uint8Array(encoded.data);
}

/**
 * Checks that image bytes are a JPEG the AP can draw: an SOI marker and a baseline (SOF0) frame. A PNG is
 * refused here because the AP would answer it 200 "Ok, saved" and then never show it; a progressive JPEG
 * because TJpgDec cannot decode it.
 */
export function checkLabelJpeg(bytes: Uint8Array): Result<void, 'unsupported-image'> {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return err('unsupported-image', 'PNG: the access point shows JPEG only; encode with encodeLabelJpeg');
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return err('unsupported-image', 'not a JPEG (no SOI marker)');
  // Walk the marker segments up to the first frame header (ITU-T T.81 B.1.1.4: FF, marker, 2-byte length).
  let at = 2;
  while (at + 3 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] as number;
    if (marker === 0xc0) return ok(undefined);
    if (marker === 0xc2)
      return err('unsupported-image', 'progressive JPEG: the access point decodes baseline only');
    if (marker >= 0xc1 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return err(
        'unsupported-image',
        `JPEG frame 0x${marker.toString(16)}: the access point decodes baseline only`,
      );
    if (marker === 0xda || marker === 0xd9) break;
    at += 2 + (((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number));
  }
  return err('unsupported-image', 'JPEG without a baseline frame header');
}
