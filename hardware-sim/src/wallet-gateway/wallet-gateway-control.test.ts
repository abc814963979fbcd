import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimFacePay } from '../face-pay/sim-face-pay.js';
import { SimNexoTerminal } from '../nexo-terminal/sim-nexo-terminal.js';
import { SimRegistry } from '../registry.js';
import { buildControlServer } from '../server/build-control-server.js';
import { wechatSignOf } from './provider-signatures.js';
import { SimWalletGateway } from './sim-wallet-gateway.js';
import { writeWechatXml } from './wechat-xml-body.js';

/** The payment simulators through the control API's own routes: faults set there act on the real socket. */
describe('payment simulators under the control API', () => {
  const WECHAT = {
    appId: 'wxd930ea5d5a258f4f',
    mchId: '10000100',
    apiKey: '192006250b4c09247ec02edce69f6a2d',
  };
  const registry = new SimRegistry();
  const gateway = new SimWalletGateway({ id: 'wallet-gateway-1', wechat: [WECHAT] });
  registry.add(gateway);
  registry.add(new SimNexoTerminal({ id: 'terminal-nexo-1', tls: false }));
  registry.add(new SimFacePay({ id: 'face-pay-1' }));
  const app = buildControlServer({ registry });

  beforeAll(async () => {
    await registry.startAll();
  });

  afterAll(async () => {
    await app.close();
    await registry.stopAll();
  });

  const micropay = (outTradeNo: string) => {
    const params: Record<string, string> = {
      appid: WECHAT.appId,
      mch_id: WECHAT.mchId,
      nonce_str: 'ibuaiVcKdpRxkhJA',
      body: 'test',
      out_trade_no: outTradeNo,
      total_fee: '100',
      spbill_create_ip: '127.0.0.1',
      auth_code: '134567890123456789',
    };
    params.sign = wechatSignOf(params, WECHAT.apiKey, 'MD5');
    return fetch(`${gateway.endpoint().url}/pay/micropay`, {
      method: 'POST',
      body: writeWechatXml(params),
    }).then((r) => r.text());
  };

  it('lists the three with their faults and endpoints', async () => {
    const { devices } = (await app.inject({ method: 'GET', url: '/devices' })).json() as {
      devices: { id: string; kind: string; url?: string; faultKinds: string[] }[];
    };
    expect(devices.map((d) => [d.id, d.kind])).toEqual([
      ['wallet-gateway-1', 'wallet-gateway'],
      ['terminal-nexo-1', 'payment-terminal'],
      ['face-pay-1', 'face-pay'],
    ]);
    for (const d of devices) expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(devices[0]?.faultKinds).toContain('shopper-slow');
  });

  it('a fault set through POST /devices/:id/fault acts once on the next payment; transactions show the charges', async () => {
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/devices/wallet-gateway-1/fault',
          payload: { kind: 'insufficient-balance' },
        })
      ).statusCode,
    ).toBe(200);
    expect(await micropay('CTL-1')).toContain('<err_code><![CDATA[NOTENOUGH]]></err_code>');
    expect(await micropay('CTL-2')).toContain('<result_code><![CDATA[SUCCESS]]></result_code>');
    const res = await app.inject({ method: 'GET', url: '/devices/wallet-gateway-1/transactions' });
    expect(res.json()).toMatchObject({
      transactions: [{ provider: 'wechat-pay', outTradeNo: 'CTL-2', minor: 100 }],
    });
  });

  it('an unknown fault is refused', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/devices/terminal-nexo-1/fault',
      payload: { kind: 'on-fire' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'unknown-fault' });
  });
});
