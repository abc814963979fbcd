import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import type { RxCollection } from 'rxdb';
import { createRxDatabase } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageSQLite } from '../src/index.js';
import type { SaleLine } from './fixtures.js';
import { saleLineSchema, temporaryDirectory } from './fixtures.js';

const WRITER_SOURCE = join(import.meta.dirname, 'crash-writer.ts');
const LANES = 2;
const CYCLES_PER_LANE = 50;
/** One kill in five lands while the writer is still opening the file; the rest land inside the write loop. */
const STARTUP_KILL_SHARE = 0.2;
const MAX_STARTUP_KILL_MS = 600;
const MAX_WRITE_LOOP_KILL_MS = 250;

type CycleOutcome = {
  ready: number | undefined;
  acked: string[];
  signal: NodeJS.Signals | null;
  stderr: string;
};

type KillPlan = { afterReady: boolean; delayMs: number };

function randomKillPlan(): KillPlan {
  return Math.random() < STARTUP_KILL_SHARE
    ? { afterReady: false, delayMs: Math.floor(Math.random() * MAX_STARTUP_KILL_MS) }
    : { afterReady: true, delayMs: Math.floor(Math.random() * MAX_WRITE_LOOP_KILL_MS) };
}

function runAndKill(writer: string, directory: string, cycle: number, plan: KillPlan): Promise<CycleOutcome> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [writer, directory, String(cycle)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const outcome: CycleOutcome = { ready: undefined, acked: [], signal: null, stderr: '' };
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ready ')) {
          outcome.ready = Number(line.slice(6));
          if (plan.afterReady) {
            clearTimeout(timer);
            timer = setTimeout(kill, plan.delayMs);
          }
        } else if (line.startsWith('acked ')) {
          outcome.acked.push(line.slice(6));
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      outcome.stderr += chunk.toString();
    });
    const kill = () => child.kill('SIGKILL');
    // The fallback kill only matters if the writer hangs before it is ready; it still counts as a kill.
    let timer = setTimeout(kill, plan.afterReady ? 30_000 : plan.delayMs);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      outcome.signal = signal;
      resolve(outcome);
    });
  });
}

describe('crash safety under SIGKILL', () => {
  const dirs: ReturnType<typeof temporaryDirectory>[] = [];
  let writer = '';
  beforeAll(async () => {
    // The writer is bundled to plain JavaScript once, which halves each child's start-up compared with a
    // TypeScript loader, so a hundred kill cycles stay short. rxdb and better-sqlite3 load from node_modules.
    writer = join(import.meta.dirname, `.crash-writer-${process.pid}.mjs`);
    await build({
      entryPoints: [WRITER_SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: writer,
      logLevel: 'silent',
    });
  });
  afterAll(() => {
    for (const dir of dirs) {
      dir.remove();
    }
    rmSync(writer, { force: true });
  });

  it('keeps every acknowledged sale and never half a sale, over 100 kills', async () => {
    const lanes = Array.from({ length: LANES }, async () => {
      const dir = temporaryDirectory();
      dirs.push(dir);
      const acked: string[] = [];
      let kills = 0;
      for (let cycle = 0; cycle < CYCLES_PER_LANE; cycle++) {
        const plan = randomKillPlan();
        const outcome = await runAndKill(writer, dir.path, cycle, plan);
        // A writer that died by itself (failed to open, failed to write) is a failure, not a kill.
        expect(outcome.signal, `cycle ${cycle} ${JSON.stringify(plan)}: ${outcome.stderr}`).toBe('SIGKILL');
        if (outcome.ready !== undefined) {
          // Everything acknowledged before this start was on disk when the writer reopened the file.
          expect(outcome.ready).toBeGreaterThanOrEqual(acked.length * 3);
        }
        acked.push(...outcome.acked);
        kills++;
      }
      return { dir: dir.path, acked, kills };
    });
    const results = await Promise.all(lanes);
    expect(results.reduce((sum, lane) => sum + lane.kills, 0)).toBeGreaterThanOrEqual(100);

    for (const lane of results) {
      const db = await createRxDatabase<{ lines: RxCollection<SaleLine> }>({
        name: 'store',
        storage: getRxStorageSQLite({ directory: lane.dir }),
        multiInstance: false,
      });
      await db.addCollections({
        lines: {
          schema: saleLineSchema,
        },
      });
      const lines = await db.lines.find().exec();
      await db.close();

      const linesBySale = new Map<string, number>();
      for (const line of lines) {
        linesBySale.set(line.saleId, (linesBySale.get(line.saleId) ?? 0) + 1);
      }
      const missing = lane.acked.filter((saleId) => linesBySale.get(saleId) !== 3);
      expect(missing, 'acknowledged sales missing after the crashes').toEqual([]);
      const torn = [...linesBySale].filter(([, count]) => count !== 3);
      expect(torn, 'sales written only in part').toEqual([]);
      expect(lane.acked.length).toBeGreaterThan(0);

      const check = new Database(join(lane.dir, 'store.sqlite'), { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }
  }, 240_000);
});
