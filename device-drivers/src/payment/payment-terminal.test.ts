import { SimPaymentTerminal } from '@storefloor/hardware-sim';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TcpTransport } from '../transport/tcp-transport.js';
import { PaymentTerminal } from './payment-terminal.js';

// The machine is shared: waits for sockets get generous limits; nothing here passes by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

const eur = (minor: number) => ({ minor, currency: 'EUR' });

describe('PaymentTerminal over TCP against the simulated terminal', () => {
  let sim: SimPaymentTerminal;
  let terminal: PaymentTerminal;

  beforeEach(async () => {
    sim = new SimPaymentTerminal({ id: 'sim-terminal', customerDelayMs: 600_000 });
    await sim.start();
    terminal = new PaymentTerminal(
      {
        id: 'lane-1-terminal',
        replyTimeoutMs: 500,
        statusTimeoutMs: 1000,
        statusAttempts: 30,
        pollDelayMs: 100,
        backoff: { initialMs: 20, maxMs: 100, factor: 2 },
      },
      new TcpTransport({ host: '127.0.0.1', port: sim.endpoint().port as number }),
    );
    expect((await terminal.open()).ok).toBe(true);
    await terminal.claim();
    await terminal.enable();
  });

  afterEach(async () => {
    await terminal.shutdown();
    await sim.stop();
  });

  it('approves a card purchase and charges once', async () => {
    const r = await terminal.purchase({ requestId: 'tender-1', amount: eur(1299), method: 'card' });
    expect(r).toMatchObject({
      ok: true,
      value: { requestId: 'tender-1', amount: eur(1299), method: 'card' },
    });
    expect(sim.charges()).toHaveLength(1);
  });

  it('a repeated purchase with the same id returns the original result, never a second charge', async () => {
    const first = await terminal.purchase({ requestId: 'tender-2', amount: eur(500), method: 'wallet-qr' });
    const again = await terminal.purchase({ requestId: 'tender-2', amount: eur(500), method: 'wallet-qr' });
    expect(again).toEqual(first);
    expect(sim.charges()).toHaveLength(1);
  });

  it('decline and busy are values', async () => {
    sim.injectFault('decline-next');
    expect(
      await terminal.purchase({ requestId: 'tender-3', amount: eur(100), method: 'face-pay' }),
    ).toMatchObject({
      ok: false,
      reason: 'declined',
      detail: 'insufficient-funds',
    });
    sim.clearFaults();
    sim.injectFault('busy');
    expect(
      await terminal.purchase({ requestId: 'tender-4', amount: eur(100), method: 'card' }),
    ).toMatchObject({ ok: false, reason: 'busy' });
    sim.clearFaults();
    expect(
      await terminal.purchase({ requestId: 'tender-4', amount: eur(100), method: 'card' }),
    ).toMatchObject({ ok: true });
    expect(sim.charges().map((c) => c.requestId)).toEqual(['tender-4']);
  });

  it('a silent terminal: the lost answer is recovered by asking the status of the same id, no double charge', async () => {
    sim.injectFault('silent');
    const r = await terminal.purchase({ requestId: 'tender-5', amount: eur(2500), method: 'card' });
    expect(r).toMatchObject({ ok: true, value: { requestId: 'tender-5' } });
    expect(sim.charges()).toHaveLength(1);
    expect(sim.transactions().filter((t) => t.requestId === 'tender-5')).toHaveLength(1);
  });

  it('a dropped connection before the request is read: the status says unknown, the request is sent once more', async () => {
    sim.injectFault('disconnect');
    const r = await terminal.purchase({ requestId: 'tender-6', amount: eur(700), method: 'card' });
    expect(r).toMatchObject({ ok: true, value: { requestId: 'tender-6' } });
    expect(sim.charges()).toHaveLength(1);
  });

  it('line noise and a corrupted answer: the lane resynchronises and the card is charged once', async () => {
    const linkErrors: string[] = [];
    terminal.on('error', (e) => linkErrors.push(e.reason));
    sim.injectFault('line-noise');
    const r = await terminal.purchase({ requestId: 'tender-7', amount: eur(899), method: 'card' });
    expect(r).toMatchObject({ ok: true, value: { requestId: 'tender-7', amount: eur(899) } });
    expect(sim.charges().map((c) => c.requestId)).toEqual(['tender-7']);
    expect(linkErrors).toContain('ecr-bad-lrc');
    expect(linkErrors).toContain('ecr-stray-bytes');
  });

  it('a customer who takes their time: the lane polls through in-progress to the approval', async () => {
    sim.injectFault('customer-slow');
    const pending = terminal.purchase({ requestId: 'tender-8', amount: eur(450), method: 'wallet-qr' });
    await expect
      .poll(() => sim.transactions().find((t) => t.requestId === 'tender-8')?.result.outcome)
      .toBe('in-progress');
    expect(sim.customerActs('approved')).toBe(true);
    expect(await pending).toMatchObject({ ok: true, value: { requestId: 'tender-8' } });
    expect(sim.charges().map((c) => c.requestId)).toEqual(['tender-8']);
  });

  it('the cashier cancels while the customer hesitates: cancelled, nothing charged', async () => {
    sim.injectFault('customer-slow');
    const pending = terminal.purchase({ requestId: 'tender-9', amount: eur(1999), method: 'card' });
    await expect
      .poll(() => sim.transactions().find((t) => t.requestId === 'tender-9')?.result.outcome)
      .toBe('in-progress');
    expect(await terminal.cancel('tender-9', 'cancel-9')).toMatchObject({
      ok: true,
      value: { requestId: 'cancel-9', outcome: 'cancelled' },
    });
    expect(await pending).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(sim.charges()).toEqual([]);
  });

  it('invalid amounts never reach the terminal', async () => {
    expect(
      await terminal.purchase({ requestId: 'x', amount: { minor: 1.5, currency: 'EUR' }, method: 'card' }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid-request',
    });
    expect(sim.transactions()).toHaveLength(0);
  });
});
