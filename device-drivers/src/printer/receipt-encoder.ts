import { err, ok, type Result } from '@storefloor/core';
import { ByteWriter } from './byte-writer.js';
import { characterRoute, printedColumns } from './character-route.js';
import { type ColumnsOf, displayWidth, fitToColumns } from './display-width.js';
import {
  CANCEL_KANJI_MODE,
  FEED_AND_CUT_FULL,
  FEED_AND_CUT_PARTIAL,
  GENERATE_PULSE,
  INITIALIZE,
  LF,
  PRINT_AND_FEED_LINES,
  PRINT_BARCODE,
  QR_CN,
  QR_FN_ERROR_CORRECTION,
  QR_FN_MODEL,
  QR_FN_PRINT,
  QR_FN_SIZE,
  QR_FN_STORE,
  SELECT_CHARACTER_CODE_TABLE,
  SELECT_CHARACTER_SIZE,
  SELECT_EMPHASIZED,
  SELECT_JUSTIFICATION,
  SELECT_KANJI_MODE,
  SELECT_REVERSE,
  SELECT_UNDERLINE,
  SET_BARCODE_HEIGHT,
  SET_HRI_POSITION,
  SYMBOL_FUNCTION,
} from './escpos-commands.js';
import { type PrintWarning, printableText } from './printable-text.js';
import { DEFAULT_PRINTER_PROFILE, type PrinterProfile } from './printer-profile.js';
import type { Alignment, BarcodeSymbology, DrawerPin, Receipt, ReceiptBlock, TextStyle } from './receipt.js';

export interface ReceiptEncoderOptions {
  /** Characters per line in font A: 48 on 80 mm paper, 32 on 58 mm. */
  readonly lineWidth?: number;
  /** Start with ESC @ so no mode left by a previous job leaks into this one. */
  readonly initialize?: boolean;
  /** What the printer can print (code pages, Kanji mode); default `chinese-gb18030`. */
  readonly profile?: PrinterProfile;
}

/** The ESC/POS bytes of a receipt, and every character that had to be printed as a substitute. */
export interface EncodedReceipt {
  readonly bytes: Uint8Array;
  readonly warnings: readonly PrintWarning[];
}

export type ReceiptEncodeFailure = 'barcode-invalid' | 'qr-invalid' | 'block-invalid';

const ALIGN_CODE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };
/** GS k function B symbology codes (ESC/POS reference, GS k). */
const BARCODE_M: Record<BarcodeSymbology, number> = {
  'UPC-A': 65,
  EAN13: 67,
  EAN8: 68,
  CODE39: 69,
  CODE128: 73,
};
/** GS ( k fn 69 error-correction level codes 48–51. */
const QR_EC: Record<'L' | 'M' | 'Q' | 'H', number> = { L: 48, M: 49, Q: 50, H: 51 };
/** QR Code model 2, version 40, byte mode capacity at level L. */
const QR_MAX_BYTES = 2953;

interface PrinterMode {
  align: Alignment;
  bold: boolean;
  underline: boolean;
  size: number;
  invert: boolean;
}

function sizeByte(style: TextStyle | undefined): number {
  return (style?.doubleWidth ? 0x10 : 0) | (style?.doubleHeight ? 0x01 : 0);
}

class EscPosWriter {
  readonly out = new ByteWriter();
  readonly warnings: PrintWarning[] = [];
  readonly columnsOf: ColumnsOf;
  private readonly mode: PrinterMode = {
    align: 'left',
    bold: false,
    underline: false,
    size: 0,
    invert: false,
  };
  /** The ESC t table in force; unknown (-1) until this job selects one, since ESC @ restores the default. */
  private table = -1;
  private kanji = false;

  constructor(readonly profile: PrinterProfile) {
    this.columnsOf = (cp) => printedColumns(cp, profile);
  }

  /** Text made printable on this printer, its substitutes recorded as warnings. */
  printable(text: string): string {
    const p = printableText(text, this.profile);
    for (const w of p.warnings)
      if (!this.warnings.some((x) => x.character === w.character)) this.warnings.push(w);
    return p.text;
  }

  align(a: Alignment): void {
    if (this.mode.align === a) return;
    this.mode.align = a;
    this.out.bytes(SELECT_JUSTIFICATION).byte(ALIGN_CODE[a]);
  }

  style(s: TextStyle | undefined): void {
    const bold = s?.bold === true;
    const underline = s?.underline === true;
    const invert = s?.invert === true;
    const size = sizeByte(s);
    if (bold !== this.mode.bold) this.out.bytes(SELECT_EMPHASIZED).byte(bold ? 1 : 0);
    if (underline !== this.mode.underline) this.out.bytes(SELECT_UNDERLINE).byte(underline ? 1 : 0);
    if (invert !== this.mode.invert) this.out.bytes(SELECT_REVERSE).byte(invert ? 1 : 0);
    if (size !== this.mode.size) this.out.bytes(SELECT_CHARACTER_SIZE).byte(size);
    Object.assign(this.mode, { bold, underline, invert, size });
  }

  private kanjiMode(on: boolean): void {
    if (on === this.kanji) return;
    this.kanji = on;
    this.out.bytes(on ? SELECT_KANJI_MODE : CANCEL_KANJI_MODE);
  }

  /**
   * Writes one line of printable text (see `printable`): ASCII as is; a code-page character after ESC t n
   * (staying in the current table when it has the character) outside Kanji mode; a CJK character in
   * Kanji mode (FS &). Kanji mode is left at the end of the line so every line starts in a known state.
   */
  line(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      let j = i;
      while (j < n && text.charCodeAt(j) < 0x80) j++;
      if (j > i) this.out.ascii(i === 0 && j === n ? text : text.slice(i, j));
      if (j >= n) break;
      const cp = text.codePointAt(j) as number;
      i = j + (cp > 0xffff ? 2 : 1);
      const route = characterRoute(cp, this.profile);
      if (route.via === 'kanji') {
        this.kanjiMode(true);
        this.out.bytes(route.bytes);
      } else if (route.via === 'code-page') {
        this.kanjiMode(false);
        const same = route.tables.find(([t]) => t === this.table);
        const [table, byte] = same ?? (route.tables[0] as readonly [number, number]);
        if (table !== this.table) {
          this.out.bytes(SELECT_CHARACTER_CODE_TABLE).byte(table);
          this.table = table;
        }
        this.out.byte(byte);
      }
      // 'ascii' never reaches here and 'none' was substituted by `printable`.
    }
    this.kanjiMode(false);
    this.out.byte(LF);
  }
}

/** Splits text into lines of at most `columns` printer columns. */
function wrap(text: string, columns: number, columnsOf: ColumnsOf): string[] {
  if (displayWidth(text, columnsOf) <= columns) return [text];
  const lines: string[] = [];
  let current = '';
  let width = 0;
  for (const ch of text) {
    const w = columnsOf(ch.codePointAt(0) ?? 0);
    if (width + w > columns && current !== '') {
      lines.push(current);
      current = '';
      width = 0;
    }
    current += ch;
    width += w;
  }
  if (current !== '') lines.push(current);
  return lines;
}

function barcodeDataValid(symbology: BarcodeSymbology, data: string): boolean {
  switch (symbology) {
    case 'UPC-A':
      return /^\d{11,12}$/.test(data);
    case 'EAN13':
      return /^\d{12,13}$/.test(data);
    case 'EAN8':
      return /^\d{7,8}$/.test(data);
    case 'CODE39':
      return /^[0-9A-Z $%*+\-./]{1,253}$/.test(data);
    case 'CODE128':
      return /^[\x20-\x7e]{1,253}$/.test(data);
  }
}

function encodeBlock(
  w: EscPosWriter,
  block: ReceiptBlock,
  lineWidth: number,
): Result<void, ReceiptEncodeFailure> {
  switch (block.kind) {
    case 'text': {
      w.align(block.align ?? 'left');
      w.style(block.style);
      const columns = block.style?.doubleWidth ? Math.floor(lineWidth / 2) : lineWidth;
      for (const line of wrap(w.printable(block.text), columns, w.columnsOf)) w.line(line);
      return ok(undefined);
    }
    case 'columns': {
      w.align('left');
      w.style(block.style);
      let text = '';
      for (const col of block.columns) {
        if (!Number.isInteger(col.width) || col.width < 0) return err('block-invalid', 'column width');
        text += fitToColumns(w.printable(col.text), col.width, col.align ?? 'left', w.columnsOf);
      }
      w.line(text);
      return ok(undefined);
    }
    case 'rule': {
      w.align('left');
      w.style(undefined);
      const ch = block.char !== undefined && /^[\x21-\x7e]$/.test(block.char) ? block.char : '-';
      w.line(ch.repeat(lineWidth));
      return ok(undefined);
    }
    case 'feed': {
      if (!Number.isInteger(block.lines) || block.lines < 0 || block.lines > 255)
        return err('block-invalid', 'feed lines');
      w.out.bytes(PRINT_AND_FEED_LINES).byte(block.lines);
      return ok(undefined);
    }
    case 'qr': {
      const data = utf8.encode(block.data);
      if (data.length === 0 || data.length > QR_MAX_BYTES)
        return err('qr-invalid', `QR data is ${data.length} bytes`);
      const size = block.moduleSize ?? 6;
      if (!Number.isInteger(size) || size < 1 || size > 16)
        return err('qr-invalid', 'module size must be 1..16');
      w.align(block.align ?? 'center');
      const storeLen = data.length + 3;
      w.out
        .bytes(SYMBOL_FUNCTION)
        .bytes([4, 0, QR_CN, QR_FN_MODEL, 50, 0])
        .bytes(SYMBOL_FUNCTION)
        .bytes([3, 0, QR_CN, QR_FN_SIZE, size])
        .bytes(SYMBOL_FUNCTION)
        .bytes([3, 0, QR_CN, QR_FN_ERROR_CORRECTION, QR_EC[block.errorCorrection ?? 'M']])
        .bytes(SYMBOL_FUNCTION)
        .bytes([storeLen & 0xff, storeLen >> 8, QR_CN, QR_FN_STORE, 0x30])
        .bytes(data)
        .bytes(SYMBOL_FUNCTION)
        .bytes([3, 0, QR_CN, QR_FN_PRINT, 0x30])
        .byte(LF);
      return ok(undefined);
    }
    case 'barcode': {
      if (!barcodeDataValid(block.symbology, block.data)) {
        return err('barcode-invalid', `${block.symbology} cannot encode ${JSON.stringify(block.data)}`);
      }
      const height = block.height ?? 80;
      if (!Number.isInteger(height) || height < 1 || height > 255)
        return err('barcode-invalid', 'height must be 1..255');
      w.align(block.align ?? 'center');
      // CODE128 data starts with "{B" to select code set B (GS k, function B, m = 73).
      const payload = block.symbology === 'CODE128' ? `{B${block.data}` : block.data;
      w.out
        .bytes(SET_BARCODE_HEIGHT)
        .byte(height)
        .bytes(SET_HRI_POSITION)
        .byte(2)
        .bytes(PRINT_BARCODE)
        .byte(BARCODE_M[block.symbology])
        .byte(payload.length)
        .ascii(payload)
        .byte(LF);
      return ok(undefined);
    }
    case 'cut':
      w.out.bytes(block.partial ? FEED_AND_CUT_PARTIAL : FEED_AND_CUT_FULL).byte(3);
      return ok(undefined);
    case 'drawer-kick':
      w.out.bytes(drawerKickCommand(block.pin ?? 2));
      return ok(undefined);
  }
}

const utf8 = new TextEncoder();

/** ESC p m t1 t2: a 100 ms on / 200 ms off pulse (t in 2 ms units), as drawer makers recommend. */
export function drawerKickCommand(pin: DrawerPin = 2): Uint8Array {
  return Uint8Array.from([...GENERATE_PULSE, pin === 2 ? 0 : 1, 50, 100]);
}

/** Encodes a receipt into ESC/POS. Pure: same receipt, same bytes. */
export function encodeReceipt(
  receipt: Receipt,
  options: ReceiptEncoderOptions = {},
): Result<EncodedReceipt, ReceiptEncodeFailure> {
  const lineWidth = options.lineWidth ?? 48;
  if (!Number.isInteger(lineWidth) || lineWidth < 8 || lineWidth > 255) {
    throw new RangeError(`lineWidth must be an integer 8..255, got ${lineWidth}`);
  }
  const w = new EscPosWriter(options.profile ?? DEFAULT_PRINTER_PROFILE);
  if (options.initialize !== false) w.out.bytes(INITIALIZE);
  for (const block of receipt.blocks) {
    const r = encodeBlock(w, block, lineWidth);
    if (!r.ok) return r;
  }
  w.align('left');
  w.style(undefined);
  return ok({ bytes: w.out.toBytes(), warnings: w.warnings });
}
