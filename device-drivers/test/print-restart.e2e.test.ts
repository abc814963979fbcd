import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimPrinter } from '@storefloor/hardware-sim';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceiptPrinter } from '../src/printer/receipt-printer.js';
import { SqlitePrintJobLedger } from '../src/printer/sqlite-print-job-ledger.js';
import { TcpTransport } from '../src/transport/tcp-transport.js';

// Child processes start tsx on a shared machine: generous limits, and every wait is for a condition.
vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 50 } }, testTimeout: 120_000 });

const LANE = join(import.meta.dirname, 'print-lane-process.ts');

function startLane(
  port: number,
  ledger: string,
  jobId: string,
  mode = '',
): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', LANE, String(port), ledger, jobId, mode], {
    cwd: import.meta.dirname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const output = new Promise<string>((resolve) => child.on('exit', () => resolve(out)));
  return { child, output };
}

/** The ledger row as another process sees it: proof it was committed to the file, not held in memory. */
function ledgerState(file: string, jobId: string): string | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const exists = db.prepare("SELECT name FROM sqlite_master WHERE name = 'print_jobs'").get();
    if (!exists) return undefined;
    return (
      db.prepare('SELECT state FROM print_jobs WHERE job_id = ?').get(jobId) as { state: string } | undefined
    )?.state;
  } finally {
    db.close();
  }
}

describe('exactly-once printing across a lane restart (kill -9 between send and acknowledgement)', () => {
  let sim: SimPrinter;
  let dir: string;

  beforeEach(async () => {
    sim = new SimPrinter({ id: 'printer-7' });
    await sim.start();
    dir = await mkdtemp(join(tmpdir(), 'print-ledger-'));
  });

  afterEach(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the receipt once, says already-printed after the restart, and heads a reprint REPRINT', async () => {
    const port = sim.endpoint().port as number;
    const ledger = join(dir, 'lane.sqlite');
    sim.injectFault('lost-ack');

    const first = startLane(port, ledger, 'sale-0190');
    await expect.poll(() => sim.receipts().length).toBe(1);
    await expect
      .poll(() => {
        try {
          return ledgerState(ledger, 'sale-0190');
        } catch {
          return undefined;
        }
      })
      .toBe('written');
    first.child.kill('SIGKILL');
    await first.output;
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = startLane(port, ledger, 'sale-0190');
    expect(JSON.parse(await second.output)).toEqual({
      ok: true,
      value: { jobId: 'sale-0190', outcome: 'already-printed', warnings: [] },
    });
    expect(sim.receipts()).toHaveLength(1);
    expect(ledgerState(ledger, 'sale-0190')).toBe('confirmed');

    const reprint = startLane(port, ledger, 'sale-0190', 'reprint');
    expect(JSON.parse(await reprint.output)).toMatchObject({ ok: true, value: { outcome: 'reprinted' } });
    const receipts = sim.receipts();
    expect(receipts).toHaveLength(2);
    expect(receipts[0]?.text).not.toContain('REPRINT');
    expect(receipts[1]?.text.split('\n')[0]?.trim()).toBe('*** REPRINT ***');
    expect(receipts[1]?.text).toContain('Crème brûlée');
    expect(receipts[1]?.text).toContain('€4.50');
  });

  it('a job the lane was still sending when it stopped is delivery-unknown, never printed again silently', async () => {
    const ledger = new SqlitePrintJobLedger(join(dir, 'lane.sqlite'));
    ledger.put({
      jobId: 'sale-0191',
      state: 'sending',
      processId: '0AB1',
      copies: 1,
      updatedAt: new Date().toISOString(),
    });
    const printer = new ReceiptPrinter(
      { id: 'p', pollIntervalMs: 0, statusTimeoutMs: 2000, ledger },
      new TcpTransport({ host: '127.0.0.1', port: sim.endpoint().port as number }),
    );
    await printer.open();
    await printer.claim();
    await printer.enable();
    const receipt = { blocks: [{ kind: 'text', text: 'X' }, { kind: 'cut' }] } as const;
    expect(await printer.print({ jobId: 'sale-0191', receipt })).toMatchObject({
      ok: false,
      reason: 'delivery-unknown',
    });
    expect(sim.receipts()).toHaveLength(0);
    await printer.shutdown();
    ledger.close();
  });

  it('a printer that vanishes mid-receipt is a typed failure, and the ledger keeps the job as sent', async () => {
    const ledger = new SqlitePrintJobLedger(join(dir, 'lane.sqlite'));
    const printer = new ReceiptPrinter(
      {
        id: 'p',
        pollIntervalMs: 0,
        statusTimeoutMs: 1000,
        jobTimeoutMs: 60_000,
        ledger,
        backoff: { initialMs: 50, maxMs: 500, factor: 2 },
      },
      new TcpTransport({ host: '127.0.0.1', port: sim.endpoint().port as number }),
    );
    await printer.open();
    await printer.claim();
    await printer.enable();
    sim.injectFault('lost-ack');
    const printing = printer.print({
      jobId: 'sale-0192',
      receipt: { blocks: [{ kind: 'text', text: 'Y' }, { kind: 'cut' }] },
    });
    await expect.poll(() => sim.receipts().length).toBe(1);
    await sim.stop();
    expect(await printing).toMatchObject({ ok: false, reason: 'delivery-unknown' });
    expect(ledger.get('sale-0192')?.state).toBe('written');
    await printer.shutdown();
    ledger.close();
  });
});
