/**
 * Label rendering bench: ms per label for content + drawing + baseline JPEG (Skia's encoder), per panel,
 * beside a baseline measured in the same run: the same rendered labels encoded by device-drivers'
 * `encodeLabelJpeg` (jpeg-js), which is what the renderer would cost with the pure-JS encoder.
 * Run: npx tsx edge-agent/src/shelf-labels/bench/label-render-bench.ts  → bench/results/edge-labels.json
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeLabelJpeg } from '@storefloor/device-drivers';
import { LABEL_TYPES, type LabelType } from '../label-type.js';
import { renderShelfLabel } from '../render-shelf-label.js';
import { shelfLabelContent } from '../shelf-label-content.js';
import { milk, NOON, offer, percentOff, price } from '../shelf-label-fixtures.test-support.js';

const LABELS = 300;
/** Issue 14: 10,000 labels re-rendered and pushed in 60 s: 6 ms a label for everything. */
const GOAL_MS_PER_LABEL = 6;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
}

async function measure(type: LabelType) {
  // Warm-up: fonts registered, barcode cached, JIT warm.
  for (let i = 0; i < 20; i++)
    await renderShelfLabel(shelfLabelContent(offer(milk, price('p-milk', 1000 + i)), NOON), type);
  const times: number[] = [];
  for (let i = 0; i < LABELS; i++) {
    // Every label a new price, so nothing is cached but the barcode (as after an import touching all).
    const promotions = i % 3 === 0 ? [percentOff(`promo-${i}`, 'p-milk', 1500)] : [];
    const t0 = performance.now();
    const content = shelfLabelContent(offer(milk, price('p-milk', 1100 + i), promotions), NOON);
    await renderShelfLabel(content, type);
    times.push(performance.now() - t0);
  }
  const sample = await renderShelfLabel(shelfLabelContent(offer(milk, price('p-milk', 999)), NOON), type);
  const base: number[] = [];
  for (let i = 0; i < LABELS / 10; i++) {
    const t0 = performance.now();
    encodeLabelJpeg(sample.bitmap);
    base.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const median = percentile(times, 50);
  const baselineMedian = percentile(base, 50);
  return {
    labels: LABELS,
    renderMedianMs: round(median),
    renderP99Ms: round(percentile(times, 99)),
    baseline: 'encodeLabelJpeg (jpeg-js) of the same rendered label alone, same run',
    baselineMedianMs: round(baselineMedian),
    ratioToBaseline: round(median / baselineMedian),
    goal: {
      renderMedianMs: GOAL_MS_PER_LABEL,
      why: '10,000 labels after an import in 60 s (issue 14), rendering alone must fit in it',
    },
    meetsGoal: median <= GOAL_MS_PER_LABEL,
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  };
}

const results: Record<string, unknown> = {};
for (const type of Object.values(LABEL_TYPES) as LabelType[]) {
  if (type.id === '2.9-bw') continue;
  results[`render-${type.id}`] = {
    description: `shelfLabelContent + renderShelfLabel on a ${type.width}x${type.height} panel`,
    ...(await measure(type)),
  };
}
const out = join(dirname(fileURLToPath(import.meta.url)), '../../../../bench/results/edge-labels.json');
writeFileSync(
  out,
  `${JSON.stringify({ ...results, node: process.version, measuredAt: new Date().toISOString() }, null, 2)}\n`,
);
console.log(JSON.stringify(results, null, 2));
