import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, Image, type SKRSContext2D } from '@napi-rs/canvas';
import bwipjs from 'bwip-js/node';
import type { PrintedLine, PrintedReceipt } from './printed-receipt.js';

export interface RenderOptions {
  /** Characters per line of the simulated paper in font A (48 for 80 mm). */
  readonly lineWidth?: number;
  /** Pixels per printer dot (default 1: font A's 12 x 24 dot cell, 576 dots across 80 mm paper). */
  readonly scale?: number;
}

/** Font A is 12 x 24 dots; a Kanji-mode character is 24 x 24 (Epson TM-T88 specification, "Character"). */
const CELL_W = 12;
const CELL_H = 24;
const LINE_GAP = 6;
const MARGIN = 12;
const MONO = 'Receipt Mono';
const CJK = 'Receipt CJK';

let fontsReady = false;

/**
 * Registers the fonts that ship in npm packages: Noto Sans Mono (@fontsource/noto-sans-mono) for the
 * half-width cells, whose 0.6 em advance fits font A's 12 x 24 cell, and Noto Sans SC
 * (@fontsource/noto-sans-sc, its Simplified Chinese file) for Kanji-mode characters and anything the mono
 * font lacks.
 */
function registerFonts(): void {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  const mono = join(dirname(require.resolve('@fontsource/noto-sans-mono/package.json')), 'files');
  const sc = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  for (const subset of ['latin', 'latin-ext', 'cyrillic', 'greek'])
    GlobalFonts.registerFromPath(join(mono, `noto-sans-mono-${subset}-400-normal.woff2`), MONO);
  for (const subset of ['chinese-simplified', 'latin'])
    GlobalFonts.registerFromPath(join(sc, `noto-sans-sc-${subset}-400-normal.woff2`), CJK);
  fontsReady = true;
}

interface Cell {
  readonly ch: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly wx: number;
  readonly hx: number;
  readonly wide: boolean;
}

function cellsOf(line: PrintedLine): Cell[] {
  const cells: Cell[] = [];
  for (const span of line.spans)
    for (const ch of span.text)
      cells.push({
        ch,
        bold: span.bold,
        underline: span.underline,
        invert: span.invert,
        wx: span.widthMultiplier,
        hx: span.heightMultiplier,
        wide: span.wide,
      });
  return cells;
}

/** A barcode or QR code as bwip-js draws it (SVG, decoded by the canvas), at its printed size in dots. */
function codeImage(code: NonNullable<PrintedLine['code']>): Image | undefined {
  const bcid: Record<string, string> = {
    QR: 'qrcode',
    EAN13: 'ean13',
    EAN8: 'ean8',
    'UPC-A': 'upca',
    'UPC-E': 'upce',
    CODE39: 'code39',
    CODE93: 'code93',
    CODE128: 'code128',
    ITF: 'interleaved2of5',
    CODABAR: 'rationalizedCodabar',
  };
  const id = bcid[code.symbology];
  if (!id) return undefined;
  try {
    const svg = bwipjs.toSVG({
      bcid: id,
      text: code.data,
      scale: id === 'qrcode' ? 6 : 2,
      ...(id === 'qrcode' ? {} : { height: 12 }),
    });
    const img = new Image();
    img.src = Buffer.from(svg);
    return img.width > 0 ? img : undefined;
  } catch {
    // Data the symbology cannot hold: the line falls back to its text.
    return undefined;
  }
}

interface Row {
  readonly line: PrintedLine;
  readonly cells: Cell[];
  readonly image?: Image;
  readonly height: number;
}

function drawCell(ctx: SKRSContext2D, c: Cell, x: number, top: number, w: number, h: number): void {
  if (c.invert) {
    ctx.fillStyle = '#000';
    ctx.fillRect(x, top, w, h);
  }
  ctx.fillStyle = c.invert ? '#fff' : '#000';
  if (c.ch !== ' ') {
    // Noto Sans Mono's 0.6 em advance fills a 12-dot cell at 20 px; a CJK glyph fills its 24-dot cell at 22.
    const size = c.wide ? 22 : 20;
    ctx.font = `${c.bold ? 'bold ' : ''}${size}px "${c.wide ? CJK : MONO}", "${CJK}"`;
    const advance = ctx.measureText(c.ch).width || 1;
    const unitW = (c.wide ? 2 : 1) * CELL_W;
    // Squeeze a glyph wider than its cell (a proportional fallback glyph) to fit, then scale by the
    // character size multipliers (ESC ! / GS !).
    const fit = Math.min(1, (unitW - 1) / advance);
    ctx.save();
    ctx.translate(x + w / 2, top + h);
    ctx.scale(fit * c.wx, c.hx);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(c.ch, 0, -5);
    if (c.bold) ctx.fillText(c.ch, 0.6, -5);
    ctx.restore();
  }
  if (c.underline) ctx.fillRect(x, top + h - 2, w, 2);
}

/**
 * Renders a printed receipt as a PNG as the paper would show it: every character in its printer cell
 * (font A 12 x 24 dots, Kanji 24 x 24, times the ESC ! / GS ! multipliers), so columns line up as they do
 * on paper; barcodes and QR codes drawn by bwip-js.
 */
export function renderReceiptPng(receipt: PrintedReceipt, options: RenderOptions = {}): Buffer {
  registerFonts();
  const lineWidth = options.lineWidth ?? 48;
  const scale = options.scale ?? 1;
  const paper = lineWidth * CELL_W;
  const rows: Row[] = receipt.lines.map((line) => {
    const cells = cellsOf(line);
    const image = line.code ? codeImage(line.code) : undefined;
    if (image) {
      const w = Math.min(paper, image.width);
      const hri = line.code?.kind === 'barcode' ? CELL_H : 0;
      return {
        line,
        cells,
        image,
        height: Math.round((image.height * w) / image.width) + LINE_GAP * 2 + hri,
      };
    }
    const hx = Math.max(1, ...cells.map((c) => c.hx));
    return { line, cells, height: CELL_H * hx + LINE_GAP };
  });
  const height =
    MARGIN * 2 +
    Math.max(
      CELL_H,
      rows.reduce((a, r) => a + r.height, 0),
    );
  const canvas = createCanvas(Math.round((paper + MARGIN * 2) * scale), Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, paper + MARGIN * 2, height);
  let y = MARGIN;
  for (const row of rows) {
    if (row.image) {
      const w = Math.min(paper, row.image.width);
      const hri = row.line.code?.kind === 'barcode' ? row.line.code.data : '';
      const h = row.height - LINE_GAP * 2 - (hri ? CELL_H : 0);
      ctx.drawImage(row.image, MARGIN + Math.floor((paper - w) / 2), y + LINE_GAP, w, h);
      // The human-readable digits under the bars (GS H 2), in font A like the printer's HRI font.
      let x = MARGIN + Math.floor((paper - hri.length * CELL_W) / 2);
      for (const ch of hri) {
        drawCell(
          ctx,
          { ch, bold: false, underline: false, invert: false, wx: 1, hx: 1, wide: false },
          x,
          y + LINE_GAP + h,
          CELL_W,
          CELL_H,
        );
        x += CELL_W;
      }
      y += row.height;
      continue;
    }
    const cells = row.line.code
      ? [...`[${row.line.code.symbology}: ${row.line.code.data}]`].map((ch) => ({
          ch,
          bold: false,
          underline: false,
          invert: false,
          wx: 1,
          hx: 1,
          wide: false,
        }))
      : row.cells;
    const widthOf = (c: Cell) => (c.wide ? 2 : 1) * c.wx * CELL_W;
    const room = paper - cells.reduce((sum, c) => sum + widthOf(c), 0);
    const align = row.line.code ? 'center' : row.line.align;
    let x =
      MARGIN +
      (align === 'right' ? Math.max(0, room) : align === 'center' ? Math.max(0, Math.floor(room / 2)) : 0);
    for (const c of cells) {
      const w = widthOf(c);
      const h = CELL_H * c.hx;
      drawCell(ctx, c, x, y + row.height - LINE_GAP - h, w, h);
      x += w;
    }
    y += row.height;
  }
  return canvas.toBuffer('image/png');
}
