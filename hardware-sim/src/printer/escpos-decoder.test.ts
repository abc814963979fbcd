import fc from 'fast-check';
import ThermalPrinterModule from 'node-thermal-printer';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { bytesOf, REFERENCES } from '../../test/fixtures/escpos-references.js';
import { EscPosDecoder, type EscPosEvent } from './escpos-decoder.js';
import { type PrintedReceipt, ReceiptAssembler, receiptText } from './printed-receipt.js';
import { SIM_PRINTER_MODELS, type SimPrinterModelId } from './printer-model.js';
import { renderReceiptPng } from './receipt-png.js';

function decodeAll(
  bytes: Uint8Array,
  chunk = bytes.length || 1,
  model: SimPrinterModelId = 'chinese-gb18030',
): { events: EscPosEvent[]; receipts: PrintedReceipt[] } {
  const d = new EscPosDecoder(SIM_PRINTER_MODELS[model]);
  const a = new ReceiptAssembler();
  const events: EscPosEvent[] = [];
  const receipts: PrintedReceipt[] = [];
  for (let i = 0; i < bytes.length; i += chunk) {
    for (const e of d.push(bytes.subarray(i, i + chunk))) {
      events.push(e);
      const r = a.accept(e);
      if (r) receipts.push(r);
    }
  }
  return { events, receipts };
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const cat = (...names: (keyof typeof REFERENCES)[]) => concat(...names.map((n) => bytesOf(REFERENCES[n])));

/** Text of a stream that was not cut: a cut is appended so the assembler hands the receipt over. */
function printedText(bytes: Uint8Array, model: SimPrinterModelId = 'chinese-gb18030'): string {
  const { receipts } = decodeAll(concat(bytes, Uint8Array.of(0x1d, 0x56, 0x00)), bytes.length + 3, model);
  return receiptText(receipts[0] as PrintedReceipt);
}

/** A whole receipt made only of bytes other encoders wrote (see test/fixtures/escpos-references.ts). */
const referenceReceipt = cat(
  'rpeInitialize',
  'ntpPc858',
  'ntpWpc1252',
  'ntpPc866',
  'ntpChina',
  'rpeEan13',
  'ntpCode128',
  'rpeQr',
  'rpePulse',
  'ntpCut',
);

const referenceText = [
  'Café €5 Müller',
  'Grüße – 3 €',
  'Молоко 1 л',
  '苹果 3.50',
  '[EAN13: 4006381333931]',
  '', // receipt-printer-encoder ends its barcode with a line feed
  '[CODE128: SALE-0042]',
  '[QR: https://r.example/0190-abc]',
].join('\n');

describe("EscPosDecoder reads other encoders' bytes (golden fixtures)", () => {
  it('honours ESC t: PC858, WPC1252 and PC866 text from node-thermal-printer', () => {
    expect(printedText(bytesOf(REFERENCES.ntpPc858), 'epson-western')).toBe('Café €5 Müller');
    expect(printedText(bytesOf(REFERENCES.ntpWpc1252), 'epson-western')).toBe('Grüße – 3 €');
    expect(printedText(bytesOf(REFERENCES.ntpPc866), 'epson-western')).toBe('Молоко 1 л');
    expect(printedText(bytesOf(REFERENCES.rpeCp866), 'epson-western')).toBe('Молоко 1 л');
  });

  it('reads the China character set (ESC R 15) on a Chinese model; an ANK model prints its code page instead', () => {
    expect(printedText(bytesOf(REFERENCES.ntpChina), 'chinese-gb18030')).toBe('苹果 3.50');
    expect(printedText(bytesOf(REFERENCES.ntpChina), 'chinese-gbk')).toBe('苹果 3.50');
    // What a Western printer really does with those bytes: PC437 characters, the garble cashiers report.
    expect(printedText(bytesOf(REFERENCES.ntpChina), 'epson-western')).toBe('╞╗╣√ 3.50');
  });

  it('decodes GS k function A and B barcodes, with CODE128 code sets', () => {
    for (const name of ['rpeEan13', 'ntpEan13'] as const)
      expect(printedText(bytesOf(REFERENCES[name]))).toBe('[EAN13: 4006381333931]');
    for (const name of ['rpeCode128', 'ntpCode128'] as const)
      expect(printedText(bytesOf(REFERENCES[name]))).toBe('[CODE128: SALE-0042]');
    // GS k 73 with "{A" then "{C" (code set C: one byte per digit pair), per the reference's CODE128 notes.
    const mixed = Uint8Array.of(0x1d, 0x6b, 73, 8, 0x7b, 0x41, 0x4e, 0x4f, 0x7b, 0x43, 12, 5);
    expect(printedText(mixed)).toBe('[CODE128: NO1205]');
  });

  it('decodes GS ( k QR codes from both encoders', () => {
    expect(printedText(bytesOf(REFERENCES.ntpQr))).toBe('[QR: QR-REF-1]');
    expect(printedText(bytesOf(REFERENCES.rpeQr))).toBe('[QR: https://r.example/0190-abc]');
  });

  it('decodes GS V cuts and ESC p drawer kicks', () => {
    const full = decodeAll(bytesOf(REFERENCES.ntpCut)).events.filter((e) => e.kind === 'cut');
    const partial = decodeAll(bytesOf(REFERENCES.ntpPartialCut)).events.filter((e) => e.kind === 'cut');
    const rpe = decodeAll(bytesOf(REFERENCES.rpeCut)).events.filter((e) => e.kind === 'cut');
    expect([...full, ...partial, ...rpe]).toEqual([
      { kind: 'cut', partial: false },
      { kind: 'cut', partial: true },
      { kind: 'cut', partial: false },
    ]);
    // ESC p 0 50 250: pin 2, 100 ms on, 500 ms off (t1, t2 in 2 ms units).
    expect(decodeAll(bytesOf(REFERENCES.rpePulse)).events).toEqual([
      { kind: 'drawer-kick', pin: 2, onMs: 100, offMs: 500 },
    ]);
  });

  it('prints a whole receipt assembled from reference bytes into the right text', () => {
    const { receipts, events } = decodeAll(referenceReceipt);
    expect(receipts).toHaveLength(1);
    expect(receiptText(receipts[0] as PrintedReceipt)).toBe(referenceText);
    expect(events.filter((e) => e.kind === 'malformed' || e.kind === 'unknown-command')).toEqual([]);
  });
});

describe('EscPosDecoder text modes', () => {
  const gs = (n: number) => [0x1d, 0x21, n];
  it('reads ESC ! and GS ! character sizes', () => {
    // ESC ! n: bit 3 emphasized, bit 4 double height, bit 5 double width, bit 7 underline.
    // GS ! n: bits 4-6 width multiplier - 1, bits 0-2 height multiplier - 1.
    const bytes = Uint8Array.from([
      0x1b,
      0x21,
      0xb8,
      0x41,
      0x0a,
      ...gs(0x23),
      0x42,
      0x0a,
      ...gs(0),
      0x43,
      0x0a,
      0x1d,
      0x56,
      0,
    ]);
    const r = decodeAll(bytes).receipts[0] as PrintedReceipt;
    expect(r.lines.map((l) => l.spans[0])).toMatchObject([
      { text: 'A', bold: true, underline: true, widthMultiplier: 2, heightMultiplier: 2 },
      { text: 'B', widthMultiplier: 3, heightMultiplier: 4 },
      { text: 'C', widthMultiplier: 1, heightMultiplier: 1 },
    ]);
  });

  it('reads FS & Kanji mode as GB18030 (four-byte codes too) and marks the characters wide', () => {
    // 㐀 U+3400 is GB18030 81 39 EE 39; ASCII inside Kanji mode stays single-byte.
    const bytes = Uint8Array.of(
      0x1c,
      0x26,
      0xd6,
      0xd0,
      0x20,
      0x81,
      0x39,
      0xee,
      0x39,
      0x1c,
      0x2e,
      0x0a,
      0x1d,
      0x56,
      0,
    );
    const r = decodeAll(bytes).receipts[0] as PrintedReceipt;
    expect(receiptText(r)).toBe('中 㐀');
    expect(r.lines[0]?.spans.map((s) => [s.text, s.wide])).toEqual([
      ['中', true],
      [' ', false],
      ['㐀', true],
    ]);
  });

  it('garbles a four-byte code on a GBK-only model, as that firmware does (¥ as GB18030 81 30 84 36)', () => {
    const yen = Uint8Array.of(0x1c, 0x26, 0x81, 0x30, 0x84, 0x36, 0x31, 0x1c, 0x2e);
    expect(printedText(yen, 'chinese-gbk')).toBe('\ufffd0\ufffd61');
    expect(printedText(yen, 'chinese-gb18030')).toBe('¥1');
  });

  it('keeps the code table it has when ESC t asks for one the model lacks, and says so', () => {
    const bytes = Uint8Array.of(0x1b, 0x74, 0x13, 0xd5, 0x1b, 0x74, 0x63, 0xd5, 0x0a, 0x1d, 0x56, 0);
    const { events, receipts } = decodeAll(bytes, bytes.length, 'chinese-gbk');
    expect(receiptText(receipts[0] as PrintedReceipt)).toBe('╒╒');
    expect(
      events.filter((e) => e.kind === 'malformed').map((e) => e.kind === 'malformed' && e.reason),
    ).toEqual(['code table 19 not on this printer', 'code table 99 not on this printer']);
  });

  it('gives the same result whatever the chunking of the stream', () => {
    const whole = receiptText(decodeAll(referenceReceipt).receipts[0] as PrintedReceipt);
    for (const chunk of [1, 2, 3, 7, 64]) {
      expect(receiptText(decodeAll(referenceReceipt, chunk).receipts[0] as PrintedReceipt)).toBe(whole);
    }
  });
});

describe('EscPosDecoder', () => {
  it('decodes what node-thermal-printer itself produces (a reference we did not write)', () => {
    const { printer: ThermalPrinter, types } = ThermalPrinterModule as unknown as {
      printer: new (
        c: object,
      ) => {
        alignCenter(): void;
        alignLeft(): void;
        bold(on: boolean): void;
        underline(on: boolean): void;
        setTextDoubleWidth(): void;
        setTextNormal(): void;
        println(s: string): void;
        tableCustom(rows: object[]): void;
        code128(data: string): void;
        printQR(data: string): void;
        openCashDrawer(): void;
        cut(): void;
        getBuffer(): Buffer;
      };
      types: { EPSON: string };
    };
    const p = new ThermalPrinter({ type: types.EPSON, interface: 'tcp://127.0.0.1:9', width: 48 });
    p.alignCenter();
    p.setTextDoubleWidth();
    p.bold(true);
    p.println('REFERENCE SHOP');
    p.bold(false);
    p.setTextNormal();
    p.alignLeft();
    p.underline(true);
    p.println('Bread');
    p.underline(false);
    p.tableCustom([
      { text: 'Cheese', align: 'LEFT', width: 0.5 },
      { text: '4.20', align: 'RIGHT', width: 0.5 },
    ]);
    p.code128('SALE-0042');
    p.printQR('QR-REF-1');
    p.openCashDrawer();
    p.cut();
    const { events, receipts } = decodeAll(new Uint8Array(p.getBuffer()));
    expect(receipts).toHaveLength(1);
    const r = receipts[0] as PrintedReceipt;
    const text = receiptText(r);
    expect(text).toContain('REFERENCE SHOP');
    expect(text).toMatch(/Cheese\s+4\.20/);
    expect(text).toContain('[CODE128: SALE-0042]');
    expect(text).toContain('[QR: QR-REF-1]');
    expect(r.lines.find((l) => lineHas(l, 'REFERENCE SHOP'))).toMatchObject({ align: 'center' });
    expect(r.lines.find((l) => lineHas(l, 'Bread'))?.spans.find((s) => s.text === 'Bread')?.underline).toBe(
      true,
    );
    // node-thermal-printer 4.6 sends ESC p 0 and ESC p 1 without t1 t2 (1B 70 00 1B 70 01): read by the
    // reference's rule, the second command's "1B 70" become the first pulse's times and its "01" is left over.
    expect(events.filter((e) => e.kind === 'drawer-kick')).toEqual([
      { kind: 'drawer-kick', pin: 2, onMs: 54, offMs: 224 },
    ]);
    expect(events.filter((e) => e.kind === 'unknown-command' || e.kind === 'malformed')).toEqual([
      { kind: 'unknown-command', bytes: [0x01] },
    ]);
  });

  it('reads DLE EOT and GS ( H requests in the stream', () => {
    const bytes = Uint8Array.from([
      0x10, 0x04, 0x02, 0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x41, 0x42, 0x43, 0x44,
    ]);
    expect(decodeAll(bytes).events).toEqual([
      { kind: 'status-request', n: 2 },
      { kind: 'process-id-request', processId: 'ABCD' },
    ]);
  });

  it('renders a receipt as a PNG of the paper width with ink on it', () => {
    const receipt = decodeAll(referenceReceipt).receipts[0] as PrintedReceipt;
    const png = PNG.sync.read(renderReceiptPng(receipt));
    // 48 columns of font A's 12-dot cell plus a 12-dot margin each side.
    expect(png.width).toBe(48 * 12 + 24);
    let black = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] as number) < 128) black++;
    expect(black).toBeGreaterThan(5000);
  });

  it('draws each CJK character with its own glyph (a real font, not a box per character)', () => {
    const ink = (text: string) => {
      const kanji: number[] = [];
      const gb = { 中: [0xd6, 0xd0], 国: [0xb9, 0xfa], 人: [0xc8, 0xcb] } as const;
      for (const ch of text) kanji.push(...gb[ch as keyof typeof gb]);
      const bytes = Uint8Array.from([0x1c, 0x26, ...kanji, 0x1c, 0x2e, 0x0a, 0x1d, 0x56, 0x00]);
      const png = PNG.sync.read(renderReceiptPng(decodeAll(bytes).receipts[0] as PrintedReceipt));
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] as number) < 128) n++;
      return n;
    };
    const counts = ['中', '国', '人'].map(ink);
    expect(new Set(counts).size).toBe(3);
    for (const n of counts) expect(n).toBeGreaterThan(40);
  });

  it('never throws on random or truncated input, and keeps decoding plain text after garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 17 }), (garbage, chunk) => {
        decodeAll(garbage, chunk);
      }),
      { numRuns: 400 },
    );
    const good = referenceReceipt;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length }), (cut) => {
        decodeAll(good.subarray(0, cut), 5);
      }),
      { numRuns: 200 },
    );
    // Garbage made only of text and harmless control bytes cannot swallow the next receipt.
    fc.assert(
      fc.property(
        fc
          .uint8Array({ maxLength: 100 })
          .map((a) => a.filter((b) => b !== 0x1b && b !== 0x1d && b !== 0x1c && b !== 0x10)),
        (garbage) => {
          const bytes = new Uint8Array([...garbage, 0x0a, ...good]);
          const receipts = decodeAll(bytes, 9).receipts;
          expect(receiptText(receipts.at(-1) as PrintedReceipt)).toContain('Молоко 1 л');
        },
      ),
      { numRuns: 200 },
    );
  });
});

function lineHas(line: PrintedReceipt['lines'][number], text: string): boolean {
  return line.spans.some((s) => s.text.includes(text));
}
