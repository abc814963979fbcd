/**
 * Device benchmarks → bench/results/devices.json (read-modify-write: other areas add their own keys).
 *   scaleLatency   PUT stable weight on the simulated Toledo scale → driver `data` event, over a real pty
 *                  at 9600 7E1, against the bytes-on-the-wire floor (frame chars × 10 bits / 9600).
 *   scannerDecode  codes/s of the AIM serial decoder and the wedge decoder, each against a minimal
 *                  baseline doing the least possible work on the same input in the same run.
 */
import { type RunningSimulator, startSimulator } from '@storefloor/hardware-sim';
import { mergeResults } from '../../bench/merge-results.js';
import { ScaleDevice } from '../src/scale/scale-device.js';
import { TOLEDO_8217 } from '../src/scale/scale-protocol.js';
import { encodeToledo8217Command } from '../src/scale/toledo-8217-codec.js';
import { AimSerialDecoder, encodeAimScan } from '../src/scanner/aim-serial-codec.js';
import { WedgeDecoder } from '../src/scanner/wedge-decoder.js';
import { SerialTransport } from '../src/transport/serial-transport.js';

const BAUD = 9600;
const BITS_PER_CHAR = 10;
const POLL_INTERVAL_MS = 10;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

async function scaleLatency(runs: number) {
  const sim: RunningSimulator = await startSimulator({
    port: 0,
    config: { devices: [{ id: 'scale-1', kind: 'scale', protocol: 'toledo-8217' }] },
  });
  const path = sim.registry.get('scale-1')?.endpoint().path ?? '';
  const scale = new ScaleDevice(
    { id: 'scale-1', protocol: TOLEDO_8217, pollIntervalMs: POLL_INTERVAL_MS },
    new SerialTransport({ path, ...TOLEDO_8217.line }),
  );
  await scale.open();
  await scale.claim();
  await scale.enable();
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      const grams = 1000 + i;
      const arrived = new Promise<number>((resolve) => {
        const off = scale.on('data', (w) => {
          if (w.grams === grams) {
            off();
            resolve(performance.now());
          }
        });
      });
      const start = performance.now();
      const response = await fetch(`${sim.url}/devices/scale-1/weight`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grams, stable: true }),
      });
      if (!response.ok) throw new Error(`PUT weight failed: ${response.status}`);
      samples.push((await arrived) - start);
    }
  } finally {
    await scale.shutdown();
    await sim.stop();
  }
  // The reply to W for 1.000 kg is `STX 01.000 CR` (DIVA Service Manual §6.1.4.2): 8 characters.
  const frameChars = encodeToledo8217Command('weigh').length + '\u000201.000\r'.length;
  const floorMs = (frameChars * BITS_PER_CHAR * 1000) / BAUD;
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  return {
    goal: 'median within 2.5x the wire floor, including the polling wait (poll every 10 ms)',
    meetsGoal: median / floorMs <= 2.5,
    baud: BAUD,
    line: '7E1',
    frameChars,
    pollIntervalMs: POLL_INTERVAL_MS,
    runs,
    floorMs: round(floorMs),
    medianMs: round(median),
    p99Ms: round(p99),
    minMs: round(sorted[0] ?? Number.NaN),
    medianVsFloor: round(median / floorMs, 2),
    p99VsFloor: round(p99 / floorMs, 2),
  };
}

function timeIt(fn: () => number, minMs = 300): { perSecond: number; items: number; ms: number } {
  let items = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    items += fn();
    elapsed = performance.now() - start;
  }
  return { perSecond: (items / elapsed) * 1000, items, ms: elapsed };
}

function scannerDecode() {
  const codes = Array.from({ length: 2000 }, (_, i) => `40063813${String(i).padStart(5, '0')}`);
  const stream = Uint8Array.from(codes.flatMap((c) => [...encodeAimScan(c, 'ean-13')]));
  const lineRate = BAUD / BITS_PER_CHAR / (stream.length / codes.length);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < stream.length; at += 64) chunks.push(stream.subarray(at, at + 64));

  // Baseline: the least work that yields the same scans from a whole buffer: split at CR, cut off the AIM
  // prefix, build the scan object. No streaming across chunks, no validation, no resync.
  const aimBaseline = timeIt(() => {
    const lines = Buffer.from(stream).toString('latin1').split('\r');
    const scans: Array<{ code: string; aimId: string }> = [];
    for (const line of lines)
      if (line.length > 3) scans.push({ code: line.slice(3), aimId: line.slice(0, 3) });
    return scans.length;
  });
  const aim = timeIt(() => {
    const decoder = new AimSerialDecoder();
    let n = 0;
    for (const chunk of chunks) for (const r of decoder.push(chunk)) if (r.ok) n += 1;
    return n;
  });

  const keystrokes = codes.flatMap((c, i) =>
    [...c, 'Enter'].map((key, k) => ({ key, at: i * 1000 + k * 3 })),
  );
  const wedgeBaseline = timeIt(() => {
    let n = 0;
    let held: string[] = [];
    for (const k of keystrokes) {
      if (k.key === 'Enter') {
        if (held.join('').length > 0) n += 1;
        held = [];
      } else held.push(k.key);
    }
    return n;
  });
  const wedge = timeIt(() => {
    const decoder = new WedgeDecoder();
    let n = 0;
    for (const k of keystrokes) {
      const o = decoder.push(k);
      if (o.kind === 'scan' && o.result.ok) n += 1;
    }
    return n;
  });
  return {
    goal: 'vsBaseline = decoder / minimal split-only baseline (same input, same run); aimSerial goal: vsLineRate >= 1000, i.e. 1000x the most codes a 9600-baud line can carry',
    aimSerial: {
      codesPerSecond: Math.round(aim.perSecond),
      baselineCodesPerSecond: Math.round(aimBaseline.perSecond),
      vsBaseline: round(aim.perSecond / aimBaseline.perSecond, 3),
      lineCodesPerSecond: round(lineRate, 1),
      vsLineRate: Math.round(aim.perSecond / lineRate),
      chunkBytes: 64,
    },
    wedge: {
      codesPerSecond: Math.round(wedge.perSecond),
      baselineCodesPerSecond: Math.round(wedgeBaseline.perSecond),
      vsBaseline: round(wedge.perSecond / wedgeBaseline.perSecond, 3),
      keysPerCode: 14,
    },
  };
}

async function main() {
  const runs = Number(process.env.BENCH_RUNS ?? 60);
  const latency = await scaleLatency(runs);
  const decode = scannerDecode();
  mergeResults('devices.json', {
    scaleLatency: latency,
    scannerDecode: decode,
    machine: { node: process.version, platform: process.platform, measuredAt: new Date().toISOString() },
  });
  console.log(JSON.stringify({ scaleLatency: latency, scannerDecode: decode }, null, 2));
}

await main();
