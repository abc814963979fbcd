/**
 * Runs RxDB's own `runPerformanceTests` on RxDB's memory storage and on this SQLite storage in one process,
 * and writes every figure as a ratio to memory to bench/results/storage.json at the repository root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxStorage } from 'rxdb';
import { RXDB_VERSION } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { PerformanceTestConfig, PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { runPerformanceTests } from 'rxdb/plugins/test-utils';
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

const config: PerformanceTestConfig = { runs: Number(process.env.BENCH_RUNS ?? 20), log: false };

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
    'measured in the same process just before. Goals are the RxDB premium SQLite-to-memory ratios.',
  baseline: { storage: 'memory (rxdb/plugins/storage-memory)', result: memory },
  goals: GOALS,
  sqlite,
};
mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
process.stdout.write(`${JSON.stringify(sqlite, null, 2)}\nwritten to ${RESULTS_FILE}\n`);
