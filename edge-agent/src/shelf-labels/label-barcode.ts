import { type Image, loadImage } from '@napi-rs/canvas';
import bwipjs from 'bwip-js/node';

/**
 * Drawn barcodes as PNG (a few hundred bytes each), most recently used last. Bounded: a store of 100,000
 * products would otherwise keep a barcode of every GTIN it ever drew. The PNG, not the decoded image, is what
 * is kept: 10,000 decoded barcodes held some 600 MB of pixels outside the JS heap, and decoding a small PNG
 * again costs far less than drawing it with bwip-js.
 */
const cache = new Map<string, Promise<Buffer | undefined>>();
const CACHED_BARCODES = 12_000;

/** The symbology a GTIN is printed in on a shelf (GS1 General Specifications §5.2: EAN/UPC for retail). */
function symbologyOf(gtin: string): string {
  if (gtin.length === 13) return 'ean13';
  if (gtin.length === 8) return 'ean8';
  if (gtin.length === 12) return 'upca';
  return 'code128';
}

/**
 * The barcode of a GTIN as an image, one pixel per module times `scale`, `heightMm` high, with its digits
 * under the bars; bwip-js draws it (it checks the check digit: a wrong one is drawn as Code 128 instead, so
 * a misprinted GTIN still identifies the product to a handheld). Cached per code and size.
 */
export async function barcodeImage(
  gtin: string,
  scale: number,
  heightMm: number,
): Promise<Image | undefined> {
  const key = `${gtin}|${scale}|${heightMm}`;
  let png = cache.get(key);
  if (png !== undefined) {
    cache.delete(key);
    cache.set(key, png);
  } else {
    png = draw(gtin, symbologyOf(gtin), scale, heightMm).catch(() =>
      draw(gtin, 'code128', scale, heightMm).catch(() => undefined),
    );
    cache.set(key, png);
    if (cache.size > CACHED_BARCODES) cache.delete(cache.keys().next().value as string);
  }
  const drawn = await png;
  return drawn === undefined ? undefined : loadImage(drawn);
}

function draw(text: string, bcid: string, scale: number, heightMm: number): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid,
    text,
    scale,
    height: heightMm,
    includetext: true,
    textsize: 7,
    textxalign: 'center',
  });
}
