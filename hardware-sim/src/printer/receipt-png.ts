import { PNG } from 'pngjs';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphColumns } from './ascii-font.js';
import { lineText, type PrintedLine, type PrintedReceipt } from './printed-receipt.js';

export interface RenderOptions {
  /** Characters per line of the simulated paper (48 for 80 mm). */
  readonly lineWidth?: number;
  /** Pixels per font dot (default 2: 48 columns become 576 px, an 80 mm head's dot width). */
  readonly scale?: number;
}

const CELL_W = GLYPH_WIDTH + 1;
const CELL_H = GLYPH_HEIGHT + 2;
const MARGIN = 8;

/** Printer columns a character takes: CJK and other wide characters take two. */
function columnsOf(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    cp >= 0x20000
    ? 2
    : 1;
}

class Canvas {
  readonly png: PNG;
  constructor(width: number, height: number) {
    this.png = new PNG({ width, height });
    this.png.data.fill(0xff);
  }
  set(x: number, y: number, black: boolean): void {
    if (x < 0 || y < 0 || x >= this.png.width || y >= this.png.height) return;
    const i = (y * this.png.width + x) * 4;
    const v = black ? 0 : 0xff;
    this.png.data[i] = v;
    this.png.data[i + 1] = v;
    this.png.data[i + 2] = v;
    this.png.data[i + 3] = 0xff;
  }
  rect(x: number, y: number, w: number, h: number, black: boolean): void {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) this.set(xx, yy, black);
  }
}

interface Cell {
  readonly ch: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly wx: number;
  readonly hx: number;
}

function cellsOf(line: PrintedLine): Cell[] {
  if (line.code)
    return [...lineText(line)].map((ch) => ({
      ch,
      bold: false,
      underline: false,
      invert: false,
      wx: 1,
      hx: 1,
    }));
  const cells: Cell[] = [];
  for (const span of line.spans) {
    for (const ch of span.text) {
      cells.push({
        ch,
        bold: span.bold,
        underline: span.underline,
        invert: span.invert,
        wx: span.widthMultiplier,
        hx: span.heightMultiplier,
      });
    }
  }
  return cells;
}

/**
 * Renders a printed receipt as a monochrome PNG with the built-in ASCII bitmap font. Characters outside
 * printable ASCII (CJK included) are drawn as an outlined box of their printed width: the simulator
 * has no CJK font, the text record carries the real characters.
 */
export function renderReceiptPng(receipt: PrintedReceipt, options: RenderOptions = {}): Buffer {
  const lineWidth = options.lineWidth ?? 48;
  const s = options.scale ?? 2;
  const lines = receipt.lines.map(cellsOf);
  const lineHeights = lines.map((cells) => CELL_H * s * Math.max(1, ...cells.map((c) => c.hx)));
  const width = MARGIN * 2 + lineWidth * CELL_W * s;
  const height =
    MARGIN * 2 +
    Math.max(
      CELL_H * s,
      lineHeights.reduce((a, b) => a + b, 0),
    );
  const canvas = new Canvas(width, height);
  let y = MARGIN;
  receipt.lines.forEach((line, li) => {
    const cells = lines[li] as Cell[];
    const lh = lineHeights[li] as number;
    const pixelWidth = cells.reduce((sum, c) => sum + columnsOf(c.ch) * c.wx * CELL_W * s, 0);
    const room = lineWidth * CELL_W * s - pixelWidth;
    let x =
      MARGIN +
      (line.align === 'right'
        ? Math.max(0, room)
        : line.align === 'center'
          ? Math.max(0, Math.floor(room / 2))
          : 0);
    for (const c of cells) {
      const cw = columnsOf(c.ch) * c.wx * CELL_W * s;
      const ch = CELL_H * s * c.hx;
      const top = y + lh - ch;
      if (c.invert) canvas.rect(x, top, cw, ch, true);
      const cols = glyphColumns(c.ch.charCodeAt(0));
      const px = s * c.wx;
      const py = s * c.hx;
      if (cols && c.ch.length === 1) {
        cols.forEach((bits, col) => {
          for (let row = 0; row < GLYPH_HEIGHT; row++) {
            if (!(bits & (1 << row))) continue;
            const gx = x + col * px;
            const gy = top + row * py;
            canvas.rect(gx, gy, px + (c.bold ? s : 0), py, !c.invert);
          }
        });
      } else if (c.ch !== ' ') {
        canvas.rect(x + s, top + s, cw - 2 * s, s, !c.invert);
        canvas.rect(x + s, top + ch - 3 * s, cw - 2 * s, s, !c.invert);
        canvas.rect(x + s, top + s, s, ch - 3 * s, !c.invert);
        canvas.rect(x + cw - 2 * s, top + s, s, ch - 3 * s, !c.invert);
      }
      if (c.underline) canvas.rect(x, top + ch - s, cw, s, !c.invert);
      x += cw;
    }
    y += lh;
  });
  return PNG.sync.write(canvas.png);
}
