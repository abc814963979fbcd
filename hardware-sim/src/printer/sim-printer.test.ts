import { connect, type Socket } from 'node:net';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimPrinter } from './sim-printer.js';
import { simPrinterFactory } from './sim-printer-factory.js';
import { statusByteFor } from './status-bytes.js';

// The machine is shared: waits for sockets get generous limits; nothing here passes by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

const healthy = { paperOut: false, paperNearEnd: false, coverOpen: false, drawerOpen: false };

describe('statusByteFor (Epson DLE EOT answers)', () => {
  it('keeps the fixed 0xx1xx10 pattern and sets the documented bits', () => {
    for (const n of [1, 2, 3, 4]) expect((statusByteFor(n, healthy) as number) & 0x93).toBe(0x12);
    expect(statusByteFor(1, { ...healthy, drawerOpen: true })).toBe(0x16);
    expect(statusByteFor(1, { ...healthy, coverOpen: true })).toBe(0x1a);
    expect(statusByteFor(2, { ...healthy, coverOpen: true })).toBe(0x16);
    expect(statusByteFor(2, { ...healthy, paperOut: true })).toBe(0x32);
    expect(statusByteFor(4, { ...healthy, paperNearEnd: true })).toBe(0x1e);
    expect(statusByteFor(4, { ...healthy, paperOut: true })).toBe(0x7e);
    expect(statusByteFor(9, healthy)).toBeUndefined();
  });
});

describe('SimPrinter over a raw socket', () => {
  let sim: SimPrinter;
  let socket: Socket;
  let answers: number[];

  beforeEach(async () => {
    sim = new SimPrinter({ id: 'p' });
    await sim.start();
    answers = [];
    socket = connect({ host: '127.0.0.1', port: sim.endpoint().port as number });
    socket.on('data', (b) => answers.push(...b));
    await new Promise((r) => socket.once('connect', r));
  });

  afterEach(async () => {
    socket.destroy();
    await sim.stop();
  });

  it('prints hand-written ESC/POS into a listed receipt with text and PNG', async () => {
    socket.write(Buffer.from([0x1b, 0x40, 0x1b, 0x61, 0x01, ...Buffer.from('HELLO\n'), 0x1d, 0x56, 0x00]));
    await expect.poll(() => sim.receipts().length).toBe(1);
    const r = sim.receipts()[0];
    expect(r?.text).toBe('HELLO');
    expect(r?.printed.lines[0]?.align).toBe('center');
    const png = PNG.sync.read(sim.receiptPng(r?.id as string) as Buffer);
    expect(png.height).toBeGreaterThan(0);
    expect(sim.receiptPng('nope')).toBeUndefined();
  });

  it('answers DLE EOT per its faults and stops answering when offline', async () => {
    sim.injectFault('paper-out');
    socket.write(Buffer.from([0x10, 0x04, 0x04]));
    await expect.poll(() => answers).toEqual([0x7e]);
    sim.clearFaults();
    sim.injectFault('offline');
    socket.write(Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02]));
    await expect.poll(() => sim.statusRequests).toBe(3);
    expect(answers).toEqual([0x7e]);
    expect(sim.injectFault('on-fire')).toMatchObject({ ok: false, reason: 'unknown-fault' });
  });
});

describe('simPrinterFactory', () => {
  const env = { host: '127.0.0.1', runDir: '/nonexistent' };
  it('takes the printer model from the sim config and names a model it does not know', () => {
    const p = simPrinterFactory(
      { id: 'p', kind: 'printer', protocol: 'escpos-tcp', options: { model: 'chinese-gbk' } },
      env,
    );
    expect((p as SimPrinter).model.id).toBe('chinese-gbk');
    expect(() =>
      simPrinterFactory(
        { id: 'p', kind: 'printer', protocol: 'escpos-tcp', options: { model: 'tm-u220' } },
        env,
      ),
    ).toThrow(/option "model" "tm-u220" is not one of epson-western, chinese-gb18030, chinese-gbk/);
  });
});
