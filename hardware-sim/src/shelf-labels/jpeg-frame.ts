import { err, ok, type Result } from '@storefloor/core';

/** What the AP's JPEG decoder learns from a file's frame header before it draws anything. */
export interface JpegFrame {
  readonly width: number;
  readonly height: number;
  readonly components: number;
}

/** The markers this reader needs (ITU-T T.81, Table B.1). */
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const SOF0 = 0xc0;
/** T.81 Table B.1: C0-CF are frame markers except DHT (C4), JPG (C8) and DAC (CC). */
const NOT_FRAME = new Set([0xc4, 0xc8, 0xcc]);

/**
 * Reads a JPEG's frame header the way the AP's decoder does before drawing: the firmware hands every
 * upload to TJpgDec (makeimage.cpp:26-38, `jpg2buffer`; contentmanager.cpp:253-274 for content mode 24),
 * and TJpgDec decodes baseline JPEG only (SOF0, 8-bit samples, luma sampling 1x1, 2x1 or 2x2 and chroma
 * 1x1). A file it cannot size is "invalid jpg": nothing is drawn and the tag keeps its old image.
 * Pure and total.
 */
export function readJpegFrame(bytes: Uint8Array): Result<JpegFrame, 'invalid-jpg'> {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return err('invalid-jpg', 'no SOI marker: not a JPEG');
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return err('invalid-jpg', `no marker at byte ${at}`);
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++; // T.81 B.1.1.2: any marker may be preceded by fill bytes 0xFF.
      continue;
    }
    if (marker === EOI || marker === SOS) return err('invalid-jpg', 'no frame header before the scan');
    const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
    if (length < 2 || at + 2 + length > bytes.length) return err('invalid-jpg', 'truncated segment');
    if (marker >= 0xc0 && marker <= 0xcf && !NOT_FRAME.has(marker)) {
      if (marker !== SOF0) return err('invalid-jpg', `frame type 0x${marker.toString(16)} is not baseline`);
      return baselineFrame(bytes.subarray(at + 4, at + 2 + length));
    }
    at += 2 + length;
  }
  return err('invalid-jpg', 'truncated before the frame header');
}

function baselineFrame(segment: Uint8Array): Result<JpegFrame, 'invalid-jpg'> {
  // T.81 B.2.2: P, Y (2 bytes), X (2 bytes), Nf, then Nf × (C, H<<4|V, Tq).
  if (segment.length < 6) return err('invalid-jpg', 'short frame header');
  if (segment[0] !== 8) return err('invalid-jpg', `${segment[0]}-bit samples`);
  const height = ((segment[1] as number) << 8) | (segment[2] as number);
  const width = ((segment[3] as number) << 8) | (segment[4] as number);
  const components = segment[5] as number;
  if (width === 0 || height === 0) return err('invalid-jpg', 'zero size');
  if ((components !== 1 && components !== 3) || segment.length < 6 + components * 3)
    return err('invalid-jpg', `${components} components`);
  const luma = segment[7] as number;
  if (components === 3 && ![0x11, 0x21, 0x22].includes(luma))
    return err('invalid-jpg', `luma sampling 0x${luma.toString(16)}`);
  for (let c = 1; c < components; c++) {
    if (segment[7 + c * 3] !== 0x11) return err('invalid-jpg', 'chroma is subsampled more than once');
  }
  return ok({ width, height, components });
}
