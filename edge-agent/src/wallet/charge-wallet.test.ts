import { generateKeyPairSync } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { SimFacePay, SimWalletGateway } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlipayClient } from './alipay-client.js';
import { chargeWallet } from './charge-wallet.js';
import { refundWallet } from './refund-wallet.js';
import { manualClock } from './wallet-clock.js';
import type { WalletGateway } from './wallet-gateway.js';
import type { WalletChargeRequest, WalletProvider } from './wallet-payment.js';
import { WechatPayClient } from './wechat-pay-client.js';

// Every test runs against the simulated gateway on a real loopback socket. The gateway and the charge
// loop share one manual clock, so the shopper's 20 seconds and the 45-second limit take no real time.
const clock = manualClock(Date.UTC(2026, 11, 2, 4, 0, 0));
const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
const WECHAT = { appId: 'wx2421b1c4370ec43b', mchId: '10000100', apiKey: '192006250b4c09247ec02edce69f6a2d' };
const ALIPAY_APP_ID = '2021000000000001';

let gateway: SimWalletGateway;
const facePay = new SimFacePay({ id: 'face-1' });
let clients: Record<WalletProvider, WalletGateway>;
let tender = 0;

const CODES: Record<WalletProvider, string> = {
  'wechat-pay': '134567890123456789',
  alipay: '2888888888888888',
};

function request(
  provider: WalletProvider,
  minor = 8888,
  extra: Partial<WalletChargeRequest> = {},
): WalletChargeRequest {
  tender++;
  return {
    tenderId: `S12-L3-${provider === 'alipay' ? 'A' : 'W'}${String(tender).padStart(4, '0')}`,
    provider,
    code: CODES[provider],
    amount: { minor, currency: 'CNY' },
    subject: 'Storefloor 12 · lane 3',
    ...extra,
  };
}

/** Net money moved for one tender at the gateway: charges not reversed. */
const standing = (tenderId: string) =>
  gateway.charges().filter((c) => c.outTradeNo === tenderId && !c.reversed);

beforeAll(async () => {
  gateway = new SimWalletGateway({
    id: 'wallet-gw',
    clock,
    wechat: [WECHAT],
    alipay: [
      {
        appId: ALIPAY_APP_ID,
        appPublicKeyPem: app.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    ],
  });
  await gateway.start();
  await facePay.start();
  const url = gateway.endpoint().url as string;
  clients = {
    'wechat-pay': new WechatPayClient({ baseUrl: url, ...WECHAT, timeoutMs: 400 }),
    alipay: new AlipayClient({
      gatewayUrl: `${url}/gateway.do`,
      appId: ALIPAY_APP_ID,
      appPrivateKeyPem: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      alipayPublicKeyPem: gateway.alipayPublicKeyPem(),
      timeoutMs: 400,
    }),
  };
});

afterAll(async () => {
  await facePay.stop();
  await gateway.stop();
});

describe.each(['wechat-pay', 'alipay'] as const)(
  '%s payment code against the simulated gateway',
  (provider) => {
    const charge = (r: WalletChargeRequest, opts = {}) =>
      chargeWallet(clients[provider], r, { clock, ...opts });

    it('pays, charged once, the tender id as the merchant order number', async () => {
      const r = request(provider);
      const paid = await charge(r);
      expect(paid).toMatchObject({
        ok: true,
        value: { tenderId: r.tenderId, amount: { minor: 8888, currency: 'CNY' } },
      });
      expect(standing(r.tenderId)).toHaveLength(1);
    });

    it('a shopper who takes 20 s to confirm: waiting shown, polled, paid once', async () => {
      gateway.setConfirmDelay(20_000);
      gateway.injectFault('shopper-slow');
      const r = request(provider);
      let waiting = 0;
      const started = clock.now();
      const paid = await charge(r, { onWaiting: () => waiting++ });
      expect(paid).toMatchObject({ ok: true });
      expect(waiting).toBe(1);
      expect(clock.now() - started).toBeGreaterThanOrEqual(20_000);
      expect(standing(r.tenderId)).toHaveLength(1);
    });

    it('a shopper who never confirms within the limit: the order is reversed, nothing charged', async () => {
      gateway.setConfirmDelay(120_000);
      gateway.injectFault('shopper-slow');
      const r = request(provider);
      expect(await charge(r)).toMatchObject({ ok: false, reason: 'timed-out' });
      expect(standing(r.tenderId)).toHaveLength(0);
      gateway.setConfirmDelay(20_000);
    });

    it('insufficient balance and an expired code are typed results with the provider code, no charge', async () => {
      gateway.injectFault('insufficient-balance');
      const poor = request(provider);
      expect(await charge(poor)).toMatchObject({
        ok: false,
        reason: 'insufficient-balance',
        detail: expect.stringContaining(provider === 'alipay' ? 'ACQ.BUYER_BALANCE_NOT_ENOUGH' : 'NOTENOUGH'),
      });
      gateway.injectFault('expired-code');
      const expired = request(provider);
      expect(await charge(expired)).toMatchObject({
        ok: false,
        reason: 'code-expired',
        detail: expect.stringContaining(
          provider === 'alipay' ? 'ACQ.PAYMENT_AUTH_CODE_INVALID' : 'AUTHCODEEXPIRE',
        ),
      });
      expect(standing(poor.tenderId)).toHaveLength(0);
      expect(standing(expired.tenderId)).toHaveLength(0);
    });

    it('a system error then success: the query finds it paid, one charge', async () => {
      gateway.injectFault('system-error-then-success');
      const r = request(provider);
      expect(await charge(r)).toMatchObject({ ok: true });
      expect(standing(r.tenderId)).toHaveLength(1);
    });

    it('no answer at all: the query finds it paid, one charge', async () => {
      gateway.injectFault('no-answer');
      const r = request(provider);
      expect(await charge(r)).toMatchObject({ ok: true });
      expect(standing(r.tenderId)).toHaveLength(1);
    });

    it('the same tender again is the same order: no second charge; another amount is refused', async () => {
      const r = request(provider);
      const first = await charge(r);
      const again = await charge(r);
      expect(again).toMatchObject({
        ok: true,
        value: { providerTradeNo: first.ok ? first.value.providerTradeNo : '' },
      });
      expect(await charge({ ...r, amount: { minor: 9999, currency: 'CNY' } })).toMatchObject({
        ok: false,
        reason: 'duplicate-tender',
      });
      expect(standing(r.tenderId)).toMatchObject([{ minor: 8888 }]);
    });

    it('an answer with a bad signature is refused and nothing stays charged', async () => {
      gateway.injectFault('bad-signature');
      const r = request(provider);
      expect(await charge(r)).toMatchObject({ ok: false, reason: 'bad-signature' });
      expect(standing(r.tenderId)).toHaveLength(0);
    });

    it('an answer naming another amount is refused and the charge reversed', async () => {
      gateway.injectFault('wrong-amount');
      const r = request(provider);
      expect(await charge(r)).toMatchObject({ ok: false, reason: 'amount-mismatch' });
      expect(standing(r.tenderId)).toHaveLength(0);
    });

    it('a face code from the face-pay device is charged the same way (facepay / security_code), once', async () => {
      const r = request(provider, 1234);
      const res = await fetch(facePay.endpoint().url as string, {
        method: 'POST',
        body: JSON.stringify({ provider, tenderId: r.tenderId, amount: r.amount }),
      });
      const { face_code: faceCode } = (await res.json()) as { face_code: string };
      expect(await charge({ ...r, source: 'face', code: faceCode })).toMatchObject({
        ok: true,
        value: { amount: r.amount },
      });
      expect(standing(r.tenderId)).toHaveLength(1);
    });

    it('a code that is not a payment code, or is the other wallet’s, never reaches the gateway', async () => {
      const before = gateway.charges().length;
      expect(await charge(request(provider, 100, { code: '4006381333931' }))).toMatchObject({
        ok: false,
        reason: 'invalid-code',
      });
      const other = provider === 'alipay' ? CODES['wechat-pay'] : CODES.alipay;
      expect(await charge(request(provider, 100, { code: other }))).toMatchObject({
        ok: false,
        reason: 'invalid-code',
      });
      expect(await charge(request(provider, 0))).toMatchObject({ ok: false, reason: 'invalid-request' });
      expect(gateway.charges().length).toBe(before);
    });

    it('refunds part, refuses a refund larger than what is left, and the same refund id twice is one refund', async () => {
      const r = request(provider, 5000);
      await charge(r);
      const refund = {
        tenderId: r.tenderId,
        refundId: `${r.tenderId}-R1`,
        amount: { minor: 2000, currency: 'CNY' },
        paid: r.amount,
      };
      expect(await refundWallet(clients[provider], refund)).toMatchObject({ ok: true });
      expect(await refundWallet(clients[provider], refund)).toMatchObject({ ok: true });
      expect(
        await refundWallet(clients[provider], {
          ...refund,
          refundId: `${r.tenderId}-R2`,
          amount: { minor: 3500, currency: 'CNY' },
          alreadyRefunded: 2000,
        }),
      ).toMatchObject({ ok: false, reason: 'refund-exceeds-payment' });
      // The lane's own count is wrong here; the provider refuses it the same way.
      expect(
        await refundWallet(clients[provider], {
          ...refund,
          refundId: `${r.tenderId}-R3`,
          amount: { minor: 3500, currency: 'CNY' },
        }),
      ).toMatchObject({ ok: false, reason: 'refund-exceeds-payment' });
      expect(standing(r.tenderId)).toMatchObject([{ minor: 5000, refundedMinor: 2000 }]);
    });

    it('a refund whose answer is lost is sent again under the same refund id: refunded once', async () => {
      const r = request(provider, 3000);
      await charge(r);
      gateway.injectFault('refund-reply-lost');
      const refund = {
        tenderId: r.tenderId,
        refundId: `${r.tenderId}-R1`,
        amount: { minor: 1000, currency: 'CNY' },
        paid: r.amount,
      };
      const done = await refundWallet(clients[provider], refund, { clock });
      expect(done).toMatchObject({ ok: true });
      expect(standing(r.tenderId)).toMatchObject([{ minor: 3000, refundedMinor: 1000 }]);
    });
  },
);

describe('signatures the gateway checks as the providers do', () => {
  it('a WeChat request signed with the wrong key is refused with 签名错误', async () => {
    const url = gateway.endpoint().url as string;
    const wrong = new WechatPayClient({
      baseUrl: url,
      ...WECHAT,
      apiKey: 'ffffffffffffffffffffffffffffffff',
    });
    const r = request('wechat-pay');
    expect(await chargeWallet(wrong, r, { clock })).toMatchObject({
      ok: false,
      reason: 'rejected',
      detail: expect.stringContaining('签名错误'),
    });
    expect(gateway.refusedSignatures).toContain('wechat-pay /pay/micropay');
    expect(standing(r.tenderId)).toHaveLength(0);
  });

  it('an Alipay request signed with another app key is refused with isv.invalid-signature', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const url = gateway.endpoint().url as string;
    const wrong = new AlipayClient({
      gatewayUrl: `${url}/gateway.do`,
      appId: ALIPAY_APP_ID,
      appPrivateKeyPem: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      alipayPublicKeyPem: gateway.alipayPublicKeyPem(),
    });
    const r = request('alipay');
    expect(await chargeWallet(wrong, r, { clock })).toMatchObject({
      ok: false,
      reason: 'rejected',
      detail: expect.stringContaining('isv.invalid-signature'),
    });
    expect(gateway.refusedSignatures).toContain('alipay alipay.trade.pay');
  });

  it('with the WAN down the lane is told at once, nothing charged', async () => {
    // A port that was just free: nothing listens there any more.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const down = new WechatPayClient({ baseUrl: `http://127.0.0.1:${port}`, ...WECHAT });
    expect(await chargeWallet(down, request('wechat-pay'), { clock })).toMatchObject({
      ok: false,
      reason: 'wan-down',
    });
  });
});
