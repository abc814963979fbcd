import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimPrinter } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SerialTransport } from '../transport/serial-transport.js';
import { ReceiptPrinter } from './receipt-printer.js';

// The machine is shared: waits for sockets get generous limits; nothing here passes by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

describe('ReceiptPrinter over a serial line (real pty pair via socat)', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'storefloor-printer-'));
  const sim = new SimPrinter({ id: 'serial-printer', serial: { runDir, baudRate: 115200 } });
  let printer: ReceiptPrinter;

  beforeAll(async () => {
    await sim.start();
    printer = new ReceiptPrinter(
      { id: 'kiosk-printer', statusTimeoutMs: 1000, jobTimeoutMs: 3000, pollIntervalMs: 0, reconnect: false },
      new SerialTransport({ path: sim.endpoint().path as string, baudRate: 115200 }),
    );
    expect((await printer.open()).ok).toBe(true);
    await printer.claim();
    await printer.enable();
  });

  afterAll(async () => {
    await printer.shutdown();
    await sim.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('prints, reads status and kicks the drawer over serial', async () => {
    const r = await printer.print({
      jobId: 'serial-1',
      receipt: {
        blocks: [{ kind: 'text', text: 'SERIAL LANE' }, { kind: 'text', text: '找零 0.50' }, { kind: 'cut' }],
      },
    });
    expect(r).toEqual({ ok: true, value: { jobId: 'serial-1', outcome: 'printed', warnings: [] } });
    expect(sim.receipts()[0]?.text).toBe('SERIAL LANE\n找零 0.50');
    expect((await printer.kickDrawer(5)).ok).toBe(true);
    await expect.poll(() => sim.drawerKicks().map((k) => k.pin)).toEqual([5]);
    sim.injectFault('cover-open');
    expect(await printer.print({ jobId: 'serial-2', receipt: { blocks: [{ kind: 'cut' }] } })).toMatchObject({
      ok: false,
      reason: 'cover-open',
    });
  });
});
