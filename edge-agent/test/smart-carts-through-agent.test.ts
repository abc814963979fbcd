/**
 * Smart carts through a real edge agent (in process, on real sockets) fed by a real HQ (sync-server on
 * PGlite), with hardware-sim's smart carts dialling the agent's cart link over WebSocket and its wallet
 * gateway taking the payment: a cart with an unscanned item is blocked at checkout until staff clear it
 * with their PIN; checkout prices the basket with core (a promotion applies), is paid by the payment code
 * scanned on the cart, reaches HQ once; the exit code opens the gate once. A replayed, out-of-order, forged
 * or skipped cart message changes nothing; a cart that loses its link, or whose agent restarts, resumes
 * with nothing lost or applied twice; a cart that lost its own link state is started over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EdgeInstruction, SimSmartCart, SimWalletGateway } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type EdgeAgent, type StartEdgeAgentOptions, startEdgeAgent } from '../src/start-edge-agent.js';
import {
  freePort,
  MILK,
  RICE,
  SUPERVISOR,
  TEA,
  TEA_COUPONS,
  WINE,
  writeCartStore,
} from './support/cart-store-master.js';
import { HqServer } from './support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from './support/lane.js';

// Real sockets on a shared 2-core machine: waits are generous, nothing passes or fails by timing.
vi.setConfig({
  testTimeout: 120_000,
  hookTimeout: 120_000,
  expect: { poll: { timeout: 30_000, interval: 50 } },
});

const STORE = 'store-0077';
const T0 = Date.now() - 86_400_000;
/** A chain coupon: 3.00 off the tea. */
const TEA_COUPON = TEA_COUPONS[0];
/** A WeChat Pay payment code as the shopper's app shows it (18 digits from 10-15). */
const WECHAT_CODE = '134567890123456789';
const WECHAT = { appId: 'wx2421b1c4370ec43b', mchId: '10000100', apiKey: '192006250b4c09247ec02edce69f6a2d' };
describe('smart carts through the edge agent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-carts-'));
  const gateway = new SimWalletGateway({ id: 'gw-carts', wechat: [WECHAT] });
  const carts: SimSmartCart[] = [];
  let hq: HqServer;
  let agent: EdgeAgent;
  let agentOptions: StartEdgeAgentOptions;
  let staff: EnrolledLane;
  let cartLinkUrl: string;

  const api = async <T>(path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${agent.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${staff.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  type CartView = { cartId: string; lines?: { code: string }[]; alerts: { id: string; kind: string }[] };
  const cartView = async (cartId: string) =>
    (await api<{ carts: CartView[] }>('/api/carts')).body.carts.find((c) => c.cartId === cartId);
  const startCart = async (id: string) => {
    const cart = new SimSmartCart({ id, url: cartLinkUrl, reconnectDelayMs: 50, heartbeatMs: 60_000 });
    carts.push(cart);
    await cart.start();
    return cart;
  };
  /** Waits until the agent acknowledged and applied everything the cart sent. */
  const applied = async (cart: SimSmartCart) => {
    await expect.poll(() => cart.unacknowledged().length).toBe(0);
    await agent.carts?.service?.settled();
  };
  const of = <K extends EdgeInstruction['type']>(cart: SimSmartCart, type: K) =>
    cart.received().filter((m): m is Extract<EdgeInstruction, { type: K }> => m.type === type);
  const hqDocs = async (collection: string) =>
    (await hq.documents(collection, STORE)).map((d) => d.data as Record<string, unknown>);
  const startAgent = async () => {
    agent = await startEdgeAgent(agentOptions);
    await agent.enrolled;
    // The cart link opens once the store's settings have come down from HQ.
    await vi.waitFor(
      () => {
        if (agent.carts?.link.state !== 'enabled') throw new Error('carts not serving yet');
      },
      { timeout: 60_000, interval: 100 },
    );
  };

  beforeAll(async () => {
    await gateway.start();
    hq = await HqServer.start(dir);
    await writeCartStore(hq, STORE, T0);
    agentOptions = {
      hqUrl: hq.url,
      dataDir: join(dir, 'agent'),
      lanPort: 0,
      logger: false,
      pullRetryMs: 200,
      pushBackoff: { initialMs: 50, maxMs: 500 },
      enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
      wallet: { wechat: { baseUrl: gateway.endpoint().url as string, ...WECHAT, timeoutMs: 2_000 } },
      // A fixed port, so the carts find the agent again after it restarts.
      carts: { port: await freePort() },
    };
    await startAgent();
    staff = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE, 'lane'), 'attendant tablet');
    cartLinkUrl = `${agent.carts?.url}/carts`;
  });

  afterAll(async () => {
    await Promise.all(carts.map((c) => c.stop()));
    await agent?.close();
    await hq?.stop();
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('blocks a cart with an unscanned item until staff clear it, then prices, pays, reaches HQ once and opens the gate once', async () => {
    const cart = await startCart('cart-1');
    const sessionId = cart.startSession();
    await cart.scan(MILK);
    cart.setWeight(1008, true);
    await cart.scan(TEA);
    cart.setWeight(1255, true);
    await applied(cart);
    // The cart's screen: milk 12.90 − 20 % = 10.32, tea 25.00: 35.32, as the register would charge it.
    await expect
      .poll(() => of(cart, 'basket-updated').at(-1))
      .toMatchObject({
        sessionId,
        totalMinor: 3532,
        currency: 'CNY',
        lines: 2,
      });

    // A 400 g item goes in with no scan: staff are called, on the attendant board the kiosks use.
    cart.setWeight(1655, true);
    await applied(cart);
    const [alert] = (await cartView('cart-1'))?.alerts ?? [];
    expect(alert).toMatchObject({ kind: 'unscanned-item', deltaGrams: 400 });
    const board = await api<{ alerts: { id: string; kind: string; deviceId: string }[] }>(
      '/api/self-checkout/alerts',
    );
    expect(board.body.alerts).toContainEqual(
      expect.objectContaining({ id: alert?.id, kind: 'unexpected-item', deviceId: 'cart-1' }),
    );
    cart.requestCheckout();
    await expect
      .poll(() => of(cart, 'checkout-result').at(-1))
      .toMatchObject({ outcome: 'needs-attendant', reason: 'open-alerts' });

    const resolve = (body: Record<string, unknown>) =>
      api<{ error?: { code: string; attemptsLeft?: number }; alerts?: unknown[] }>(
        `/api/carts/cart-1/alerts/${alert?.id}/resolve`,
        body,
      );
    const wrongPin = await resolve({ employeeId: SUPERVISOR.id, pin: '0000', action: 'remove' });
    expect(wrongPin.status).toBe(403);
    expect(wrongPin.body.error).toMatchObject({ code: 'pin-wrong', attemptsLeft: 4 });
    expect((await cartView('cart-1'))?.alerts).toHaveLength(1);
    const cleared = await resolve({ employeeId: SUPERVISOR.id, pin: SUPERVISOR.pin, action: 'remove' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    const again = await resolve({ employeeId: SUPERVISOR.id, pin: SUPERVISOR.pin, action: 'approve' });
    expect(again.body.error?.code).toBe('alert-not-open');
    // The attendant board shows it answered.
    const after = await api<{ alerts: { id: string }[] }>('/api/self-checkout/alerts');
    expect(after.body.alerts.map((a) => a.id)).not.toContain(alert?.id);
    // Staff took the item out.
    cart.setWeight(1255, true);
    await applied(cart);
    expect((await cartView('cart-1'))?.alerts).toEqual([]);
    // The shopper scans a coupon: 3.00 off the tea, on the cart's screen at once.
    await cart.scan(TEA_COUPON);
    await expect.poll(() => of(cart, 'basket-updated').at(-1)).toMatchObject({ totalMinor: 3232, lines: 2 });

    // No payment code yet: nothing is charged, the cart says what to do.
    cart.requestCheckout();
    await expect
      .poll(() => of(cart, 'checkout-result').at(-1))
      .toMatchObject({
        outcome: 'declined',
        reason: 'payment-code-needed',
        totalMinor: 3232,
      });
    expect(gateway.charges()).toEqual([]);
    await cart.scan(WECHAT_CODE);
    cart.requestCheckout();
    await expect
      .poll(() => of(cart, 'checkout-result').at(-1))
      .toMatchObject({
        outcome: 'approved',
        totalMinor: 3232,
        currency: 'CNY',
      });
    await expect.poll(() => of(cart, 'exit-code').length).toBe(1);
    const [exit] = of(cart, 'exit-code');
    // Asked again (a shopper tapping twice): the same code, no second charge.
    cart.requestCheckout();
    await applied(cart);
    await expect.poll(() => of(cart, 'exit-code').length).toBe(2);
    expect(of(cart, 'exit-code')[1]?.code).toBe(exit?.code);
    expect(gateway.charges()).toMatchObject([{ provider: 'wechat-pay', minor: 3232, reversed: false }]);

    // The sale at HQ, once, priced by core with the promotion, paid by the wallet, as the agent's device.
    const identity = await agent.enrolled;
    await expect.poll(async () => (await hqDocs('sales')).length).toBe(1);
    await expect.poll(() => agent.status().pendingTotal).toBe(0);
    const [sale] = await hqDocs('sales');
    expect(sale).toMatchObject({
      status: 'completed',
      deviceId: identity?.deviceId,
      shiftId: 'cart-cart-1',
      totals: { total: 3232 },
      coupons: [{ code: TEA_COUPON, promotionId: 'coupon-tea-3' }],
      tenders: [expect.objectContaining({ kind: 'wallet', amount: 3232 })],
    });
    expect(((sale?.promotions ?? []) as { promotionId: string }[]).map((p) => p.promotionId).sort()).toEqual([
      'coupon-tea-3',
      'promo-milk',
    ]);
    // The coupon is spent in the loyalty ledger at HQ.
    await expect
      .poll(async () => (await hqDocs('loyalty_entries')).filter((e) => e.couponCode === TEA_COUPON))
      .toEqual([expect.objectContaining({ kind: 'coupon-redeemed', saleId: sale?.id, discountAmount: 300 })]);
    expect(((sale?.lines ?? []) as { productId: string }[]).map((l) => l.productId)).toEqual([
      'p-milk',
      'p-tea',
    ]);
    expect(await hqDocs('sales')).toHaveLength(1);
    // What left the store, as the agent's own stock ledger lines (1, 2, … with no gaps).
    await expect
      .poll(async () =>
        (await hqDocs('stock_movements'))
          .filter((m) => m.sourceId === sale?.id)
          .map((m) => [m.productId, m.kind, m.quantity, m.deviceId, m.deviceSequence]),
      )
      .toEqual([
        ['p-milk', 'sale', 1, identity?.deviceId, 1],
        ['p-tea', 'sale', 1, identity?.deviceId, 2],
      ]);

    // The exit gate: once.
    const gate = await api<{ cartId: string; saleId: string }>('/api/exit-gate', { code: exit?.code });
    expect(gate.status).toBe(200);
    expect(gate.body).toMatchObject({ cartId: 'cart-1', saleId: sale?.id });
    const twice = await api<{ error: { code: string; reason: string } }>('/api/exit-gate', {
      code: exit?.code,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'exit-refused', reason: 'already-used' });

    // Every step is in the audit trail at HQ, each with the cart named.
    await expect
      .poll(async () =>
        (await hqDocs('audit_entries'))
          .filter((a) => (a.facts as { cartId?: string }).cartId === 'cart-1')
          .map((a) => a.action)
          .sort(),
      )
      .toEqual(
        [
          'attendant.pin-wrong',
          'cart.alert-raised',
          'cart.alert-resolved',
          'cart.checkout',
          'cart.exit-refused',
          'cart.exit-verified',
        ].sort(),
      );
  });

  it('takes an answer given on the attendant screen of the kiosks for a cart alert too', async () => {
    const cart = await startCart('cart-3');
    cart.startSession();
    await cart.scan(TEA);
    // Something of 1 kg goes in after scanning 250 g of tea.
    cart.setWeight(1003, true);
    await applied(cart);
    const [mismatch] = (await cartView('cart-3'))?.alerts ?? [];
    expect(mismatch).toMatchObject({ kind: 'weight-mismatch' });
    const answered = await api<{ status: string }>(`/api/self-checkout/alerts/${mismatch?.id}/resolve`, {
      employeeId: SUPERVISOR.id,
      pin: SUPERVISOR.pin,
      decision: 'approve',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    await expect.poll(async () => (await cartView('cart-3'))?.alerts).toEqual([]);
    cart.requestCheckout();
    await expect
      .poll(() => of(cart, 'checkout-result').at(-1))
      .toMatchObject({ outcome: 'declined', reason: 'payment-code-needed', totalMinor: 2500 });
  });

  it('holds an age-restricted basket for staff before anything is charged, then sells it with the check recorded', async () => {
    const cart = await startCart('cart-4');
    cart.startSession();
    await cart.scan(WINE);
    cart.setWeight(1252, true);
    // The tea coupon was spent on cart 1: refused here.
    await cart.scan(TEA_COUPON);
    await cart.scan(WECHAT_CODE);
    const charged = gateway.charges().length;
    cart.requestCheckout();
    await expect
      .poll(() => of(cart, 'checkout-result').at(-1))
      .toMatchObject({
        outcome: 'needs-attendant',
        reason: 'age-verification-required',
        totalMinor: 8800,
      });
    expect(gateway.charges()).toHaveLength(charged);
    const board = await api<{ alerts: { id: string; kind: string; deviceId: string }[] }>(
      '/api/self-checkout/alerts',
    );
    const ageAlert = board.body.alerts.find((a) => a.deviceId === 'cart-4');
    expect(ageAlert).toMatchObject({ kind: 'age-restricted' });
    const checked = await api(`/api/carts/cart-4/age-verification`, {
      employeeId: SUPERVISOR.id,
      pin: SUPERVISOR.pin,
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    const after = await api<{ alerts: { id: string }[] }>('/api/self-checkout/alerts');
    expect(after.body.alerts.map((a) => a.id)).not.toContain(ageAlert?.id);
    cart.requestCheckout();
    await expect
      .poll(() => of(cart, 'checkout-result').at(-1))
      .toMatchObject({ outcome: 'approved', totalMinor: 8800 });
    expect(gateway.charges()).toHaveLength(charged + 1);
    await expect
      .poll(async () => (await hqDocs('sales')).filter((sale) => sale.shiftId === 'cart-cart-4'))
      .toEqual([expect.objectContaining({ status: 'completed', ageVerifiedBy: SUPERVISOR.id })]);
    await expect
      .poll(async () => (await hqDocs('audit_entries')).find((a) => a.action === 'cart.coupon-refused'))
      .toMatchObject({ facts: { cartId: 'cart-4', code: TEA_COUPON } });
  });

  it('changes nothing for a replayed, out-of-order, forged or skipped cart message', async () => {
    const socket = new WebSocket(cartLinkUrl);
    const frames: Record<string, unknown>[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    await new Promise((resolve) => socket.once('open', resolve));
    const send = (m: Record<string, unknown>) =>
      socket.send(JSON.stringify({ v: 1, cartId: 'cart-9', ...m }));
    send({ type: 'hello', lastReceivedSeq: 0 });
    send({ type: 'session-start', seq: 1, sessionId: 'session-9' });
    send({ type: 'item-scanned', seq: 2, sessionId: 'session-9', code: MILK, quantity: 1 });
    send({
      type: 'weight-changed',
      seq: 3,
      sessionId: 'session-9',
      grams: 1004,
      deltaGrams: 1004,
      stable: true,
    });
    await expect.poll(async () => (await cartView('cart-9'))?.lines?.map((l) => l.code)).toEqual([MILK]);
    // Replayed and out of order: a scan sent again, the session start after it.
    send({ type: 'item-scanned', seq: 2, sessionId: 'session-9', code: MILK, quantity: 1 });
    send({ type: 'session-start', seq: 1, sessionId: 'session-other' });
    // Forged: a message for a session this cart is not in.
    send({ type: 'item-scanned', seq: 4, sessionId: 'someone-elses', code: TEA, quantity: 1 });
    await expect.poll(() => frames.some((f) => f.type === 'ack' && f.ack === 4)).toBe(true);
    await agent.carts?.service?.settled();
    expect((await cartView('cart-9'))?.lines?.map((l) => l.code)).toEqual([MILK]);
    expect(agent.carts?.service?.session('cart-9')).toMatchObject({ sessionId: 'session-9', grams: 1004 });
    expect((await cartView('cart-9'))?.alerts).toEqual([]);
    // Skipped: sequence 9 after 4 is a gap; the link restarts and applies nothing.
    send({ type: 'item-scanned', seq: 9, sessionId: 'session-9', code: RICE, quantity: 1 });
    await new Promise((resolve) => socket.once('close', resolve));
    expect((await cartView('cart-9'))?.lines?.map((l) => l.code)).toEqual([MILK]);
    // Staff see it on the attendant board.
    const board = await api<{ alerts: { kind: string; deviceId: string; facts: Record<string, unknown> }[] }>(
      '/api/self-checkout/alerts',
    );
    expect(board.body.alerts).toContainEqual(
      expect.objectContaining({
        kind: 'help',
        deviceId: 'cart-9',
        facts: expect.objectContaining({ cartAlert: 'forged-session', forgedSession: 'someone-elses' }),
      }),
    );
    await expect
      .poll(async () => (await hqDocs('audit_entries')).find((a) => a.action === 'cart.forged-session'))
      .toMatchObject({
        subjectId: 'someone-elses',
        facts: { cartId: 'cart-9', currentSession: 'session-9' },
      });

    // Back on the link, the agent says where it is: the cart resends from 5.
    const back = new WebSocket(cartLinkUrl);
    const welcome = new Promise<Record<string, unknown>>((resolve) =>
      back.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (frame.type === 'welcome') resolve(frame);
      }),
    );
    await new Promise((resolve) => back.once('open', resolve));
    back.send(JSON.stringify({ v: 1, type: 'hello', cartId: 'cart-9', lastReceivedSeq: 0 }));
    expect(await welcome).toMatchObject({ lastReceivedSeq: 4 });
    back.close();
  });

  it('resumes a cart that lost its link, or whose agent restarted, with nothing lost or applied twice', async () => {
    const cart = await startCart('cart-2');
    const sessionId = cart.startSession();
    await cart.scan(TEA);
    cart.setWeight(252, true);
    await applied(cart);
    await cart.injectFault('link-lost');
    // While away: a scan and its weight wait in the cart's outbox.
    await cart.scan(MILK);
    cart.setWeight(1250, true);
    await expect.poll(() => cart.connections).toBeGreaterThan(1);
    await applied(cart);
    expect((await cartView('cart-2'))?.lines?.map((l) => l.code)).toEqual([TEA, MILK]);
    expect((await cartView('cart-2'))?.alerts).toEqual([]);

    // The agent stops and starts again on its data; meanwhile the shopper goes on.
    const connections = cart.connections;
    await agent.close();
    await cart.scan(RICE);
    cart.setWeight(6252, true);
    await startAgent();
    await expect.poll(() => cart.connections).toBeGreaterThan(connections);
    await applied(cart);
    expect(agent.carts?.service?.session('cart-2')).toMatchObject({ sessionId, grams: 6252 });
    expect((await cartView('cart-2'))?.lines?.map((l) => l.code)).toEqual([TEA, MILK, RICE]);
    expect((await cartView('cart-2'))?.alerts).toEqual([]);
    // Every total the cart was shown arrived once, in order: none lost to the outages, none twice.
    // Tea 25.00; + milk 12.90 − 20 %; + rice 39.90.
    await expect
      .poll(() => of(cart, 'basket-updated').map((m) => m.totalMinor))
      .toEqual([0, 2500, 3532, 7522]);

    // The cart's computer is replaced (or the simulator restarted): it knows nothing of the link, its
    // sequences start at 1 again, and the agent starts it over rather than taking them for old messages.
    await cart.stop();
    const fresh = await startCart('cart-2');
    const next = fresh.startSession();
    await fresh.scan(TEA);
    fresh.setWeight(251, true);
    await applied(fresh);
    expect(agent.carts?.service?.session('cart-2')).toMatchObject({ sessionId: next, grams: 251 });
    expect((await cartView('cart-2'))?.lines?.map((l) => l.code)).toEqual([TEA]);
    await expect.poll(() => of(fresh, 'basket-updated').map((m) => m.totalMinor)).toEqual([0, 2500]);
  });
});
