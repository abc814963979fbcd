import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimFacePay, SimWalletGateway } from '@storefloor/hardware-sim';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sale } from '../../test/support/store-documents.js';
import { installEdgeErrorHandler } from '../errors/reply-edge-error.js';
import { LaneRegistry } from '../lan/lane-registry.js';
import { openStoreReplica } from '../replica/store-replica.js';
import { type AgentDatabase, openAgentDatabase } from '../state/agent-database.js';
import { AlipayClient } from './alipay-client.js';
import { manualClock } from './wallet-clock.js';
import { walletServiceFrom } from './wallet-config.js';
import { WalletLedger } from './wallet-ledger.js';
import type { WalletProvider } from './wallet-payment.js';
import { replicaSalesCarrying, startWalletRoutes } from './wallet-routes.js';

// The lanes' wallet routes on a real agent database and lane registry, against the simulated gateway and
// face-pay device on loopback sockets. The gateway and the agent share a manual clock, so a shopper's 20 s
// and the 45 s limit take no real time; "at most one charge" is read from what the gateway moved.
const clock = manualClock(Date.UTC(2026, 11, 2, 4, 0, 0));
const app_ = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_PRIVATE = app_.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const WECHAT = { appId: 'wx2421b1c4370ec43b', mchId: '10000100', apiKey: '192006250b4c09247ec02edce69f6a2d' };
const ALIPAY_APP = '2021000000000001';
const STORE = 'store-12';
const LANE_TOKEN = 'lane-3-token-abcdefghijklmnopqrstuvwxyz';
const OTHER_LANE_TOKEN = 'lane-4-token-abcdefghijklmnopqrstuvwxyz';
const CODES: Record<WalletProvider, string> = {
  'wechat-pay': '134567890123456789',
  alipay: '2888888888888888',
};

const gateway = new SimWalletGateway({
  id: 'gw-routes',
  clock,
  wechat: [WECHAT],
  alipay: [
    { appId: ALIPAY_APP, appPublicKeyPem: app_.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  ],
});
const facePay = new SimFacePay({ id: 'face-routes' });
let dir: string;
let db: AgentDatabase;
let app: FastifyInstance;
let tender = 0;

function config(url: string) {
  return {
    wechat: { baseUrl: url, ...WECHAT, timeoutMs: 400 },
    alipay: {
      gatewayUrl: `${url}/gateway.do`,
      appId: ALIPAY_APP,
      appPrivateKeyPem: APP_PRIVATE,
      alipayPublicKeyPem: gateway.alipayPublicKeyPem(),
      timeoutMs: 400,
    },
  };
}

async function agentApp(database: AgentDatabase, url: string): Promise<FastifyInstance> {
  const server = Fastify();
  installEdgeErrorHandler(server);
  const registry = new LaneRegistry(database);
  registry.enroll({ deviceId: 'lane-3', storeId: STORE, token: LANE_TOKEN });
  registry.enroll({ deviceId: 'lane-4', storeId: STORE, token: OTHER_LANE_TOKEN });
  // The routes as start-edge-agent wires them, with the shared clock for the charge loop and the ledger.
  const { registerWalletRoutes } = await import('./wallet-routes.js');
  registerWalletRoutes(server, {
    wallet: walletServiceFrom(config(url), { clock }),
    ledger: new WalletLedger(database),
    now: clock.now,
    authenticate: (request) => {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return { ok: false, code: 'unauthorized' };
      const auth = registry.authenticate(token);
      return auth.ok ? { ok: true, lane: auth.lane } : { ok: false, code: auth.reason };
    },
  });
  await server.ready();
  return server;
}

const nextTender = (p: WalletProvider) =>
  `T${p === 'alipay' ? 'A' : 'W'}${String(++tender).padStart(6, '0')}`;

async function pay(
  provider: WalletProvider,
  extra: Record<string, unknown> = {},
  token = LANE_TOKEN,
  on: FastifyInstance = app,
) {
  const body = {
    tenderId: nextTender(provider),
    provider,
    code: CODES[provider],
    amount: { minor: 8888, currency: 'CNY' },
    ...extra,
  };
  const res = await on.inject({
    method: 'POST',
    url: '/api/wallet/payments',
    headers: { authorization: `Bearer ${token}` },
    payload: body,
  });
  return { body, status: res.statusCode, json: res.json() };
}

/** The outcome of a charge: the POST's, or the GET's once the shopper is done. */
async function outcome(
  r: { status: number; json: { tenderId: string; state: string } },
  on: FastifyInstance = app,
) {
  let view = r.json;
  while (view.state === 'pending' || view.state === 'waiting-for-shopper') {
    const got = await on.inject({
      url: `/api/wallet/payments/${view.tenderId}?waitMs=200`,
      headers: { authorization: `Bearer ${LANE_TOKEN}` },
    });
    view = got.json();
  }
  return view;
}

const standing = (tenderId: string) =>
  gateway.charges().filter((c) => c.outTradeNo === tenderId && !c.reversed);

beforeAll(async () => {
  await gateway.start();
  await facePay.start();
  dir = mkdtempSync(join(tmpdir(), 'wallet-routes-'));
  db = openAgentDatabase(dir);
  app = await agentApp(db, gateway.endpoint().url as string);
});

afterAll(async () => {
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await facePay.stop();
  await gateway.stop();
});

describe.each(['wechat-pay', 'alipay'] as const)('%s through the agent routes', (provider) => {
  it('pays once; the same tender asked again answers the same outcome without a second charge', async () => {
    const first = await pay(provider);
    expect(first).toMatchObject({ status: 200, json: { state: 'paid', provider, amount: { minor: 8888 } } });
    const again = await app.inject({
      method: 'POST',
      url: '/api/wallet/payments',
      headers: { authorization: `Bearer ${LANE_TOKEN}` },
      payload: first.body,
    });
    expect(again.json()).toMatchObject({ state: 'paid', providerTradeNo: first.json.providerTradeNo });
    const got = await app.inject({
      url: `/api/wallet/payments/${first.body.tenderId}`,
      headers: { authorization: `Bearer ${LANE_TOKEN}` },
    });
    expect(got.json()).toMatchObject({ state: 'paid' });
    expect(standing(first.body.tenderId)).toHaveLength(1);
  });

  it('a shopper who takes 20 s to confirm is paid once', async () => {
    gateway.injectFault('shopper-slow');
    const started = clock.now();
    const r = await pay(provider);
    expect(r).toMatchObject({ status: 202, json: { state: 'waiting-for-shopper' } });
    expect(await outcome(r)).toMatchObject({ state: 'paid' });
    expect(clock.now() - started).toBeGreaterThanOrEqual(20_000);
    expect(standing(r.body.tenderId)).toHaveLength(1);
  });

  it.each([
    ['insufficient-balance', 'insufficient-balance'],
    ['expired-code', 'code-expired'],
  ] as const)('%s: a typed failure with the provider code, nothing charged', async (fault, reason) => {
    gateway.injectFault(fault);
    const r = await pay(provider);
    expect(r).toMatchObject({ status: 200, json: { state: 'failed', failure: { reason } } });
    expect(r.json.failure.detail).toMatch(/[A-Z_.]{5,}/);
    expect(standing(r.body.tenderId)).toHaveLength(0);
  });

  it('a system error then success, and no answer at all: found paid by the query, one charge each', async () => {
    gateway.injectFault('system-error-then-success');
    const a = await pay(provider);
    expect(a.json).toMatchObject({ state: 'paid' });
    gateway.injectFault('no-answer');
    const b = await pay(provider);
    expect(b.json).toMatchObject({ state: 'paid' });
    expect(standing(a.body.tenderId)).toHaveLength(1);
    expect(standing(b.body.tenderId)).toHaveLength(1);
  });

  it('an answer with a bad signature or another amount: refused, the order reversed, nothing standing', async () => {
    gateway.injectFault('bad-signature');
    const a = await pay(provider);
    expect(a.json).toMatchObject({ state: 'failed', failure: { reason: 'bad-signature' } });
    gateway.injectFault('wrong-amount');
    const b = await pay(provider);
    expect(b.json).toMatchObject({ state: 'failed', failure: { reason: 'amount-mismatch' } });
    expect(standing(a.body.tenderId)).toHaveLength(0);
    expect(standing(b.body.tenderId)).toHaveLength(0);
  });

  it('the same out_trade_no with another amount is refused by the agent before any call', async () => {
    const first = await pay(provider);
    const before = gateway.charges().length;
    const other = await app.inject({
      method: 'POST',
      url: '/api/wallet/payments',
      headers: { authorization: `Bearer ${LANE_TOKEN}` },
      payload: { ...first.body, amount: { minor: 9999, currency: 'CNY' } },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: { code: 'wallet-tender-conflict' } });
    expect(gateway.charges().length).toBe(before);
    expect(standing(first.body.tenderId)).toMatchObject([{ minor: 8888 }]);
  });

  it('a face code from the face-pay device is charged the same way, once', async () => {
    const tenderId = nextTender(provider);
    const res = await fetch(facePay.endpoint().url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider, tenderId, amount: { minor: 8888, currency: 'CNY' } }),
    });
    const { face_code } = (await res.json()) as { face_code: string };
    const r = await pay(provider, { tenderId, source: 'face', code: face_code });
    expect(r.json).toMatchObject({ state: 'paid', source: 'face' });
    expect(standing(tenderId)).toHaveLength(1);
  });

  it('refunds under the refund id once; more than is left is refused before any call', async () => {
    const paid = await pay(provider, { amount: { minor: 5000, currency: 'CNY' } });
    const refund = (refundId: string, minor: number) =>
      app.inject({
        method: 'POST',
        url: '/api/wallet/refunds',
        headers: { authorization: `Bearer ${LANE_TOKEN}` },
        payload: { tenderId: paid.body.tenderId, refundId, amount: { minor, currency: 'CNY' } },
      });
    const r1 = `${paid.body.tenderId}-R1`;
    expect((await refund(r1, 2000)).json()).toMatchObject({ state: 'refunded', amount: { minor: 2000 } });
    expect((await refund(r1, 2000)).json()).toMatchObject({ state: 'refunded' });
    const tooMuch = await refund(`${paid.body.tenderId}-R2`, 3001);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ error: { code: 'wallet-refund-exceeds-payment' } });
    expect((await refund(r1, 1000)).json()).toMatchObject({ error: { code: 'wallet-refund-conflict' } });
    gateway.injectFault('refund-reply-lost');
    expect((await refund(`${paid.body.tenderId}-R3`, 3000)).json()).toMatchObject({ state: 'refunded' });
    expect(standing(paid.body.tenderId)).toMatchObject([{ minor: 5000, refundedMinor: 5000 }]);
  });
});

describe('the agent as the lanes see it', () => {
  it('answers 202 waiting-for-shopper while the shopper confirms, then the outcome by GET', async () => {
    // Real time here: the shopper takes 600 ms, the agent polls every 100 ms, the route answers within 50 ms.
    const realDir = mkdtempSync(join(tmpdir(), 'wallet-routes-real-'));
    const realDb = openAgentDatabase(realDir);
    const slow = new SimWalletGateway({ id: 'gw-slow', wechat: [WECHAT], confirmDelayMs: 600 });
    await slow.start();
    const server = Fastify();
    installEdgeErrorHandler(server);
    const registry = new LaneRegistry(realDb);
    registry.enroll({ deviceId: 'lane-3', storeId: STORE, token: LANE_TOKEN });
    const { registerWalletRoutes } = await import('./wallet-routes.js');
    registerWalletRoutes(server, {
      wallet: walletServiceFrom({
        wechat: { baseUrl: slow.endpoint().url as string, ...WECHAT },
        pollIntervalMs: 100,
      }),
      ledger: new WalletLedger(realDb),
      answerWithinMs: 50,
      authenticate: () => ({ ok: true, lane: { deviceId: 'lane-3', storeId: STORE } }),
    });
    try {
      slow.injectFault('shopper-slow');
      const r = await pay('wechat-pay', {}, LANE_TOKEN, server);
      expect(r).toMatchObject({ status: 202, json: { state: 'waiting-for-shopper' } });
      await expect
        .poll(async () => {
          const got = await server.inject({ url: `/api/wallet/payments/${r.body.tenderId}?waitMs=500` });
          return got.json().state;
        })
        .toBe('paid');
      expect(slow.charges().filter((c) => c.outTradeNo === r.body.tenderId)).toHaveLength(1);
    } finally {
      await server.close();
      realDb.close();
      rmSync(realDir, { recursive: true, force: true });
      await slow.stop();
    }
  });

  it('a shopper who never confirms: reversed at the limit, nothing charged, the cashier told timed-out', async () => {
    gateway.setConfirmDelay(120_000);
    gateway.injectFault('shopper-slow');
    const r = await pay('alipay');
    const final = await outcome(r);
    gateway.setConfirmDelay(20_000);
    expect(final).toMatchObject({ state: 'failed', failure: { reason: 'timed-out' } });
    expect(standing(r.body.tenderId)).toHaveLength(0);
  });

  it('with the WAN down the charge answers wan-down at once, nothing recorded as paid', async () => {
    // A port nothing listens on: the connection is refused, as when the store's uplink is down.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const down = await agentApp(db, `http://127.0.0.1:${port}`);
    try {
      const started = Date.now();
      const r = await pay('wechat-pay', {}, LANE_TOKEN, down);
      expect(r.json).toMatchObject({ state: 'failed', failure: { reason: 'wan-down' } });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await down.close();
    }
  });

  it('refuses a lane without a token, a payment code that is not one, and another lane reusing a tender id', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/wallet/payments', payload: {} });
    expect(none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const bad = await pay('wechat-pay', { code: '4006381333931' });
    expect(bad.json).toMatchObject({ state: 'failed', failure: { reason: 'invalid-code' } });
    expect(standing(bad.body.tenderId)).toHaveLength(0);
    const mine = await pay('wechat-pay');
    const theirs = await app.inject({
      method: 'POST',
      url: '/api/wallet/payments',
      headers: { authorization: `Bearer ${OTHER_LANE_TOKEN}` },
      payload: mine.body,
    });
    expect(theirs.json()).toMatchObject({ error: { code: 'wallet-tender-conflict' } });
    const schema = await app.inject({
      method: 'POST',
      url: '/api/wallet/payments',
      headers: { authorization: `Bearer ${LANE_TOKEN}` },
      payload: { ...mine.body, tenderId: 'x'.repeat(33) },
    });
    expect(schema.json()).toMatchObject({ error: { code: 'invalid-request' } });
  });

  it('a charge cut short by an agent restart is settled by query, never paid again', async () => {
    const ledger = new WalletLedger(db);
    const tenderId = nextTender('wechat-pay');
    // The previous run recorded the tender and the provider took it; the answer never reached the ledger.
    ledger.begin(
      {
        tenderId,
        provider: 'wechat-pay',
        source: 'payment-code',
        minor: 1234,
        currency: 'CNY',
        deviceId: 'lane-3',
      },
      clock.now(),
    );
    const client = walletServiceFrom(config(gateway.endpoint().url as string), { clock });
    expect(
      await client.charge({
        tenderId,
        provider: 'wechat-pay',
        code: CODES['wechat-pay'],
        amount: { minor: 1234, currency: 'CNY' },
        subject: 'before the restart',
      }),
    ).toMatchObject({ ok: true });
    const restarted = Fastify();
    const registry = new LaneRegistry(db);
    const routes = startWalletRoutes(restarted, {
      db,
      registry,
      storeId: () => STORE,
      config: config(gateway.endpoint().url as string),
    });
    await routes.settleUnfinished();
    expect(ledger.tender(tenderId)).toMatchObject({ state: 'paid' });
    expect(standing(tenderId)).toHaveLength(1);
    await restarted.close();
  });

  it("reconciles the provider's statement: one payment missing from it, one extra on it", async () => {
    const day = new Date(clock.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const ledger = new WalletLedger(db);
    // In the store's books, never at the provider (a tender the provider lost).
    ledger.begin(
      {
        tenderId: 'MISSING-1',
        provider: 'alipay',
        source: 'payment-code',
        minor: 700,
        currency: 'CNY',
        deviceId: 'lane-3',
      },
      clock.now(),
    );
    ledger.paid('MISSING-1', '2026120222001000000099', clock.now());
    // At the provider, never through the agent (a charge the store has no tender for).
    const direct = new AlipayClient({
      gatewayUrl: `${gateway.endpoint().url}/gateway.do`,
      appId: ALIPAY_APP,
      appPrivateKeyPem: APP_PRIVATE,
      alipayPublicKeyPem: gateway.alipayPublicKeyPem(),
    });
    expect(
      await direct.pay({
        tenderId: 'EXTRA-1',
        provider: 'alipay',
        code: CODES.alipay,
        amount: { minor: 321, currency: 'CNY' },
        subject: 'not through the agent',
      }),
    ).toMatchObject({ state: 'paid' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/wallet/reconciliations',
      headers: { authorization: `Bearer ${LANE_TOKEN}` },
      payload: { provider: 'alipay', day },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.missing).toEqual([expect.objectContaining({ tenderId: 'MISSING-1', minor: 700 })]);
    expect(report.extra).toEqual([expect.objectContaining({ tenderId: 'EXTRA-1', minor: 321 })]);
    expect(report.amountDiffers).toEqual([]);
    expect(report.matched).toBeGreaterThan(5);
  });

  it('a reconciliation also names money taken that no completed sale carries', async () => {
    const replicaDir = mkdtempSync(join(tmpdir(), 'wallet-replica-'));
    const replica = await openStoreReplica({ directory: replicaDir });
    const server = Fastify();
    installEdgeErrorHandler(server);
    const { registerWalletRoutes } = await import('./wallet-routes.js');
    registerWalletRoutes(server, {
      wallet: walletServiceFrom(config(gateway.endpoint().url as string), { clock }),
      ledger: new WalletLedger(db),
      now: clock.now,
      salesCarrying: replicaSalesCarrying(replica),
      authenticate: () => ({ ok: true, lane: { deviceId: 'lane-3', storeId: STORE } }),
    });
    try {
      const day = new Date(clock.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const sold = await pay('wechat-pay', { amount: { minor: 449, currency: 'CNY' } }, LANE_TOKEN, server);
      const unsold = await pay('wechat-pay', { amount: { minor: 449, currency: 'CNY' } }, LANE_TOKEN, server);
      expect([sold.json.state, unsold.json.state]).toEqual(['paid', 'paid']);
      // The lane completed a sale with the first tender; it crashed before recording the second.
      await replica.sales.insert({
        ...sale({ storeId: STORE, deviceId: 'lane-3', businessDay: day }),
        currency: 'CNY',
        tenders: [{ id: sold.body.tenderId, kind: 'wallet', amount: 449, reference: 'wechat-pay:4200' }],
      });
      const res = await server.inject({
        method: 'POST',
        url: '/api/wallet/reconciliations',
        payload: { provider: 'wechat-pay', day },
      });
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as { paidWithoutSale: { tenderId: string }[] };
      const ids = report.paidWithoutSale.map((x) => x.tenderId);
      expect(ids).toContain(unsold.body.tenderId);
      expect(ids).not.toContain(sold.body.tenderId);
    } finally {
      await server.close();
      await replica.close();
      rmSync(replicaDir, { recursive: true, force: true });
    }
  });
});
