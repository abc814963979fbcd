import { SimFacePay } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFaceCode } from './face-pay-client.js';

describe('face-pay device over loopback HTTP', () => {
  const sim = new SimFacePay({ id: 'face-1' });
  let url: string;

  beforeAll(async () => {
    await sim.start();
    url = sim.endpoint().url as string;
  });

  afterAll(async () => {
    await sim.stop();
  });

  const ask = (provider: 'wechat-pay' | 'alipay') =>
    requestFaceCode(url, { provider, tenderId: 'T-1', amount: { minor: 1200, currency: 'CNY' } });

  it('gives a face code for each wallet (Alipay tokens begin "fp")', async () => {
    expect(await ask('wechat-pay')).toMatchObject({
      ok: true,
      value: { provider: 'wechat-pay', faceCode: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(await ask('alipay')).toMatchObject({
      ok: true,
      value: { provider: 'alipay', faceCode: expect.stringMatching(/^fp/) },
    });
  });

  it('a shopper who cancels, switches to a payment code, or shows no face is a typed result', async () => {
    sim.injectFault('shopper-cancels');
    expect(await ask('wechat-pay')).toMatchObject({ ok: false, reason: 'shopper-cancelled' });
    sim.injectFault('scan-payment');
    expect(await ask('wechat-pay')).toMatchObject({ ok: false, reason: 'switch-to-payment-code' });
    sim.injectFault('no-face');
    expect(await ask('alipay')).toMatchObject({ ok: false, reason: 'no-face' });
  });
});
