/**
 * `npm run bench -w @storefloor/sync-server` → bench/results/sync-server.json at the repository root.
 * Each figure carries its goal, the raw numbers and a baseline measured in the same run.
 * Sizes can be reduced for a quick look: BENCH_PRODUCTS, BENCH_SALES, BENCH_STREAMS.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openBenchDatabase, postgresReachable } from './bench-database.js';
import { benchDayEndPush } from './day-end-push.js';
import { benchFanout } from './fanout.js';
import { benchInitialPull } from './initial-pull.js';

const RESULTS = fileURLToPath(new URL('../../bench/results/sync-server.json', import.meta.url));
const products = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const sales = Number(process.env.BENCH_SALES ?? 10_000);
const streams = Number(process.env.BENCH_STREAMS ?? 10_000);

const log = (message: string): void => {
  process.stdout.write(`[bench sync-server] ${message}\n`);
};

const engines: ('pglite' | 'postgres')[] = (await postgresReachable()) ? ['postgres', 'pglite'] : ['pglite'];
if (engines.length === 1) log('PostgreSQL unreachable at 127.0.0.1:5432: PGlite only');

const results: Record<string, unknown> = {
  package: '@storefloor/sync-server',
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    totalMemoryBytes: totalmem(),
    node: process.version,
  },
  client: 'RxDB 17 memory storage through @storefloor/sync-client over real HTTP (127.0.0.1)',
  figures: {} as Record<string, Record<string, unknown>>,
};
const figures = results.figures as Record<string, Record<string, unknown>>;

for (const engine of engines) {
  figures[engine] = {};
  const figure = figures[engine] as Record<string, unknown>;
  let bench = await openBenchDatabase(engine);
  try {
    log(`${engine}: initial pull of ${products} products`);
    figure.initialPull = await benchInitialPull(bench, products);
    log(`${engine}: ${JSON.stringify(figure.initialPull)}`);
  } finally {
    await bench.close();
  }
  bench = await openBenchDatabase(engine);
  try {
    log(`${engine}: day-end push of ${sales} sales`);
    figure.dayEndPush = await benchDayEndPush(bench, sales);
    log(`${engine}: ${JSON.stringify(figure.dayEndPush)}`);
  } finally {
    await bench.close();
  }
}

for (const engine of engines) {
  log(`${engine}: fan-out to ${streams} open streams`);
  (figures[engine] as Record<string, unknown>).fanout = await benchFanout(engine, streams);
  log(`${engine}: ${JSON.stringify((figures[engine] as Record<string, unknown>).fanout)}`);
}

await mkdir(fileURLToPath(new URL('../../bench/results/', import.meta.url)), { recursive: true });
await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
log(`wrote ${RESULTS}`);
