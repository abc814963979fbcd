import { SimAcquirer, SimNexoTerminal } from '@storefloor/hardware-sim';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NexoPaymentTerminal } from './nexo-payment-terminal.js';

// Shared machine: waits poll generously; nothing here passes or fails by timing.
vi.setConfig({ testTimeout: 30_000 });

const EUR = (minor: number) => ({ minor, currency: 'EUR' });

describe('nexo card terminal against the simulated terminal over real HTTPS', () => {
  let sim: SimNexoTerminal;
  let terminal: NexoPaymentTerminal;

  beforeEach(async () => {
    sim = new SimNexoTerminal({ id: 'nexo-1', shopperDelayMs: 30 });
    await sim.start();
    terminal = new NexoPaymentTerminal({
      id: 'terminal-1',
      url: sim.endpoint().url as string,
      ca: sim.certificatePem() as string,
      saleId: 'lane-3',
      poiId: sim.poiId,
      replyTimeoutMs: 5000,
      statusTimeoutMs: 2000,
      pollDelayMs: 20,
      reconnect: false,
    });
    expect(await terminal.open()).toEqual({ ok: true, value: undefined });
    await terminal.claim();
    await terminal.enable();
  });

  afterEach(async () => {
    await terminal.shutdown();
    await sim.stop();
  });

  it('approves a card payment, charged once, with the terminal naming the tender as the sale transaction', async () => {
    const paid = await terminal.purchase({ requestId: 'T-1', amount: EUR(1299), method: 'card' });
    expect(paid).toMatchObject({ ok: true, value: { requestId: 'T-1', amount: EUR(1299), method: 'card' } });
    expect(sim.charges()).toMatchObject([{ saleTransactionId: 'T-1', minor: 1299, currency: 'EUR' }]);
    // The approval names the POI transaction as the terminal gave it: what a refund elsewhere needs.
    const [charge] = sim.charges();
    expect(paid.ok && { id: paid.value.transactionId, at: paid.value.timeStamp }).toEqual({
      id: charge?.poiTransactionId,
      at: charge?.poiTimeStamp,
    });
  });

  it('the same tender sent twice is charged once: the second gets the first approval back', async () => {
    const first = await terminal.purchase({ requestId: 'T-2', amount: EUR(500), method: 'card' });
    const again = await terminal.purchase({ requestId: 'T-2', amount: EUR(500), method: 'card' });
    expect(first.ok && again.ok && again.value.transactionId).toBe(first.ok && first.value.transactionId);
    expect(sim.charges()).toHaveLength(1);
  });

  it('a lane restarted mid-tender (a new driver) recovers the approval by TransactionStatus, not a new charge', async () => {
    await terminal.purchase({ requestId: 'T-3', amount: EUR(700), method: 'card' });
    const restarted = new NexoPaymentTerminal({
      id: 'terminal-1b',
      url: sim.endpoint().url as string,
      ca: sim.certificatePem() as string,
      saleId: 'lane-3',
      poiId: sim.poiId,
      pollDelayMs: 20,
      reconnect: false,
    });
    await restarted.open();
    await restarted.claim();
    await restarted.enable();
    expect(await restarted.purchase({ requestId: 'T-3', amount: EUR(700), method: 'card' })).toMatchObject({
      ok: true,
    });
    expect(sim.charges()).toHaveLength(1);
    await restarted.shutdown();
  });

  it('reply lost after approval: recovered by TransactionStatus, approved, one charge', async () => {
    sim.injectFault('reply-lost-after-approval');
    const paid = await terminal.purchase({ requestId: 'T-4', amount: EUR(2500), method: 'card' });
    expect(paid).toMatchObject({ ok: true, value: { amount: EUR(2500) } });
    expect(sim.charges()).toHaveLength(1);
  });

  it('disconnect before the terminal took it: NotFound, sent again under the same ServiceID, one charge', async () => {
    sim.injectFault('disconnect');
    const paid = await terminal.purchase({ requestId: 'T-5', amount: EUR(300), method: 'card' });
    expect(paid).toMatchObject({ ok: true });
    expect(sim.charges()).toHaveLength(1);
  });

  it('decline, shopper cancel and busy are typed results with no charge; a new attempt of the tender can pay', async () => {
    sim.injectFault('decline');
    expect(await terminal.purchase({ requestId: 'T-6', amount: EUR(100), method: 'card' })).toMatchObject({
      ok: false,
      reason: 'declined',
      detail: 'Not enough balance',
    });
    sim.injectFault('shopper-cancels');
    expect(await terminal.purchase({ requestId: 'T-6', amount: EUR(100), method: 'card' })).toMatchObject({
      ok: false,
      reason: 'cancelled',
    });
    sim.injectFault('busy');
    expect(await terminal.purchase({ requestId: 'T-6', amount: EUR(100), method: 'card' })).toMatchObject({
      ok: false,
      reason: 'busy',
    });
    expect(sim.charges()).toHaveLength(0);
    expect(await terminal.purchase({ requestId: 'T-6', amount: EUR(100), method: 'card' })).toMatchObject({
      ok: true,
    });
    expect(sim.charges()).toHaveLength(1);
  });

  it('a partial approval is reversed at once and reported as declined: nothing stays charged', async () => {
    sim.injectFault('partial-approval');
    expect(await terminal.purchase({ requestId: 'T-11', amount: EUR(1000), method: 'card' })).toMatchObject({
      ok: false,
      reason: 'declined',
      detail: expect.stringContaining('only 500 EUR'),
    });
    expect(sim.charges()).toMatchObject([{ minor: 500, reversedMinor: 500 }]);
  });

  it('cancel aborts a payment waiting for the shopper', async () => {
    const slow = new SimNexoTerminal({ id: 'nexo-slow', tls: false, shopperDelayMs: 60_000 });
    await slow.start();
    const lane = new NexoPaymentTerminal({
      id: 'terminal-slow',
      url: slow.endpoint().url as string,
      saleId: 'lane-4',
      poiId: slow.poiId,
      reconnect: false,
    });
    await lane.open();
    await lane.claim();
    await lane.enable();
    const paying = lane.purchase({ requestId: 'T-7', amount: EUR(100), method: 'card' });
    await vi.waitFor(async () => {
      expect(await lane.transactionStatus('T-7')).toMatchObject({
        ok: true,
        value: { outcome: 'in-progress' },
      });
    });
    expect(await lane.cancel('T-7', 'C-1')).toMatchObject({ ok: true, value: { outcome: 'cancelled' } });
    expect(await paying).toMatchObject({ ok: false, reason: 'cancelled', detail: 'Aborted' });
    expect(slow.charges()).toHaveLength(0);
    await lane.shutdown();
    await slow.stop();
  });

  it('refunds through a referenced reversal, and refuses a refund larger than what is left', async () => {
    await terminal.purchase({ requestId: 'T-8', amount: EUR(1000), method: 'card' });
    expect(
      await terminal.refund({ requestId: 'R-1', originalRequestId: 'T-8', amount: EUR(400), method: 'card' }),
    ).toMatchObject({ ok: true });
    expect(
      await terminal.refund({ requestId: 'R-2', originalRequestId: 'T-8', amount: EUR(700), method: 'card' }),
    ).toMatchObject({ ok: false, reason: 'declined' });
    expect(sim.charges()).toMatchObject([{ minor: 1000, reversedMinor: 400 }]);
  });

  it('bad input is a typed error and reaches no terminal', async () => {
    expect(await terminal.purchase({ requestId: '', amount: EUR(100), method: 'card' })).toMatchObject({
      ok: false,
      reason: 'invalid-request',
    });
    expect(await terminal.purchase({ requestId: 'T-9', amount: EUR(-5), method: 'card' })).toMatchObject({
      ok: false,
      reason: 'invalid-request',
    });
    expect(sim.charges()).toHaveLength(0);
  });

  it('a terminal that is gone gives a timeout telling the lane to ask status, and no charge', async () => {
    await sim.stop();
    const paid = await terminal.purchase({ requestId: 'T-10', amount: EUR(100), method: 'card' });
    expect(paid).toMatchObject({ ok: false, reason: 'timeout' });
    await sim.start();
  });
});

describe('a return at another lane: two terminals of one acquirer', () => {
  let acquirer: SimAcquirer;
  let simA: SimNexoTerminal;
  let simB: SimNexoTerminal;
  const drivers: NexoPaymentTerminal[] = [];
  const laneAt = async (sim: SimNexoTerminal, id: string, saleId: string) => {
    const lane = new NexoPaymentTerminal({
      id,
      url: sim.endpoint().url as string,
      ca: sim.certificatePem() as string,
      saleId,
      poiId: sim.poiId,
      statusTimeoutMs: 2000,
      pollDelayMs: 20,
      reconnect: false,
    });
    await lane.open();
    await lane.claim();
    await lane.enable();
    drivers.push(lane);
    return lane;
  };
  let lane1: NexoPaymentTerminal;
  let lane2: NexoPaymentTerminal;

  beforeEach(async () => {
    acquirer = new SimAcquirer();
    simA = new SimNexoTerminal({ id: 'nexo-a', poiId: 'P400Plus-000000001', shopperDelayMs: 10, acquirer });
    simB = new SimNexoTerminal({ id: 'nexo-b', poiId: 'P400Plus-000000002', shopperDelayMs: 10, acquirer });
    for (const sim of [simA, simB]) await sim.start();
    lane1 = await laneAt(simA, 'terminal-1', 'lane-1');
    lane2 = await laneAt(simB, 'terminal-2', 'lane-2');
  });

  afterEach(async () => {
    for (const d of drivers.splice(0)) await d.shutdown();
    for (const sim of [simA, simB]) await sim.stop();
  });

  const paidAtLane1 = async (requestId: string, minor: number) => {
    const paid = await lane1.purchase({ requestId, amount: EUR(minor), method: 'card' });
    if (!paid.ok) throw new Error(`${paid.reason} ${paid.detail}`);
    return { transactionId: paid.value.transactionId, timeStamp: paid.value.timeStamp };
  };
  const reversedOf = (saleTransactionId: string) =>
    acquirer.charges().find((c) => c.saleTransactionId === saleTransactionId)?.reversedMinor;

  it("lane 2's terminal refunds lane 1's card payment by its POI transaction, once for one request id", async () => {
    const original = await paidAtLane1('X-1', 1000);
    const refund = { requestId: 'XR-1', originalRequestId: 'X-1', amount: EUR(400), method: 'card' } as const;
    const first = await lane2.refund({ ...refund, originalTransaction: original });
    expect(first).toMatchObject({ ok: true, value: { requestId: 'XR-1', amount: EUR(400) } });
    expect(reversedOf('X-1')).toBe(400);
    expect(simB.refunds()).toMatchObject([{ originalPoiTransactionId: original.transactionId, minor: 400 }]);

    // Asked again, and again by a restarted lane 2: the same refund back, never a second one.
    const again = await lane2.refund({ ...refund, originalTransaction: original });
    expect(again.ok && again.value.transactionId).toBe(first.ok && first.value.transactionId);
    const restarted = await laneAt(simB, 'terminal-2b', 'lane-2');
    const afterRestart = await restarted.refund({ ...refund, originalTransaction: original });
    expect(afterRestart.ok && afterRestart.value.transactionId).toBe(first.ok && first.value.transactionId);
    expect(simB.refunds()).toHaveLength(1);
    expect(reversedOf('X-1')).toBe(400);
  });

  it('without the original transaction, lane 2 cannot name a payment its terminal never took', async () => {
    await paidAtLane1('X-2', 500);
    expect(
      await lane2.refund({ requestId: 'XR-2', originalRequestId: 'X-2', amount: EUR(500), method: 'card' }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid-request',
      detail: expect.stringContaining('originalTransaction'),
    });
    expect(reversedOf('X-2')).toBe(0);
  });

  it('the acquirer refuses above what is left after refunds at either lane, and a transaction it never approved', async () => {
    const original = await paidAtLane1('X-3', 1000);
    expect(
      await lane1.refund({ requestId: 'XR-3a', originalRequestId: 'X-3', amount: EUR(700), method: 'card' }),
    ).toMatchObject({ ok: true });
    expect(
      await lane2.refund({
        requestId: 'XR-3b',
        originalRequestId: 'X-3',
        originalTransaction: original,
        amount: EUR(301),
        method: 'card',
      }),
    ).toMatchObject({ ok: false, reason: 'declined', detail: 'Amount exceeds what is left to refund' });
    expect(reversedOf('X-3')).toBe(700);
    expect(
      await lane2.refund({
        requestId: 'XR-3c',
        originalRequestId: 'X-unknown',
        originalTransaction: { transactionId: 'nope.1', timeStamp: original.timeStamp },
        amount: EUR(100),
        method: 'card',
      }),
    ).toMatchObject({ ok: false, reason: 'declined', detail: 'Original transaction not found' });
    expect(simB.refunds()).toHaveLength(0);
  });

  it('a malformed original transaction is a typed error naming the field, and nothing is sent', async () => {
    const original = await paidAtLane1('X-4', 300);
    const ask = (originalTransaction: unknown) =>
      lane2.refund({
        requestId: 'XR-4',
        originalRequestId: 'X-4',
        originalTransaction: originalTransaction as { transactionId: string; timeStamp: string },
        amount: EUR(300),
        method: 'card',
      });
    expect(await ask({ transactionId: original.transactionId, timeStamp: 'yesterday' })).toMatchObject({
      ok: false,
      reason: 'invalid-request',
      path: 'originalTransaction.timeStamp',
    });
    expect(await ask({ transactionId: '', timeStamp: original.timeStamp })).toMatchObject({
      ok: false,
      reason: 'invalid-request',
      path: 'originalTransaction.transactionId',
    });
    expect(await ask('x')).toMatchObject({ ok: false, path: 'originalTransaction' });
    expect(simB.refunds()).toHaveLength(0);
    expect(reversedOf('X-4')).toBe(0);
  });
});
