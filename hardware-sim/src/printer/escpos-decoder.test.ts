import { encodeReceipt } from '@storefloor/device-drivers';
import fc from 'fast-check';
import ThermalPrinterModule from 'node-thermal-printer';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder, type EscPosEvent } from './escpos-decoder.js';
import { type PrintedReceipt, ReceiptAssembler, receiptText } from './printed-receipt.js';
import { renderReceiptPng } from './receipt-png.js';

function decodeAll(
  bytes: Uint8Array,
  chunk = bytes.length || 1,
): { events: EscPosEvent[]; receipts: PrintedReceipt[] } {
  const d = new EscPosDecoder();
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

const sample = {
  blocks: [
    { kind: 'text', text: 'STOREFLOOR MARKET', align: 'center', style: { bold: true, doubleWidth: true } },
    { kind: 'text', text: '收银台 3 号 — 欢迎光临' },
    {
      kind: 'columns',
      columns: [
        { text: 'Milk 1L', width: 38 },
        { text: '1.29', width: 10, align: 'right' },
      ],
    },
    {
      kind: 'columns',
      columns: [
        { text: '苹果 Apples', width: 38 },
        { text: '3.50', width: 10, align: 'right' },
      ],
    },
    { kind: 'rule' },
    { kind: 'text', text: 'TOTAL EUR 4.79', style: { bold: true, underline: true } },
    { kind: 'barcode', symbology: 'EAN13', data: '4006381333931' },
    { kind: 'qr', data: 'https://r.example/0190-abc' },
    { kind: 'drawer-kick', pin: 2 },
    { kind: 'cut' },
  ],
} as const;

describe('EscPosDecoder', () => {
  it('decodes our encoder output into the receipt lines, styles, GB18030 text and codes', () => {
    const bytes = encodeReceipt(sample);
    if (!bytes.ok) throw new Error(bytes.reason);
    const { events, receipts } = decodeAll(bytes.value.bytes);
    expect(receipts).toHaveLength(1);
    const text = receiptText(receipts[0] as PrintedReceipt);
    expect(text).toContain('STOREFLOOR MARKET');
    expect(text).toContain('收银台 3 号 — 欢迎光临');
    expect(text).toContain(`Milk 1L${' '.repeat(31)}${' '.repeat(6)}1.29`);
    expect(text).toContain(`苹果 Apples${' '.repeat(27)}      3.50`);
    expect(text).toContain('[EAN13: 4006381333931]');
    expect(text).toContain('[QR: https://r.example/0190-abc]');
    const title = receipts[0]?.lines.find((l) => l.spans.some((s) => s.text === 'STOREFLOOR MARKET'));
    expect(title?.align).toBe('center');
    expect(title?.spans[0]).toMatchObject({ bold: true, widthMultiplier: 2 });
    expect(events.filter((e) => e.kind === 'drawer-kick')).toEqual([
      { kind: 'drawer-kick', pin: 2, onMs: 100, offMs: 200 },
    ]);
  });

  it('gives the same result whatever the chunking of the stream', () => {
    const bytes = encodeReceipt(sample);
    if (!bytes.ok) throw new Error(bytes.reason);
    const whole = receiptText(decodeAll(bytes.value.bytes).receipts[0] as PrintedReceipt);
    for (const chunk of [1, 2, 3, 7, 64]) {
      expect(receiptText(decodeAll(bytes.value.bytes, chunk).receipts[0] as PrintedReceipt)).toBe(whole);
    }
  });

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
    const bytes = encodeReceipt(sample);
    if (!bytes.ok) throw new Error(bytes.reason);
    const receipt = decodeAll(bytes.value.bytes).receipts[0] as PrintedReceipt;
    const png = PNG.sync.read(renderReceiptPng(receipt));
    expect(png.width).toBe(48 * 6 * 2 + 16);
    let black = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 0) black++;
    expect(black).toBeGreaterThan(1000);
  });

  it('never throws on random or truncated input, and keeps decoding plain text after garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 17 }), (garbage, chunk) => {
        decodeAll(garbage, chunk);
      }),
      { numRuns: 400 },
    );
    const good = encodeReceipt(sample);
    if (!good.ok) throw new Error(good.reason);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.value.bytes.length }), (cut) => {
        decodeAll(good.value.bytes.subarray(0, cut), 5);
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
          const bytes = new Uint8Array([...garbage, 0x0a, ...good.value.bytes]);
          const receipts = decodeAll(bytes, 9).receipts;
          expect(receiptText(receipts.at(-1) as PrintedReceipt)).toContain('TOTAL EUR 4.79');
        },
      ),
      { numRuns: 200 },
    );
  });
});

function lineHas(line: PrintedReceipt['lines'][number], text: string): boolean {
  return line.spans.some((s) => s.text.includes(text));
}
