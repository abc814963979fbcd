/**
 * Runs RxDB's own `runPerformanceTests` on RxDB's memory storage and on this SQLite storage in one process,
 * and writes every figure as a ratio to memory to bench/results/storage.json at the repository root.
 */
import {
  closeSync,
  fdatasyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxStorage } from 'rxdb';
import { fillWithDefaultSettings, RXDB_VERSION } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { PerformanceTestConfig, PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { averageSchema, averageSchemaData, runPerformanceTests } from 'rxdb/plugins/test-utils';
import { createDocumentCodec, shapeOfSchema } from '../src/document-codec.js';
import type { SQLiteSynchronousMode } from '../src/index.js';
import { getRxStorageSQLite } from '../src/index.js';

const RESULTS_FILE = join(import.meta.dirname, '..', '..', 'bench', 'results', 'storage.json');

/** RxDB premium SQLite storage's published ratios to its memory storage, the targets for this storage. */
const GOALS: Record<string, number> = {
  'insert-documents-500': 28,
  'find-by-ids-3000': 5,
  'serial-inserts-50': 7,
  'find-by-query': 7,
};

const config: PerformanceTestConfig = { runs: Number(process.env.BENCH_RUNS ?? 40), log: false };

/** The fastest of `repeat` timings of `work`, in ms: best cases, as runPerformanceTests reports them. */
function fastest(repeat: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return Math.round(best * 100) / 100;
}

/**
 * Lower bounds no storage that reads from disk into fresh objects, or flushes every write, can beat on this
 * machine, measured beside the benchmark so its ratios can be read against them:
 * - flushing: 50 one-page appends each followed by fdatasync, in the directory the databases live in (what
 *   50 serial inserts under synchronous=FULL must at least wait for);
 * - decoding: turning the 3000 stored documents of find-by-ids back into objects, from JSON text with
 *   JSON.parse and from this storage's shape-1 text.
 */
function measureFloors(directory: string) {
  const page = Buffer.alloc(4096, 7);
  const flushes = fastest(5, () => {
    const file = join(directory, `flush-${Math.random().toString(36).slice(2)}`);
    const fd = openSync(file, 'w');
    try {
      for (let i = 0; i < 50; i++) {
        writeSync(fd, page, 0, page.length, i * page.length);
        fdatasyncSync(fd);
      }
    } finally {
      closeSync(fd);
      rmSync(file, { force: true });
    }
  });
  const schema = fillWithDefaultSettings(averageSchema());
  const documents = Array.from({ length: 3000 }, (_, i) => ({
    ...averageSchemaData({ var1: String(i % 2), var2: i % 4 }),
    _meta: { lwt: 1_700_000_000_000.01 + i },
    _rev: `1-${i}`,
    _deleted: false,
    _attachments: {},
  }));
  const json = documents.map((doc) => JSON.stringify(doc));
  const codec = createDocumentCodec({ format: 'shape-1', shape: shapeOfSchema(schema) });
  const shaped = documents.map((doc) => codec.encode(doc));
  return {
    'flush-50-appends': flushes,
    'json-parse-3000': fastest(20, () => json.map((text) => JSON.parse(text))),
    'shape-decode-3000': fastest(20, () => shaped.map((text) => codec.decode(text))),
  };
}

async function measure(
  storage: RxStorage<unknown, unknown>,
  description: string,
): Promise<PerformanceTestResult> {
  process.stdout.write(`measuring ${description} (${config.runs} runs)...\n`);
  return runPerformanceTests(storage, description, config);
}

function ratiosTo(baseline: PerformanceTestResult, measured: PerformanceTestResult) {
  const figures: Record<
    string,
    { ms: number; memoryMs: number; ratioToMemory: number; goal?: number; meetsGoal?: boolean }
  > = {};
  for (const [key, value] of Object.entries(measured)) {
    const memoryMs = baseline[key];
    if (
      typeof value !== 'number' ||
      typeof memoryMs !== 'number' ||
      key === 'collectionsAmount' ||
      key === 'docsAmount'
    ) {
      continue;
    }
    const ratioToMemory = Math.round((value / memoryMs) * 100) / 100;
    const goal = GOALS[key];
    figures[key] = {
      ms: value,
      memoryMs,
      ratioToMemory,
      ...(goal === undefined ? {} : { goal, meetsGoal: ratioToMemory <= goal }),
    };
  }
  return figures;
}

const memory = await measure(getRxStorageMemory(), 'memory');
const sqlite: Record<string, ReturnType<typeof ratiosTo>> = {};
const floorsDirectory = mkdtempSync(join(tmpdir(), 'storefloor-sqlite-bench-'));
const floorMs = measureFloors(floorsDirectory);
rmSync(floorsDirectory, { recursive: true, force: true });
const ratio = (ms: number, of: string) => Math.round((ms / (memory[of] as number)) * 100) / 100;
const floors = {
  'flush-50-appends': {
    ms: floorMs['flush-50-appends'],
    comparedWith: 'serial-inserts-50',
    ratioToMemory: ratio(floorMs['flush-50-appends'], 'serial-inserts-50'),
  },
  'json-parse-3000': {
    ms: floorMs['json-parse-3000'],
    comparedWith: 'find-by-ids-3000',
    ratioToMemory: ratio(floorMs['json-parse-3000'], 'find-by-ids-3000'),
  },
  'shape-decode-3000': {
    ms: floorMs['shape-decode-3000'],
    comparedWith: 'find-by-ids-3000',
    ratioToMemory: ratio(floorMs['shape-decode-3000'], 'find-by-ids-3000'),
  },
};
process.stdout.write(`floors: ${JSON.stringify(floors)}\n`);
for (const synchronous of ['FULL', 'NORMAL'] as SQLiteSynchronousMode[]) {
  const directory = mkdtempSync(join(tmpdir(), 'storefloor-sqlite-bench-'));
  try {
    const result = await measure(
      getRxStorageSQLite({ directory, synchronous }),
      `sqlite synchronous=${synchronous}`,
    );
    sqlite[`synchronous=${synchronous}`] = ratiosTo(memory, result);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const report = {
  benchmark: 'rxdb runPerformanceTests (rxdb/plugins/test-utils)',
  rxdbVersion: RXDB_VERSION,
  measuredAt: new Date().toISOString(),
  config: {
    ...config,
    otherSettings: 'runPerformanceTests defaults: 4 collections, 3000 docs in 6 batches, 50 serial',
  },
  note:
    'runPerformanceTests keeps only the fastest 5% of runs of each figure (it strips the slowest 95%), so the ' +
    'milliseconds are best cases, reported exactly as it gives them. Ratios divide by the memory storage ' +
    'measured in the same process just before. Goals are the RxDB premium SQLite-to-memory ratios. ' +
    'floors are measured in the same process too: the fastest of several timings of what any storage must ' +
    'at least do (flush 50 writes; turn 3000 stored documents back into objects), as a ratio to the memory ' +
    "figure they bound ('comparedWith').",
  baseline: { storage: 'memory (rxdb/plugins/storage-memory)', result: memory },
  goals: GOALS,
  floors,
  sqlite,
};
mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
process.stdout.write(`${JSON.stringify(sqlite, null, 2)}\nwritten to ${RESULTS_FILE}\n`);
