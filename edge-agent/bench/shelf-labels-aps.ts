/**
 * The store's access points for the shelf-label bench, in a process of their own as real APs are devices of
 * their own: BENCH_APS simulated OpenEPaperLink APs (hardware-sim, real HTTP), tag i on AP i mod BENCH_APS,
 * firmware-sized `/get_db` pages (7 records). Prints one JSON line `{ "urls": [...] }` once all listen and
 * stops when its stdin closes (the bench ended or died).
 */
import { SimEslAccessPoint } from '@storefloor/hardware-sim';
import { benchLabelMac } from './shelf-labels-fixture.js';

const labels = Number(process.env.BENCH_LABELS ?? 10_000);
const aps = Number(process.env.BENCH_APS ?? 6);
const points = Array.from(
  { length: aps },
  (_, a) =>
    new SimEslAccessPoint({
      id: `esl-ap-${a + 1}`,
      tags: Array.from({ length: labels }, (_, i) => i + 1)
        .filter((n) => n % aps === a)
        .map((n) => ({ mac: benchLabelMac(n) })),
    }),
);
await Promise.all(points.map((p) => p.start()));
process.stdout.write(`${JSON.stringify({ urls: points.map((p) => p.endpoint().url) })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(points.map((p) => p.stop())).then(() => process.exit(0));
});
