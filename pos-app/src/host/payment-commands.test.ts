import type { DeviceHost, HostMessage } from '@storefloor/device-drivers';
import { SimFacePay, SimNexoTerminal } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLaneDeviceHost } from './lane-host.js';

// The lane host's payment commands against hardware-sim's nexo terminal (HTTPS, its certificate pinned) and
// face-pay device on loopback sockets. What the terminal moved is read from the simulator.
describe('lane payment commands', () => {
  const terminal = new SimNexoTerminal({ id: 'terminal-cmds', shopperDelayMs: 10 });
  const facePay = new SimFacePay({ id: 'face-cmds', lookDelayMs: 5 });
  let host: DeviceHost;
  // One session, as the lane's renderer holds one: claims belong to the session that made them.
  let session: ReturnType<DeviceHost['connect']>;
  const waiting = new Map<string, (result: unknown) => void>();
  let next = 0;
  const ask = async (body: Record<string, unknown>) => {
    const requestId = `q${++next}`;
    const reply = new Promise<unknown>((resolve) => waiting.set(requestId, resolve));
    await session.send({ ...body, requestId });
    return (await reply) as { ok: boolean; reason?: string; value?: Record<string, unknown> };
  };
  const invoke = (deviceId: string, command: string, args: Record<string, unknown>) =>
    ask({ type: 'invoke', deviceId, command, args });
  const standing = (tenderId: string) =>
    terminal.charges().filter((c) => c.saleTransactionId === tenderId && c.reversedMinor < c.minor);

  beforeAll(async () => {
    await terminal.start();
    await facePay.start();
    host = createLaneDeviceHost({
      devices: [
        {
          id: 'terminal',
          kind: 'payment-terminal',
          transport: 'http',
          address: terminal.endpoint().url,
          protocol: 'nexo-https',
          options: {
            saleId: 'lane-3',
            poiId: terminal.poiId,
            ca: terminal.certificatePem(),
            pollDelayMs: 20,
          },
        },
        {
          id: 'face-pay',
          kind: 'face-pay',
          transport: 'http',
          address: facePay.endpoint().url,
          protocol: 'face-pay-http',
        },
      ],
    });
    session = host.connect();
    session.onMessage((m: HostMessage) => {
      if (m.type === 'reply') waiting.get(m.requestId)?.(m.result);
    });
    for (const deviceId of ['terminal', 'face-pay'])
      for (const type of ['open', 'claim', 'enable']) await ask({ type, deviceId });
  });

  afterAll(async () => {
    await host.shutdown();
    await facePay.stop();
    await terminal.stop();
  });

  it('a card approved once; the same tender asked again is the same approval, not a second charge', async () => {
    const args = { requestId: '0193a1b2-0000-7000-8000-000000000001', minor: 1190, currency: 'CNY' };
    const first = await invoke('terminal', 'payment-terminal.purchase', args);
    expect(first).toMatchObject({ ok: true, value: { minor: 1190 } });
    const again = await invoke('terminal', 'payment-terminal.purchase', args);
    expect(again).toMatchObject({ ok: true, value: { authCode: first.value?.authCode } });
    expect(standing(args.requestId)).toHaveLength(1);
  });

  it('the reply lost after approval is recovered by TransactionStatus: approved, one charge', async () => {
    terminal.injectFault('reply-lost-after-approval');
    const args = { requestId: '0193a1b2-0000-7000-8000-000000000002', minor: 500, currency: 'CNY' };
    expect(await invoke('terminal', 'payment-terminal.purchase', args)).toMatchObject({ ok: true });
    expect(standing(args.requestId)).toHaveLength(1);
    expect(await invoke('terminal', 'payment-terminal.status', { requestId: args.requestId })).toMatchObject({
      ok: true,
      value: { outcome: 'approved' },
    });
  });

  it('a declined card and a busy terminal charge nothing; a new tender after them is approved', async () => {
    terminal.injectFault('decline');
    const declined = { requestId: '0193a1b2-0000-7000-8000-000000000003', minor: 700, currency: 'CNY' };
    expect(await invoke('terminal', 'payment-terminal.purchase', declined)).toMatchObject({
      ok: false,
      reason: 'declined',
    });
    terminal.injectFault('busy');
    const busy = { requestId: '0193a1b2-0000-7000-8000-000000000004', minor: 700, currency: 'CNY' };
    expect(await invoke('terminal', 'payment-terminal.purchase', busy)).toMatchObject({
      ok: false,
      reason: 'busy',
    });
    expect(standing(declined.requestId)).toHaveLength(0);
    expect(standing(busy.requestId)).toHaveLength(0);
    const retry = { requestId: '0193a1b2-0000-7000-8000-000000000005', minor: 700, currency: 'CNY' };
    expect(await invoke('terminal', 'payment-terminal.purchase', retry)).toMatchObject({ ok: true });
  });

  it('a terminal that drops the connection: the tender is asked about and charged at most once', async () => {
    terminal.injectFault('disconnect');
    const args = { requestId: '0193a1b2-0000-7000-8000-000000000006', minor: 900, currency: 'CNY' };
    const outcome = await invoke('terminal', 'payment-terminal.purchase', args);
    expect(standing(args.requestId).length).toBeLessThanOrEqual(1);
    if (!outcome.ok) {
      // Retried under the same tender id (the lane's "Retry card"): never a second charge.
      await invoke('terminal', 'payment-terminal.purchase', args);
    }
    expect(standing(args.requestId).length).toBeLessThanOrEqual(1);
  });

  it('a refund names the original by the POI transaction its approval gave; a malformed one is refused', async () => {
    const args = { requestId: '0193a1b2-0000-7000-8000-000000000010', minor: 800, currency: 'CNY' };
    const paid = await invoke('terminal', 'payment-terminal.purchase', args);
    const charge = terminal.charges().find((c) => c.saleTransactionId === args.requestId);
    expect(paid).toMatchObject({
      ok: true,
      value: { transactionId: charge?.poiTransactionId, timeStamp: charge?.poiTimeStamp },
    });
    const refund = (originalTransaction: unknown) =>
      invoke('terminal', 'payment-terminal.refund', {
        requestId: '0193a1b2-0000-7000-8000-000000000011',
        originalRequestId: args.requestId,
        originalTransaction,
        minor: 300,
        currency: 'CNY',
      });
    expect(await refund({ transactionId: 42, timeStamp: 'now' })).toMatchObject({
      ok: false,
      reason: 'bad-message',
    });
    const { transactionId, timeStamp } = paid.value as { transactionId: string; timeStamp: string };
    expect(await refund({ transactionId, timeStamp })).toMatchObject({ ok: true, value: { minor: 300 } });
    expect(terminal.charges().find((c) => c.saleTransactionId === args.requestId)?.reversedMinor).toBe(300);
  });

  it('face-pay gives a face code for the tender; a cancelled shopper is a typed result', async () => {
    const code = await invoke('face-pay', 'face-pay.code', {
      provider: 'alipay',
      tenderId: '0193a1b2000070008000000000000007',
      minor: 1190,
      currency: 'CNY',
    });
    expect(code).toMatchObject({
      ok: true,
      value: { provider: 'alipay', faceCode: expect.stringMatching(/^fp/) },
    });
    facePay.injectFault('shopper-cancels');
    expect(
      await invoke('face-pay', 'face-pay.code', {
        provider: 'wechat-pay',
        tenderId: 'T8',
        minor: 1,
        currency: 'CNY',
      }),
    ).toMatchObject({ ok: false, reason: 'shopper-cancelled' });
    expect(await invoke('face-pay', 'face-pay.code', { provider: 'paypal' })).toMatchObject({
      ok: false,
      reason: 'bad-message',
    });
    expect(
      await invoke('terminal', 'face-pay.code', {
        provider: 'alipay',
        tenderId: 'T9',
        minor: 1,
        currency: 'CNY',
      }),
    ).toMatchObject({ ok: false });
  });
});
