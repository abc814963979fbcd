import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { checkLabelJpeg, type LabelBitmap } from '@storefloor/device-drivers';
import { barcodeImage } from './label-barcode.js';
import { LABEL_FONT_FAMILY, registerLabelFonts } from './label-fonts.js';
import type { LabelType } from './label-type.js';
import type { ShelfLabelContent } from './shelf-label-content.js';

/** A rendered label: the pixels, and the baseline JPEG that goes to the access point. */
export interface RenderedShelfLabel {
  readonly bitmap: LabelBitmap;
  readonly jpeg: Uint8Array;
  readonly version: string;
}

/** Sizes in pixels for one panel size; everything else is laid out from these. */
interface Metrics {
  readonly pad: number;
  readonly name: number;
  readonly second: number;
  readonly small: number;
  readonly price: number;
  readonly symbol: number;
  readonly barcodeScale: number;
  readonly barcodeMm: number;
  /**
   * 'columns': promotion, unit price and barcode on the left, the price on the right (a 2.9" strip);
   * 'rows': the promotion across, the price across under it, unit price and barcode beneath (a 4.2" card).
   */
  readonly layout: 'columns' | 'rows';
}

const SMALL: Metrics = {
  pad: 4,
  name: 20,
  second: 13,
  small: 12,
  price: 46,
  symbol: 20,
  barcodeScale: 1,
  barcodeMm: 5,
  layout: 'columns',
};
const LARGE: Metrics = {
  pad: 10,
  name: 34,
  second: 22,
  small: 20,
  price: 110,
  symbol: 40,
  barcodeScale: 2,
  barcodeMm: 9,
  layout: 'rows',
};

/** High enough that text edges stay crisp after the AP maps pixels to the panel's inks. */
const JPEG_QUALITY = 92;

const BLACK = '#000000';
const WHITE = '#ffffff';
const RED = '#ff0000';

function font(ctx: SKRSContext2D, px: number, bold: boolean): void {
  ctx.font = `${bold ? 'bold ' : ''}${px}px "${LABEL_FONT_FAMILY}"`;
}

/** Draws `text` in at most `maxWidth`, shrinking to `minPx` and then cutting with an ellipsis. */
function fitText(
  ctx: SKRSContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  px: number,
  bold: boolean,
  align: 'left' | 'right' = 'left',
  minPx = Math.ceil(px * 0.7),
): number {
  return drawFitted(ctx, text, x, y, maxWidth, px, bold, align, minPx, true);
}

/** Draws the price: it shrinks as far as it must and is never cut. */
function fitPrice(
  ctx: SKRSContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  px: number,
): number {
  return drawFitted(ctx, text, x, y, maxWidth, px, true, 'right', 1, false);
}

function drawFitted(
  ctx: SKRSContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  px: number,
  bold: boolean,
  align: 'left' | 'right',
  minPx: number,
  cut: boolean,
): number {
  let size = px;
  font(ctx, size, bold);
  // Each measurement is a text shaping in Skia: the widths are kept rather than measured again.
  let wide = ctx.measureText(text).width;
  if (wide > maxWidth) {
    // Text width scales with the size: one step to about the right size, then down a pixel at a time.
    size = Math.max(minPx, Math.floor((size * maxWidth) / wide));
    font(ctx, size, bold);
    wide = ctx.measureText(text).width;
    while (size > minPx && wide > maxWidth) {
      font(ctx, --size, bold);
      wide = ctx.measureText(text).width;
    }
  }
  let shown = text;
  while (cut && shown.length > 1 && wide > maxWidth) {
    shown = `${shown.slice(0, -2)}…`;
    wide = ctx.measureText(shown).width;
  }
  ctx.textAlign = align;
  ctx.fillText(shown, x, y);
  return wide;
}

/** '2026-12-07' → '12月7日' and '7 Dec'. */
function lastDayTexts(day: string): { zh: string; en: string } {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return { zh: `${m}月${d}日止`, en: `until ${d} ${months[m - 1]}` };
}

/**
 * Draws a shelf label for one panel with @napi-rs/canvas (Skia) in Noto Sans SC: the name in both
 * languages, the price the register charges (red on a red-ink panel when a promotion lowers it, with the
 * regular price struck through), the unit price, the promotion and its last day, the member price and the
 * GTIN's barcode. Only the panel's inks are used (red becomes black on a black/white panel), so the AP's
 * conversion has nothing to guess; the JPEG is baseline (SOF0), as the AP's decoder needs.
 */
export async function renderShelfLabel(
  content: ShelfLabelContent,
  type: LabelType,
): Promise<RenderedShelfLabel> {
  const barcode = await barcodeOf(content, type);
  const ctx = draw(content, type, barcode);
  const image = ctx.getImageData(0, 0, type.width, type.height);
  const bitmap: LabelBitmap = {
    width: type.width,
    height: type.height,
    rgba: new Uint8Array(image.data.buffer),
  };
  return { bitmap, jpeg: encode(ctx.canvas), version: content.version };
}

/** The same label as `renderShelfLabel`, only its JPEG: what the access points need, without the pixels. */
export async function renderShelfLabelJpeg(content: ShelfLabelContent, type: LabelType): Promise<Uint8Array> {
  const barcode = await barcodeOf(content, type);
  return encode(draw(content, type, barcode).canvas);
}

function metricsOf(type: LabelType): Metrics {
  return type.height >= 200 ? LARGE : SMALL;
}

function barcodeOf(content: ShelfLabelContent, type: LabelType) {
  const m = metricsOf(type);
  return content.barcode === undefined
    ? Promise.resolve(undefined)
    : barcodeImage(content.barcode, m.barcodeScale, m.barcodeMm);
}

function encode(canvas: Canvas): Uint8Array {
  // Skia's encoder (libjpeg-turbo) writes baseline JPEG, as the AP's TJpgDec needs, some 60 times faster
  // than jpeg-js (`encodeLabelJpeg`) on the same label: see bench/label-render-bench.ts.
  const jpeg = new Uint8Array(canvas.encodeSync('jpeg', JPEG_QUALITY));
  if (!checkLabelJpeg(jpeg).ok) throw new Error('Skia wrote a JPEG the access point cannot decode');
  return jpeg;
}

/**
 * One canvas per panel size, drawn over for every label: drawing is synchronous from the first stroke to the
 * encoded JPEG, so two renders never share it half-drawn, and 10,000 labels do not leave 10,000 Skia surfaces
 * for the garbage collector (the bench's peak resident memory).
 */
const canvases = new Map<string, Canvas>();

function draw(
  content: ShelfLabelContent,
  type: LabelType,
  barcode: Awaited<ReturnType<typeof barcodeImage>>,
): SKRSContext2D {
  registerLabelFonts();
  const { width, height } = type;
  const m = metricsOf(type);
  const accent = type.inks.includes('red') ? RED : BLACK;
  const size = `${width}x${height}`;
  let canvas = canvases.get(size);
  if (!canvas) {
    canvas = createCanvas(width, height);
    canvases.set(size, canvas);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.fillStyle = WHITE;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'alphabetic';

  // Names across the top.
  ctx.fillStyle = BLACK;
  let y = m.pad + m.name;
  const nameWidth = width - 2 * m.pad;
  font(ctx, Math.ceil(m.name * 0.7), true);
  if (m.layout === 'rows' && ctx.measureText(content.name).width > nameWidth) {
    // A long name on a card wraps to a second line rather than losing its last words ("…牛排").
    const px = Math.ceil(m.name * 0.8);
    font(ctx, px, true);
    let cut = content.name.length;
    while (cut > 1 && ctx.measureText(content.name.slice(0, cut)).width > nameWidth) cut--;
    const space = content.name.lastIndexOf(' ', cut);
    if (space > cut / 2) cut = space;
    y = m.pad + px;
    fitText(ctx, content.name.slice(0, cut).trimEnd(), m.pad, y, nameWidth, px, true);
    y += px + 2;
    fitText(ctx, content.name.slice(cut).trimStart(), m.pad, y, nameWidth, px, true);
  } else
    fitText(
      ctx,
      content.name,
      m.pad,
      y,
      nameWidth,
      m.name,
      true,
      'left',
      Math.max(12, Math.ceil(m.name * 0.6)),
    );
  if (content.secondName !== '') {
    y += m.second + 3;
    fitText(ctx, content.secondName, m.pad, y, width - 2 * m.pad, m.second, false);
  }
  const top = y + Math.round(m.pad / 2);
  const right = width - m.pad;
  const rows = m.layout === 'rows';

  // Where the price goes, and the left column beside it (columns) or the band above it (rows).
  const columnX = rows ? m.pad : Math.max(Math.round(width * 0.42), (barcode?.width ?? 0) + 2 * m.pad);
  const textWidth = rows ? right - m.pad : columnX - 2 * m.pad;
  let ly = top + m.small + 2;
  if (content.promotion !== undefined) {
    // A solid band in the accent ink: the first thing a shopper sees.
    ctx.fillStyle = accent;
    ctx.fillRect(m.pad - 2, ly - m.small - 1, textWidth + 4, m.small + 6);
    ctx.fillStyle = WHITE;
    fitText(ctx, content.promotion.text, m.pad, ly + 1, textWidth, m.small, true);
    ctx.fillStyle = BLACK;
    if (content.promotion.lastDay !== undefined) {
      const last = lastDayTexts(content.promotion.lastDay);
      ly += m.small + 5;
      fitText(ctx, `${last.zh} ${last.en}`, m.pad, ly, textWidth, m.small, false);
    }
    ly += m.small + 4;
  }
  const unitText =
    content.unitPrice === undefined
      ? undefined
      : `${content.unitPrice.zh} ${content.unitPrice.en} ${content.currencySymbol}${content.unitPrice.amount}`;
  const barcodeHeight = barcode === undefined ? 0 : barcode.height;
  // Rows: unit price and barcode sit at the bottom left, under the price.
  const bottomRow = rows ? barcodeHeight + (unitText === undefined ? 0 : m.small + 6) : 0;
  if (unitText !== undefined) {
    const uy = rows ? height - m.pad - barcodeHeight - 6 : ly;
    fitText(ctx, unitText, m.pad, uy, rows ? right * 0.5 : textWidth, m.small, false);
    if (!rows) ly += m.small + 4;
  }
  if (barcode !== undefined) {
    const by = height - m.pad - barcode.height;
    if (by > (rows ? ly : ly - m.small)) {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(barcode, m.pad, by, barcode.width, barcode.height);
    }
  }

  // The price: what the register charges, right-aligned, as large as the space allows.
  const promoted = content.regularPrice !== undefined;
  const notes = [
    ...(promoted ? [`原价 Was ${content.currencySymbol}${content.regularPrice}`] : []),
    ...(content.memberPrice !== undefined
      ? [`会员价 Member ${content.currencySymbol}${content.memberPrice}`]
      : []),
  ];
  const priceTop = rows ? ly - m.small : top;
  const notesHeight = rows ? 0 : notes.length * (m.small + 4);
  const priceBottom = height - m.pad - (rows ? bottomRow : notesHeight) - Math.round(m.small * 0.2);
  const pricePx = Math.min(m.price, Math.round((priceBottom - priceTop) * 1.25));
  const unit = content.priceUnit === 'kg' ? '/kg' : '';
  font(ctx, m.symbol, false);
  const unitWidth = unit === '' ? 0 : ctx.measureText(unit).width;
  font(ctx, m.symbol, true);
  const symbolWidth = ctx.measureText(content.currencySymbol).width + 2;
  ctx.fillStyle = promoted ? accent : BLACK;
  const priceWidth = fitPrice(
    ctx,
    content.price,
    right - unitWidth,
    priceBottom,
    right - columnX - unitWidth - symbolWidth,
    pricePx,
  );
  font(ctx, m.symbol, true);
  ctx.textAlign = 'right';
  ctx.fillText(content.currencySymbol, right - unitWidth - priceWidth - 2, priceBottom);
  if (unit !== '') {
    font(ctx, m.symbol, false);
    ctx.fillText(unit, right, priceBottom);
  }

  // Regular (struck through) and member price under the price, or at the bottom right.
  ctx.fillStyle = BLACK;
  let noteY = rows
    ? height - m.pad - (notes.length - 1) * (m.small + 4) - Math.round(m.small * 0.2)
    : priceBottom + m.small + 4;
  notes.forEach((note, i) => {
    const w = fitText(
      ctx,
      note,
      right,
      noteY,
      rows ? right * 0.45 : right - columnX,
      m.small,
      i > 0 || !promoted,
      'right',
    );
    if (i === 0 && promoted) {
      // Strike through the old amount only (the font is still the size the note was fitted at).
      const struck = Math.min(w, ctx.measureText(`${content.currencySymbol}${content.regularPrice}`).width);
      const thickness = Math.max(1, Math.round(m.small / 10));
      ctx.fillRect(right - struck, noteY - Math.round(m.small * 0.33), struck, thickness);
    }
    noteY += m.small + 4;
  });

  return ctx;
}
