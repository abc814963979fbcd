/// <reference types="node" />
/**
 * parseBarcode throughput on a realistic lane mix, against a bare GS1 check-digit pass over the same strings
 * measured in the same run. Run: `npx tsx core/bench/barcode.bench.ts`. Writes the `barcode` key of
 * bench/results/core.json (read-modify-write: other core benches own other keys).
 */
import { mergeResults } from '../../bench/merge-results.js';
import { withGs1CheckDigit } from '../src/barcode/check-digit.js';
import { renderDigitalLink } from '../src/barcode/gs1-digital-link.js';
import { renderGs1ElementString } from '../src/barcode/gs1-element-string.js';
import { renderGtin } from '../src/barcode/gtin.js';
import { parseBarcode } from '../src/barcode/parse-barcode.js';
import { DEFAULT_VARIABLE_MEASURE_RULES, renderVariableMeasure } from '../src/barcode/variable-measure.js';

const GOAL_CODES_PER_SECOND = 200_000;

/** Deterministic PRNG (mulberry32) so every run parses the same mix. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildMix(count: number): string[] {
  const random = prng(42);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.55) codes.push(withGs1CheckDigit(`${3 + Math.floor(random() * 6)}${digits(11)}`));
    else if (r < 0.65)
      codes.push(renderGtin(withGs1CheckDigit(`00${digits(11)}`).padStart(14, '0'), 'upc-a'));
    else if (r < 0.7) codes.push(`]E4${withGs1CheckDigit(`${4 + Math.floor(random() * 5)}${digits(6)}`)}`);
    else if (r < 0.8) {
      const rule = DEFAULT_VARIABLE_MEASURE_RULES[Math.floor(random() * 2)]!;
      codes.push(
        renderVariableMeasure(
          rule,
          `${rule.pattern.slice(0, 2)}${digits(11)}`,
          Math.floor(random() * 20_000),
        ),
      );
    } else if (r < 0.9) {
      const elements = [
        { ai: '01', value: withGs1CheckDigit(`0${digits(12)}`) },
        { ai: '3103', value: digits(6) },
        { ai: '17', value: `2${Math.floor(random() * 10)}1231` },
        { ai: '10', value: `L${digits(5)}` },
      ];
      codes.push(renderGs1ElementString(elements, { symbology: random() < 0.5 ? ']C1' : ']e0' }));
    } else if (r < 0.94) {
      codes.push(
        renderDigitalLink([
          { ai: '01', value: withGs1CheckDigit(`0${digits(12)}`) },
          { ai: '10', value: `B${digits(4)}` },
        ]),
      );
    } else if (r < 0.98) codes.push(withGs1CheckDigit(`042${digits(9)}`));
    else codes.push(`${digits(12)}${random() < 0.5 ? 'X' : ''}`); // misreads and typos
  }
  return codes;
}

/** The baseline: one mod-10 pass over the digits of each string, the least any barcode reader does. */
function bareCheckDigits(codes: readonly string[]): number {
  let acc = 0;
  for (const code of codes) {
    let sum = 0;
    let weight = 3;
    for (let i = code.length - 1; i >= 0; i--) {
      const d = code.charCodeAt(i) - 48;
      if (d < 0 || d > 9) continue;
      sum += d * weight;
      weight = 4 - weight;
    }
    acc += sum % 10;
  }
  return acc;
}

function parseAll(codes: readonly string[]): number {
  let accepted = 0;
  for (const code of codes) if (parseBarcode(code).ok) accepted++;
  return accepted;
}

function rate(run: () => number, codes: number): { perSecond: number; sink: number } {
  const start = process.hrtime.bigint();
  const sink = run();
  return { perSecond: (codes * 1e9) / Number(process.hrtime.bigint() - start), sink };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const codes = buildMix(20_000);
// Warm both paths up, then alternate them so drift on a shared machine hits both alike.
for (let i = 0; i < 3; i++) {
  parseAll(codes);
  bareCheckDigits(codes);
}
const parseRates: number[] = [];
const baselineRates: number[] = [];
let sink = 0;
for (let round = 0; round < 21; round++) {
  const p = rate(() => parseAll(codes), codes.length);
  const b = rate(() => bareCheckDigits(codes), codes.length);
  parseRates.push(p.perSecond);
  baselineRates.push(b.perSecond);
  sink += p.sink + b.sink;
}
const parse = { median: median(parseRates) };
const baseline = { median: median(baselineRates) };
const accepted = parseAll(codes);
if (sink < 0) console.log(sink);

const section = {
  description:
    'parseBarcode on a lane mix: 55% EAN-13, 10% UPC-A, 5% EAN-8 (]E4), 10% variable-measure, 10% GS1-128/DataBar, 4% Digital Link, 4% member cards, 2% misreads',
  codes: codes.length,
  accepted,
  parseCodesPerSecond: Math.round(parse.median),
  baselineCodesPerSecond: Math.round(baseline.median),
  baseline: 'one bare GS1 mod-10 pass over the digits of the same strings',
  ratioToBaseline: Number((parse.median / baseline.median).toFixed(4)),
  goal: {
    parseCodesPerSecond: GOAL_CODES_PER_SECOND,
    why: 'a lane scans ~5 codes/s; the edge re-reads a day of journals (~10^6 scans) in seconds',
  },
  meetsGoal: parse.median >= GOAL_CODES_PER_SECOND,
  node: process.version,
  measuredAt: new Date().toISOString(),
};

mergeResults('core.json', { barcode: section });
console.log(JSON.stringify(section, null, 2));
