import { type Image, loadImage } from '@napi-rs/canvas';
import bwipjs from 'bwip-js/node';

/**
 * Drawn barcodes, most recently used last. Bounded: a store of 100,000 products would otherwise keep an image
 * of every GTIN it ever drew; a price import redraws a label whose barcode is still here at no cost.
 */
const cache = new Map<string, Promise<Image | undefined>>();
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
export function barcodeImage(gtin: string, scale: number, heightMm: number): Promise<Image | undefined> {
  const key = `${gtin}|${scale}|${heightMm}`;
  let image = cache.get(key);
  if (image !== undefined) {
    cache.delete(key);
    cache.set(key, image);
  } else {
    image = draw(gtin, symbologyOf(gtin), scale, heightMm).catch(() =>
      draw(gtin, 'code128', scale, heightMm).catch(() => undefined),
    );
    cache.set(key, image);
    if (cache.size > CACHED_BARCODES) cache.delete(cache.keys().next().value as string);
  }
  return image;
}

async function draw(text: string, bcid: string, scale: number, heightMm: number): Promise<Image> {
  const png = await bwipjs.toBuffer({
    bcid,
    text,
    scale,
    height: heightMm,
    includetext: true,
    textsize: 7,
    textxalign: 'center',
  });
  return loadImage(png);
}
