import { SimWalletGateway } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from './wallet-clock.js';
import { WalletService } from './wallet-service.js';
import { WechatPayClient } from './wechat-pay-client.js';

describe('WalletService: what the lanes call at the edge', () => {
  const clock = manualClock(Date.UTC(2026, 11, 2, 4, 0, 0));
  const WECHAT = {
    appId: 'wx2421b1c4370ec43b',
    mchId: '10000100',
    apiKey: '192006250b4c09247ec02edce69f6a2d',
  };
  const gateway = new SimWalletGateway({ id: 'gw-service', clock, wechat: [WECHAT] });
  let service: WalletService;

  beforeAll(async () => {
    await gateway.start();
    service = new WalletService(
      [new WechatPayClient({ baseUrl: gateway.endpoint().url as string, ...WECHAT })],
      { clock },
    );
  });

  afterAll(async () => {
    await gateway.stop();
  });

  const request = (tenderId: string) => ({
    tenderId,
    provider: 'wechat-pay' as const,
    code: '134567890123456789',
    amount: { minor: 4200, currency: 'CNY' },
    subject: 'Storefloor',
  });

  it('two lane requests for one tender at once are one charge', async () => {
    gateway.injectFault('shopper-slow');
    const [a, b] = await Promise.all([service.charge(request('SVC-1')), service.charge(request('SVC-1'))]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(gateway.charges().filter((c) => c.outTradeNo === 'SVC-1')).toHaveLength(1);
  });

  it('a provider the store has not configured is a typed error', async () => {
    expect(
      await service.charge({ ...request('SVC-2'), provider: 'alipay', code: '2888888888888888' }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid-request',
    });
  });

  it('reconciles the day: the store missed SVC-3', async () => {
    expect(await service.charge(request('SVC-3'))).toMatchObject({ ok: true });
    const report = await service.reconcile('wechat-pay', '2026-12-02', [
      { provider: 'wechat-pay', kind: 'payment', tenderId: 'SVC-1', minor: 4200 },
    ]);
    expect(report).toMatchObject({
      ok: true,
      value: { matched: 1, missing: [], extra: [{ tenderId: 'SVC-3', minor: 4200 }] },
    });
  });
});
