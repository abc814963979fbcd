import { SimNexoTerminal } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalCardOutcome } from './card-outcome.js';
import { type LaneDevices, openLaneDevices } from './lane-devices.js';

// A lane restarted after a kill asks hardware-sim's nexo terminal (HTTPS, its certificate pinned) what
// became of the card it had asked for, through a fresh lane device host that has no memory of the tender,
// as the restarted lane-process has none. What the terminal moved is read from the simulator.
describe('a card asked for before a crash, resolved by asking the terminal', () => {
  // The shopper takes a while to tap, so the restarted lane finds the payment still running.
  const terminal = new SimNexoTerminal({ id: 'terminal-recovery', shopperDelayMs: 800 });
  let before: LaneDevices;
  let restarted: LaneDevices;
  const spec = () => [
    {
      id: 'terminal',
      kind: 'payment-terminal',
      transport: 'http',
      address: terminal.endpoint().url,
      protocol: 'nexo-https',
      options: { saleId: 'lane-1', poiId: terminal.poiId, ca: terminal.certificatePem(), pollDelayMs: 50 },
    },
  ];
  const charged = (tenderId: string) =>
    terminal
      .charges()
      .filter((c) => c.saleTransactionId === tenderId && c.reversedMinor < c.minor)
      .map((c) => c.minor);

  beforeAll(async () => {
    await terminal.start();
    before = await openLaneDevices(spec());
    restarted = await openLaneDevices(spec());
  });

  afterAll(async () => {
    await before.shutdown();
    await restarted.shutdown();
    await terminal.stop();
  });

  it('a payment still running when the lane comes back is waited for, then taken as charged once', async () => {
    const tenderId = '0193a1b2-0000-7000-8000-0000000000a1';
    const asked = before.invoke('terminal', 'payment-terminal.purchase', {
      requestId: tenderId,
      minor: 1190,
      currency: 'CNY',
    });
    await expect
      .poll(
        async () =>
          (
            (await restarted.invoke('terminal', 'payment-terminal.status', { requestId: tenderId }))
              .value as {
              outcome?: string;
            }
          )?.outcome,
        { timeout: 10_000, interval: 20 },
      )
      .toBe('in-progress');
    const pending: string[] = [];
    const outcome = await finalCardOutcome(restarted.invoke, tenderId, (why) => pending.push(why));
    expect(pending).toContain('in-progress');
    expect(outcome).toMatchObject({
      requestId: tenderId,
      outcome: 'approved',
      amount: { minor: 1190, currency: 'CNY' },
    });
    const first = await asked;
    expect(first).toMatchObject({ ok: true, value: { authCode: outcome.authCode } });
    expect(charged(tenderId)).toEqual([1190]);
  });

  it('a card the terminal never took is not charged, and asking does not charge it', async () => {
    const tenderId = '0193a1b2-0000-7000-8000-0000000000a2';
    expect(await finalCardOutcome(restarted.invoke, tenderId)).toMatchObject({
      requestId: tenderId,
      outcome: 'unknown-request',
    });
    expect(charged(tenderId)).toEqual([]);
  });

  it('a card declined before the crash is declined, with nothing charged', async () => {
    const tenderId = '0193a1b2-0000-7000-8000-0000000000a3';
    terminal.injectFault('decline');
    expect(
      await before.invoke('terminal', 'payment-terminal.purchase', {
        requestId: tenderId,
        minor: 500,
        currency: 'CNY',
      }),
    ).toMatchObject({ ok: false, reason: 'declined' });
    expect(await finalCardOutcome(restarted.invoke, tenderId)).toMatchObject({ outcome: 'declined' });
    expect(charged(tenderId)).toEqual([]);
  });
});
