/**
 * Encoding a 40-line receipt into ESC/POS with the printer-profile path (code pages by ESC t, Kanji mode,
 * East Asian widths, substitutes), against baselines in the same run: the same 40 lines as plain UTF-8
 * bytes (TextEncoder), and @point-of-sale/receipt-printer-encoder encoding the same Latin receipt.
 * Writes the figures under the key `receipt` of bench/results/devices.json.
 * Run from the repository root: npx tsx device-drivers/bench/receipt.bench.ts
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { mergeResults } from '../../bench/merge-results.js';
import { PRINTER_PROFILES } from '../src/printer/printer-profile.js';
import type { Receipt, ReceiptBlock } from '../src/printer/receipt.js';
import { encodeReceipt } from '../src/printer/receipt-encoder.js';

const GOAL_MEDIAN_MS = 2;
const ITERATIONS = 2000;
const WARMUP = 300;
/** receipt-printer-encoder takes a few hundred ms per receipt here: fewer runs of it. */
const LIBRARY_ITERATIONS = 20;
const LIBRARY_WARMUP = 3;

function fortyLineReceipt(chinese: boolean): Receipt {
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: 'STOREFLOOR MARKET', align: 'center', style: { bold: true, doubleWidth: true } },
    { kind: 'text', text: chinese ? '收银台 3 号 — 欢迎光临' : 'Kasse 3 — Grüß Gott', align: 'center' },
    { kind: 'rule' },
  ];
  for (let i = 0; i < 34; i++) {
    const special = chinese ? `苹果 Apples ${i}` : `Crème brûlée €${i}`;
    const name = i % 4 === 0 ? special : `Item number ${i} long name`;
    blocks.push({
      kind: 'columns',
      columns: [
        { text: name, width: 36 },
        { text: `${(i * 37) % 100}.${String(i % 100).padStart(2, '0')}`, width: 12, align: 'right' },
      ],
    });
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'text', text: 'TOTAL EUR 123.45', style: { bold: true } },
    { kind: 'text', text: 'Thank you', align: 'center' },
    { kind: 'barcode', symbology: 'CODE128', data: 'SALE-0190-ABC' },
    { kind: 'qr', data: 'https://r.example/0190-abc' },
    { kind: 'cut' },
  );
  return { blocks };
}

function plainLines(receipt: Receipt): string[] {
  return receipt.blocks.flatMap((b) => {
    if (b.kind === 'text') return [b.text];
    if (b.kind === 'columns') return [b.columns.map((c) => c.text).join(' ')];
    if (b.kind === 'rule') return ['-'.repeat(48)];
    return [];
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function measure(fn: () => unknown, iterations = ITERATIONS, warmup = WARMUP): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** The same Latin receipt through receipt-printer-encoder (code page 'auto' over the profile's pages). */
function withLibrary(receipt: Receipt): Uint8Array {
  const e = new ReceiptPrinterEncoder({
    printerModel: 'epson-tm-t88vi',
    columns: 48,
    codepageCandidates: PRINTER_PROFILES['epson-western'].codePages.map((c) => c.codepage),
  });
  e.initialize().codepage('auto');
  for (const b of receipt.blocks) {
    if (b.kind === 'text')
      e.align(b.align ?? 'left')
        .bold(b.style?.bold === true)
        .line(b.text);
    else if (b.kind === 'columns')
      e.table(
        b.columns.map((c) => ({ width: c.width, align: c.align ?? 'left' })),
        [b.columns.map((c) => c.text)],
      );
    else if (b.kind === 'rule') e.rule();
    else if (b.kind === 'barcode') e.barcode(b.data, 'code128', 80);
    else if (b.kind === 'qr') e.qrcode(b.data);
    else if (b.kind === 'cut') e.cut();
  }
  return e.encode();
}

const textEncoder = new TextEncoder();

function run(chinese: boolean) {
  const receipt = fortyLineReceipt(chinese);
  const profile = PRINTER_PROFILES[chinese ? 'chinese-gb18030' : 'epson-western'];
  const lines = plainLines(receipt);
  const baseline = measure(() => textEncoder.encode(`${lines.join('\n')}\n`));
  const encoded = measure(() => {
    const r = encodeReceipt(receipt, { profile });
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  });
  const sample = encodeReceipt(receipt, { profile });
  const encodeMedian = median(encoded);
  const baselineMedian = median(baseline);
  return {
    profile: profile.id,
    lines: lines.length,
    bytes: sample.ok ? sample.value.bytes.length : 0,
    warnings: sample.ok ? sample.value.warnings.length : -1,
    encodeMedianMs: Number(encodeMedian.toFixed(4)),
    encodeP95Ms: Number([...encoded].sort((a, b) => a - b)[Math.floor(ITERATIONS * 0.95)]?.toFixed(4)),
    baselineMedianMs: Number(baselineMedian.toFixed(4)),
    ratioToBaseline: Number((encodeMedian / baselineMedian).toFixed(2)),
    meetsGoal: encodeMedian <= GOAL_MEDIAN_MS,
    receipt,
  };
}

const chinese = run(true);
const western = run(false);
const library = measure(() => withLibrary(western.receipt), LIBRARY_ITERATIONS, LIBRARY_WARMUP);
const libraryMedian = median(library);

const strip = ({ receipt: _r, ...figures }: ReturnType<typeof run>) => figures;
const figures = {
  description:
    'encode a 40-line receipt (styles, columns, code pages or GB18030 Kanji, barcode, QR, cut) into ESC/POS with the printer-profile path',
  iterations: ITERATIONS,
  baseline: 'the same lines as plain UTF-8 bytes (TextEncoder), measured in the same run',
  chinese: strip(chinese),
  western: strip(western),
  library: {
    description: '@point-of-sale/receipt-printer-encoder 4.0.1 encoding the western receipt (same run)',
    iterations: LIBRARY_ITERATIONS,
    encodeMedianMs: Number(libraryMedian.toFixed(4)),
    libraryToOurs: Number((libraryMedian / western.encodeMedianMs).toFixed(0)),
  },
  goal: { encodeMedianMs: GOAL_MEDIAN_MS },
  meetsGoal: chinese.meetsGoal && western.meetsGoal,
  measuredAt: new Date().toISOString(),
  node: process.version,
};

mergeResults('devices.json', { receipt: figures });
console.log(JSON.stringify(figures, null, 2));
