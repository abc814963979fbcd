/**
 * Encoding a 40-line receipt into ESC/POS, against a baseline in the same run: the same 40 lines as
 * plain UTF-8 bytes. Writes the figures under the key `receipt` of bench/results/devices.json.
 * Run from the repository root: npx tsx device-drivers/bench/receipt.bench.ts
 */
import { mergeResults } from '../../bench/merge-results.js';
import type { Receipt, ReceiptBlock } from '../src/printer/receipt.js';
import { encodeReceipt } from '../src/printer/receipt-encoder.js';

const GOAL_MEDIAN_MS = 2;
const ITERATIONS = 2000;
const WARMUP = 300;

function fortyLineReceipt(): Receipt {
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: 'STOREFLOOR MARKET', align: 'center', style: { bold: true, doubleWidth: true } },
    { kind: 'text', text: '收银台 3 号 — 欢迎光临', align: 'center' },
    { kind: 'rule' },
  ];
  for (let i = 0; i < 34; i++) {
    const name = i % 4 === 0 ? `苹果 Apples ${i}` : `Item number ${i} long name`;
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

function measure(fn: () => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

const receipt = fortyLineReceipt();
const lines = plainLines(receipt);
const textEncoder = new TextEncoder();
const baseline = measure(() => textEncoder.encode(`${lines.join('\n')}\n`));
const encoded = measure(() => {
  const r = encodeReceipt(receipt);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
});
const sample = encodeReceipt(receipt);
const encodeMedian = median(encoded);
const baselineMedian = median(baseline);

const figures = {
  description: 'encode a 40-line receipt (styles, columns, GB18030 text, barcode, QR, cut) into ESC/POS',
  lines: lines.length,
  bytes: sample.ok ? sample.value.bytes.length : 0,
  iterations: ITERATIONS,
  encodeMedianMs: Number(encodeMedian.toFixed(4)),
  encodeP95Ms: Number([...encoded].sort((a, b) => a - b)[Math.floor(ITERATIONS * 0.95)]?.toFixed(4)),
  baseline: 'the same lines as plain UTF-8 bytes (TextEncoder)',
  baselineMedianMs: Number(baselineMedian.toFixed(4)),
  ratioToBaseline: Number((encodeMedian / baselineMedian).toFixed(2)),
  goal: { encodeMedianMs: GOAL_MEDIAN_MS },
  meetsGoal: encodeMedian <= GOAL_MEDIAN_MS,
  measuredAt: new Date().toISOString(),
  node: process.version,
};

mergeResults('devices.json', { receipt: figures });
console.log(JSON.stringify(figures, null, 2));
