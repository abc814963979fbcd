import { generateKeyPairSync } from 'node:crypto';
import { SimWalletGateway } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlipayClient } from './alipay-client.js';
import { chargeWallet } from './charge-wallet.js';
import { reconcileStatement, type StoreWalletMovement } from './reconcile-statement.js';
import { refundWallet } from './refund-wallet.js';
import { manualClock } from './wallet-clock.js';
import type { WalletGateway } from './wallet-gateway.js';
import type { WalletProvider } from './wallet-payment.js';
import { readAlipayStatement, readWechatStatement } from './wallet-statement.js';
import { WechatPayClient } from './wechat-pay-client.js';

/**
 * After the example in WeChat Pay's downloadbill document (pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=9_6,
 * 返回结果示例): the older column set (总金额), every field behind a backtick, the totals at the end.
 */
const WECHAT_DOC_BILL = [
  '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率',
  '`2014-11-10 16:33:45,`wx2421b1c4370ec43b,`10000100,`0,`1000,`1001690740201411100005734289,`1415640626,`085e9858e3ba5186aafcbaed1,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`0.01,`0.0,`0,`0,`0,`0,`,`,`被扫支付测试,`订单额外描述,`0,`0.60%',
  '`2014-11-10 16:46:14,`wx2421b1c4370ec43b,`10000100,`0,`1000,`1002780740201411100005729794,`1415635270,`085e9858e90ca40c0b5aee463,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`0.01,`0.0,`0,`0,`0,`0,`,`,`被扫支付测试,`订单额外描述,`0,`0.60%',
  '总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额',
  '`2,`0.02,`0.0,`0.0,`0',
].join('\r\n');

describe('reconcileStatement (pure)', () => {
  const line = (
    tenderId: string,
    minor: number,
    kind: 'payment' | 'refund' = 'payment',
    refundId?: string,
  ) => ({
    provider: 'wechat-pay' as const,
    kind,
    tenderId,
    providerTradeNo: `42${tenderId}`,
    minor,
    ...(refundId ? { refundId } : {}),
  });

  it('reports one missing, one extra and one amount that differs; the rest match', () => {
    const store: StoreWalletMovement[] = [
      { provider: 'wechat-pay', kind: 'payment', tenderId: 'T1', minor: 100 },
      { provider: 'wechat-pay', kind: 'payment', tenderId: 'T2', minor: 200 },
      { provider: 'wechat-pay', kind: 'payment', tenderId: 'T3', minor: 300 },
      { provider: 'wechat-pay', kind: 'refund', tenderId: 'T1', refundId: 'R1', minor: 50 },
    ];
    const report = reconcileStatement(store, [
      line('T1', 100),
      line('T2', 250),
      line('T9', 900),
      line('T1', 50, 'refund', 'R1'),
    ]);
    expect(report.matched).toBe(2);
    expect(report.missing).toEqual([store[2]]);
    expect(report.extra).toEqual([line('T9', 900)]);
    expect(report.amountDiffers).toEqual([{ store: store[1], statement: line('T2', 250) }]);
  });

  it('a tender on the statement twice is one match and one extra', () => {
    const store: StoreWalletMovement[] = [
      { provider: 'alipay', kind: 'payment', tenderId: 'T1', minor: 100 },
    ];
    const twice = { ...line('T1', 100), provider: 'alipay' as const };
    expect(reconcileStatement(store, [twice, twice])).toMatchObject({ matched: 1, extra: [twice] });
  });
});

describe('reading the providers’ statements', () => {
  it("reads WeChat's documented example: two 0.01 payments as 1 fen each", () => {
    expect(readWechatStatement(WECHAT_DOC_BILL)).toEqual({
      ok: true,
      lines: [
        {
          provider: 'wechat-pay',
          kind: 'payment',
          tenderId: '1415640626',
          providerTradeNo: '1001690740201411100005734289',
          minor: 1,
        },
        {
          provider: 'wechat-pay',
          kind: 'payment',
          tenderId: '1415635270',
          providerTradeNo: '1002780740201411100005729794',
          minor: 1,
        },
      ],
    });
  });

  it('refuses text that is no statement', () => {
    expect(readWechatStatement('<xml>nope</xml>')).toMatchObject({ ok: false, reason: 'bad-statement' });
    expect(readAlipayStatement('#only comments\n')).toMatchObject({ ok: false, reason: 'bad-statement' });
  });
});

describe('the daily statement downloaded from the simulated gateway against the store’s tenders', () => {
  const clock = manualClock(Date.UTC(2026, 11, 2, 4, 0, 0));
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const WECHAT = {
    appId: 'wx2421b1c4370ec43b',
    mchId: '10000100',
    apiKey: '192006250b4c09247ec02edce69f6a2d',
  };
  let gateway: SimWalletGateway;
  let wechat: WechatPayClient;
  let alipay: AlipayClient;

  beforeAll(async () => {
    gateway = new SimWalletGateway({
      id: 'wallet-gw-recon',
      clock,
      wechat: [WECHAT],
      alipay: [
        {
          appId: 'app-1',
          appPublicKeyPem: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      ],
    });
    await gateway.start();
    const url = gateway.endpoint().url as string;
    wechat = new WechatPayClient({ baseUrl: url, ...WECHAT });
    alipay = new AlipayClient({
      gatewayUrl: `${url}/gateway.do`,
      appId: 'app-1',
      appPrivateKeyPem: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      alipayPublicKeyPem: gateway.alipayPublicKeyPem(),
    });
  });

  afterAll(async () => {
    await gateway.stop();
  });

  const cases: [
    WalletProvider,
    () => WalletGateway,
    string,
    string,
    (t: string) => ReturnType<typeof readWechatStatement>,
  ][] = [
    ['wechat-pay', () => wechat, '134567890123456789', '20261202', readWechatStatement],
    ['alipay', () => alipay, '2888888888888888', '2026-12-02', readAlipayStatement],
  ];

  it.each(cases)(
    '%s: one missing and one extra payment are both reported',
    async (provider, client, code, day, read) => {
      const p = provider === 'alipay' ? 'A' : 'W';
      for (const [n, minor] of [
        [1, 1000],
        [2, 2550],
        [3, 399],
      ] as const) {
        const paid = await chargeWallet(
          client(),
          {
            tenderId: `${p}-T${n}`,
            provider,
            code,
            amount: { minor, currency: 'CNY' },
            subject: 'Storefloor',
          },
          { clock },
        );
        expect(paid.ok).toBe(true);
      }
      expect(
        await refundWallet(client(), {
          tenderId: `${p}-T1`,
          refundId: `${p}-R1`,
          amount: { minor: 300, currency: 'CNY' },
          paid: { minor: 1000, currency: 'CNY' },
        }),
      ).toMatchObject({ ok: true });
      const bill = await (client() as WechatPayClient | AlipayClient).downloadBill(day);
      if (!bill.ok) throw new Error(bill.detail);
      const statement = read(bill.text);
      if (!statement.ok) throw new Error(statement.detail);
      // The store's books: T3 never recorded (the lane crashed after the charge), and a T4 the provider never took.
      const store: StoreWalletMovement[] = [
        { provider, kind: 'payment', tenderId: `${p}-T1`, minor: 1000 },
        { provider, kind: 'payment', tenderId: `${p}-T2`, minor: 2550 },
        { provider, kind: 'payment', tenderId: `${p}-T4`, minor: 800 },
        { provider, kind: 'refund', tenderId: `${p}-T1`, refundId: `${p}-R1`, minor: 300 },
      ];
      const report = reconcileStatement(store, statement.lines);
      expect(report.matched).toBe(3);
      expect(report.missing).toEqual([store[2]]);
      expect(report.extra).toMatchObject([{ provider, kind: 'payment', tenderId: `${p}-T3`, minor: 399 }]);
      expect(report.amountDiffers).toEqual([]);
    },
  );

  it('a day without trades is no-bill, not an empty reconciliation', async () => {
    expect(await wechat.downloadBill('20261201')).toMatchObject({ ok: false, reason: 'no-bill' });
    expect(await alipay.downloadBill('2026-12-01')).toMatchObject({ ok: false, reason: 'no-bill' });
  });
});
