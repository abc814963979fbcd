import { SimPrinter } from '@storefloor/hardware-sim';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatus } from '../device/device-status.js';
import { TcpTransport } from '../transport/tcp-transport.js';
import type { Receipt } from './receipt.js';
import { type PrinterEvent, ReceiptPrinter } from './receipt-printer.js';

// The machine is shared: waits for sockets get generous limits; nothing here passes by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

const receipt: Receipt = {
  blocks: [
    { kind: 'text', text: 'STOREFLOOR', align: 'center', style: { bold: true } },
    {
      kind: 'columns',
      columns: [
        { text: 'Milk 1L', width: 40 },
        { text: '1.29', width: 8, align: 'right' },
      ],
    },
    { kind: 'text', text: '谢谢惠顾' },
    { kind: 'cut' },
  ],
};

describe('ReceiptPrinter over TCP against the simulated printer', () => {
  let sim: SimPrinter;
  let printer: ReceiptPrinter;
  const statuses: DeviceStatus[] = [];
  const events: PrinterEvent[] = [];

  beforeEach(async () => {
    sim = new SimPrinter({ id: 'sim-printer' });
    await sim.start();
    const port = sim.endpoint().port as number;
    printer = new ReceiptPrinter(
      {
        id: 'lane-1-printer',
        statusTimeoutMs: 1000,
        jobTimeoutMs: 2000,
        pollIntervalMs: 0,
        backoff: { initialMs: 20, maxMs: 200, factor: 2 },
      },
      new TcpTransport({ host: '127.0.0.1', port }),
    );
    statuses.length = 0;
    events.length = 0;
    printer.on('status', (s) => statuses.push(s));
    printer.on('data', (e) => events.push(e));
    expect((await printer.open()).ok).toBe(true);
    await printer.claim();
    await printer.enable();
  });

  afterEach(async () => {
    await printer.shutdown();
    await sim.stop();
  });

  it('prints a receipt whose decoded text holds the lines', async () => {
    const r = await printer.print({ jobId: 'sale-1', receipt });
    expect(r).toEqual({ ok: true, value: { jobId: 'sale-1', outcome: 'printed', warnings: [] } });
    const printed = sim.receipts();
    expect(printed).toHaveLength(1);
    expect(printed[0]?.text).toContain('STOREFLOOR');
    expect(printed[0]?.text).toMatch(/Milk 1L +1\.29/);
    expect(printed[0]?.text).toContain('谢谢惠顾');
    expect(printer.ledger.get('sale-1')?.state).toBe('confirmed');
    expect(events.some((e) => e.kind === 'job')).toBe(true);
  });

  it('a retry of a printed job id prints nothing; an explicit reprint is marked REPRINT', async () => {
    await printer.print({ jobId: 'sale-2', receipt });
    expect(await printer.print({ jobId: 'sale-2', receipt })).toEqual({
      ok: true,
      value: { jobId: 'sale-2', outcome: 'already-printed', warnings: [] },
    });
    expect(sim.receipts()).toHaveLength(1);
    expect(await printer.print({ jobId: 'sale-2', receipt }, { reprint: true })).toMatchObject({
      ok: true,
      value: { outcome: 'reprinted' },
    });
    expect(sim.receipts()).toHaveLength(2);
    expect(sim.receipts()[1]?.text).toContain('REPRINT');
  });

  it('a lost acknowledgement then a retry of the same job id gives exactly one receipt', async () => {
    sim.injectFault('lost-ack');
    const first = await printer.print({ jobId: 'sale-3', receipt });
    expect(first).toMatchObject({ ok: false, reason: 'timeout' });
    expect(printer.ledger.get('sale-3')?.state).toBe('written');
    const retry = await printer.print({ jobId: 'sale-3', receipt });
    expect(retry).toEqual({ ok: true, value: { jobId: 'sale-3', outcome: 'already-printed', warnings: [] } });
    expect(sim.receipts()).toHaveLength(1);
  });

  it('paper out: a typed job failure and a status event, nothing printed', async () => {
    sim.injectFault('paper-out');
    const r = await printer.print({ jobId: 'sale-4', receipt });
    expect(r).toMatchObject({ ok: false, reason: 'paper-out' });
    expect(statuses.at(-1)).toMatchObject({ health: 'error', reason: 'paper-out' });
    expect(sim.receipts()).toHaveLength(0);
    expect(printer.ledger.get('sale-4')).toBeUndefined();
    sim.clearFaults();
    expect(await printer.print({ jobId: 'sale-4', receipt })).toMatchObject({
      ok: true,
      value: { outcome: 'printed' },
    });
    expect(statuses.at(-1)).toMatchObject({ health: 'online' });
  });

  it('DLE EOT round trip: near end, cover open and drawer state', async () => {
    sim.injectFault('paper-near-end');
    const near = await printer.queryStatus();
    expect(near).toMatchObject({
      ok: true,
      value: { online: true, paperNearEnd: true, paperOut: false, drawerOpen: false },
    });
    expect(statuses.at(-1)).toMatchObject({ health: 'online', reason: 'paper-near-end' });
    sim.injectFault('cover-open');
    expect(await printer.queryStatus()).toMatchObject({
      ok: true,
      value: { online: false, coverOpen: true },
    });
    expect(statuses.at(-1)).toMatchObject({ health: 'error', reason: 'cover-open' });
  });

  it('drawer kick reaches the drawer and shows in status', async () => {
    expect(await printer.kickDrawer()).toEqual({ ok: true, value: undefined });
    await expect.poll(() => sim.drawerKicks().length).toBe(1);
    expect(sim.drawerKicks()[0]).toMatchObject({ pin: 2, onMs: 100 });
    expect(await printer.queryStatus()).toMatchObject({ ok: true, value: { drawerOpen: true } });
    sim.closeDrawer();
    expect(await printer.queryStatus()).toMatchObject({ ok: true, value: { drawerOpen: false } });
  });

  it('a printer unplugged and plugged back reconnects by itself and prints', async () => {
    const port = sim.endpoint().port as number;
    await sim.stop();
    await expect.poll(() => statuses.at(-1)?.health).not.toBe('online');
    sim = new SimPrinter({ id: 'sim-printer', port });
    await sim.start();
    await expect.poll(() => printer.connected).toBe(true);
    expect(await printer.print({ jobId: 'sale-6', receipt })).toMatchObject({
      ok: true,
      value: { outcome: 'printed' },
    });
    expect(sim.receipts()).toHaveLength(1);
  });

  it('while enabled it polls status, so paper running out is a status event without any print', async () => {
    const polling = new ReceiptPrinter(
      { id: 'polling-printer', statusTimeoutMs: 1000, pollIntervalMs: 30, reconnect: false },
      new TcpTransport({ host: '127.0.0.1', port: sim.endpoint().port as number }),
    );
    const seen: DeviceStatus[] = [];
    polling.on('status', (s) => seen.push(s));
    try {
      await polling.open();
      await polling.claim();
      await polling.enable();
      sim.injectFault('paper-out');
      await expect.poll(() => seen.at(-1)?.reason).toBe('paper-out');
      expect(polling.condition).toMatchObject({ paperOut: true });
    } finally {
      await polling.shutdown();
    }
  });

  it('a printer that answers nothing is a typed timeout status, not a hang', async () => {
    sim.injectFault('offline');
    expect(await printer.print({ jobId: 'sale-5', receipt })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(statuses.at(-1)).toMatchObject({ health: 'offline', reason: 'no-answer' });
    expect(sim.receipts()).toHaveLength(0);
  });
});
