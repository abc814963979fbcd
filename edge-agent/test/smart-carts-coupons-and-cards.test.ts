/**
 * Smart carts' coupons and card payments through a real edge agent (in process, on real sockets), fed by a
 * real HQ (sync-server on PGlite), with hardware-sim's carts on the cart link, its wallet gateway and its
 * nexo Sale-to-POI terminal over HTTPS:
 * - two carts checking out at the same moment with one single-use coupon: one spends it, the other is
 *   told `coupon-used` with its basket priced without it, and pays that; one redemption reaches HQ;
 * - a coupon a lane spent after the cart scanned it is refused at the cart's checkout;
 * - a cart the agent's terminal serves pays by card: approved; declined, then retried; cancelled, then
 *   paid by wallet; the answer lost after the approval, recovered by TransactionStatus: one charge, one sale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { couponStatus, createIdGenerator, type LoyaltyEntryDoc } from '@storefloor/core';
import {
  type EdgeInstruction,
  SimNexoTerminal,
  SimSmartCart,
  SimWalletGateway,
} from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EdgeAgent, startEdgeAgent } from '../src/start-edge-agent.js';
import { freePort, MILK, TEA, TEA_COUPONS, writeCartStore } from './support/cart-store-master.js';
import { HqServer } from './support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from './support/lane.js';

// Real sockets on a shared 2-core machine: waits are generous, nothing passes or fails by timing.
vi.setConfig({
  testTimeout: 120_000,
  hookTimeout: 120_000,
  expect: { poll: { timeout: 30_000, interval: 50 } },
});

const STORE = 'store-0078';
const T0 = Date.now() - 86_400_000;
const WECHAT = { appId: 'wx2421b1c4370ec43b', mchId: '10000100', apiKey: '192006250b4c09247ec02edce69f6a2d' };
/** WeChat Pay payment codes as the shopper's app shows them (18 digits from 10-15), one per shopper. */
const wechatCode = (n: number) => `1345678901234567${String(n).padStart(2, '0')}`;
/** The carts the agent's card terminal serves (the others pay by wallet only). */
const CARD_CARTS = ['cart-k1', 'cart-k2', 'cart-k3', 'cart-k4'];
const newId = createIdGenerator();

describe('smart carts: one coupon, two checkouts; card payment at the agent’s terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-cart-pay-'));
  const gateway = new SimWalletGateway({ id: 'gw-carts', wechat: [WECHAT] });
  const terminal = new SimNexoTerminal({ id: 'nexo-carts', shopperDelayMs: 20 });
  /** A second terminal (plain HTTP on a fixed port, so it comes back where it was) serving one cart. */
  let spare: SimNexoTerminal;
  let sparePort: number;
  const carts: SimSmartCart[] = [];
  let hq: HqServer;
  let agent: EdgeAgent;
  let lane: EnrolledLane;

  const startCart = async (id: string) => {
    const cart = new SimSmartCart({
      id,
      url: `${agent.carts?.url}/carts`,
      reconnectDelayMs: 50,
      heartbeatMs: 60_000,
    });
    carts.push(cart);
    await cart.start();
    return cart;
  };
  const applied = async (cart: SimSmartCart) => {
    await expect.poll(() => cart.unacknowledged().length).toBe(0);
    await agent.carts?.service?.settled();
  };
  const of = <K extends EdgeInstruction['type']>(cart: SimSmartCart, type: K) =>
    cart.received().filter((m): m is Extract<EdgeInstruction, { type: K }> => m.type === type);
  const results = (cart: SimSmartCart) => of(cart, 'checkout-result');
  const hqDocs = async (collection: string) =>
    (await hq.documents(collection, STORE)).map((d) => d.data as Record<string, unknown>);
  const hqSalesOf = async (cartId: string) =>
    (await hqDocs('sales')).filter((sale) => sale.shiftId === `cart-${cartId}`);
  /** The coupon's ledger in the agent's replica (what every lane and cart of the store checks). */
  const agentLedger = async (code: string) =>
    couponStatus(
      (await agent.replica?.loyalty_entries.find({ selector: { couponCode: code } }).exec())?.map(
        (d) => d.toJSON() as unknown as LoyaltyEntryDoc,
      ) ?? [],
      code,
    );
  /** A cart with tea (25.00) in it, and the coupon scanned: 22.00 on its screen. */
  const teaWithCoupon = async (id: string, coupon: string) => {
    const cart = await startCart(id);
    cart.startSession();
    await cart.scan(TEA);
    cart.setWeight(252, true);
    await cart.scan(coupon);
    await applied(cart);
    await expect.poll(() => of(cart, 'basket-updated').at(-1)?.totalMinor).toBe(2200);
    return cart;
  };

  beforeAll(async () => {
    await gateway.start();
    await terminal.start();
    sparePort = await freePort();
    spare = new SimNexoTerminal({ id: 'nexo-spare', tls: false, port: sparePort, shopperDelayMs: 20 });
    await spare.start();
    hq = await HqServer.start(dir);
    await writeCartStore(hq, STORE, T0);
    agent = await startEdgeAgent({
      hqUrl: hq.url,
      dataDir: join(dir, 'agent'),
      lanPort: 0,
      logger: false,
      pullRetryMs: 200,
      pushBackoff: { initialMs: 50, maxMs: 500 },
      enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
      wallet: { wechat: { baseUrl: gateway.endpoint().url as string, ...WECHAT, timeoutMs: 2_000 } },
      carts: {
        port: 0,
        terminals: [
          {
            id: 'cart-point-1',
            url: terminal.endpoint().url as string,
            poiId: terminal.poiId,
            ca: terminal.certificatePem() as string,
            carts: CARD_CARTS,
            replyTimeoutMs: 10_000,
            statusTimeoutMs: 5_000,
            pollDelayMs: 20,
          },
          {
            id: 'cart-point-2',
            url: spare.endpoint().url as string,
            poiId: spare.poiId,
            carts: ['cart-k5'],
            replyTimeoutMs: 2_000,
            statusTimeoutMs: 1_000,
            statusAttempts: 3,
            pollDelayMs: 20,
          },
        ],
      },
    });
    await agent.enrolled;
    await vi.waitFor(
      () => {
        if (agent.carts?.link.state !== 'enabled') throw new Error('carts not serving yet');
      },
      { timeout: 60_000, interval: 100 },
    );
    lane = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE, 'lane'), 'lane 1');
  });

  afterAll(async () => {
    await Promise.all(carts.map((c) => c.stop()));
    await agent?.close();
    await hq?.stop();
    await terminal.stop();
    await spare.stop();
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets one of two carts checking out at once spend a coupon; the other is told, priced without it, and pays that', async () => {
    const coupon = TEA_COUPONS[0];
    const first = await teaWithCoupon('cart-r1', coupon);
    const second = await teaWithCoupon('cart-r2', coupon);
    await first.scan(wechatCode(1));
    await second.scan(wechatCode(2));
    await applied(first);
    await applied(second);
    // Both shoppers press "pay" at the same moment.
    first.requestCheckout();
    second.requestCheckout();
    await expect.poll(() => results(first).length + results(second).length).toBe(2);
    const outcomes = [results(first)[0], results(second)[0]];
    const winner = outcomes.findIndex((r) => r?.outcome === 'approved');
    expect(winner, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(0);
    const [won, lost] = winner === 0 ? [first, second] : [second, first];
    expect(results(won)[0]).toMatchObject({ outcome: 'approved', totalMinor: 2200 });
    // The other: a typed refusal, and its screen shows the basket without the coupon.
    expect(results(lost)[0]).toMatchObject({ outcome: 'declined', reason: 'coupon-used', totalMinor: 2500 });
    await expect.poll(() => of(lost, 'basket-updated').at(-1)?.totalMinor).toBe(2500);
    expect(of(lost, 'exit-code')).toEqual([]);
    // Nothing was charged for the refused checkout; the shopper pays the new total.
    expect(gateway.charges().map((c) => c.minor)).toEqual([2200]);
    lost.requestCheckout();
    await expect.poll(() => results(lost).at(-1)).toMatchObject({ outcome: 'approved', totalMinor: 2500 });
    expect(
      gateway
        .charges()
        .map((c) => c.minor)
        .sort(),
    ).toEqual([2200, 2500]);

    // One redemption, in the agent's ledger and at HQ; the two sales, one with the coupon.
    expect((await agentLedger(coupon)).standingRedemptionIds).toHaveLength(1);
    await expect
      .poll(async () => (await hqDocs('loyalty_entries')).filter((e) => e.couponCode === coupon).length)
      .toBe(1);
    await expect
      .poll(async () => [...(await hqSalesOf('cart-r1')), ...(await hqSalesOf('cart-r2'))].length)
      .toBe(2);
    const sales = [...(await hqSalesOf('cart-r1')), ...(await hqSalesOf('cart-r2'))];
    expect(sales.map((s) => (s.totals as { total: number }).total).sort()).toEqual([2200, 2500]);
    expect(sales.filter((s) => ((s.coupons ?? []) as unknown[]).length > 0)).toHaveLength(1);
    await expect
      .poll(async () =>
        (await hqDocs('audit_entries')).find(
          (a) => a.action === 'cart.coupon-refused' && (a.facts as { atCheckout?: boolean }).atCheckout,
        ),
      )
      .toMatchObject({ facts: { code: coupon, reason: 'coupon-used', cartId: lost.id } });
  });

  it('refuses at checkout a coupon a lane spent after the cart scanned it', async () => {
    const coupon = TEA_COUPONS[1];
    const cart = await teaWithCoupon('cart-r3', coupon);
    // A lane sells with the same coupon and pushes its sale's redemption to the agent.
    const redemption = {
      id: newId(),
      kind: 'coupon-redeemed',
      storeId: STORE,
      memberId: '',
      saleId: newId(),
      couponCode: coupon,
      deviceId: lane.deviceId,
      employeeId: 'emp-7',
      createdAt: Date.now(),
      promotionId: 'coupon-tea-3',
      discountAmount: 300,
      currency: 'CNY',
      _deleted: false,
    };
    const pushed = await fetch(`${agent.url}/sync/loyalty_entries/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lane.token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: redemption }]),
    });
    expect(pushed.status, await pushed.clone().text()).toBe(200);
    expect(await pushed.json()).toEqual([]);
    await cart.scan(wechatCode(3));
    cart.requestCheckout();
    await expect
      .poll(() => results(cart).at(-1))
      .toMatchObject({ outcome: 'declined', reason: 'coupon-used', totalMinor: 2500 });
    cart.requestCheckout();
    await expect.poll(() => results(cart).at(-1)).toMatchObject({ outcome: 'approved', totalMinor: 2500 });
    // Only the lane's redemption stands.
    expect((await agentLedger(coupon)).standingRedemptionIds).toEqual([redemption.id]);
    await expect
      .poll(async () => (await hqDocs('loyalty_entries')).filter((e) => e.couponCode === coupon))
      .toEqual([expect.objectContaining({ id: redemption.id })]);
    await expect.poll(async () => (await hqSalesOf('cart-r3')).length).toBe(1);
    expect((await hqSalesOf('cart-r3'))[0]).not.toHaveProperty('coupons');
  });

  /** A cart the terminal serves, with milk in it (12.90 − 20 % = 10.32). */
  const milkCart = async (id: string) => {
    const cart = await startCart(id);
    cart.startSession();
    await cart.scan(MILK);
    cart.setWeight(1004, true);
    await applied(cart);
    await expect.poll(() => of(cart, 'basket-updated').at(-1)?.totalMinor).toBe(1032);
    return cart;
  };
  const chargesOf = (tenderId: unknown) => terminal.charges().filter((c) => c.saleTransactionId === tenderId);

  it('pays by card at the terminal the agent drives, the sale’s tender id naming the terminal transaction', async () => {
    const cart = await milkCart('cart-k1');
    cart.requestCheckout();
    await expect
      .poll(() => results(cart).at(-1))
      .toMatchObject({ outcome: 'approved', totalMinor: 1032, currency: 'CNY' });
    await expect.poll(() => of(cart, 'exit-code').length).toBe(1);
    await expect.poll(async () => (await hqSalesOf('cart-k1')).length).toBe(1);
    const [sale] = await hqSalesOf('cart-k1');
    const [tender] = (sale?.tenders ?? []) as {
      id: string;
      kind: string;
      amount: number;
      reference: string;
    }[];
    expect(tender).toMatchObject({ kind: 'card', amount: 1032 });
    const [charge] = chargesOf(tender?.id);
    expect(chargesOf(tender?.id)).toHaveLength(1);
    expect(charge).toMatchObject({ minor: 1032, currency: 'CNY', terminalId: 'nexo-carts' });
    // The lane's card reference form: a return at any lane refunds it by its POI transaction.
    expect(tender?.reference).toMatch(
      new RegExp(
        `^nexo:${charge?.poiTransactionId.replace('.', '\\.')}@${charge?.poiTimeStamp}(;auth:\\d+)?$`,
      ),
    );
    expect(gateway.charges().some((c) => c.outTradeNo === tender?.id)).toBe(false);
  });

  it('after a declined card the shopper retries: one charge, one sale', async () => {
    const cart = await milkCart('cart-k2');
    await terminal.injectFault('decline');
    cart.requestCheckout();
    await expect
      .poll(() => results(cart).at(-1))
      .toMatchObject({ outcome: 'declined', reason: 'card-declined', totalMinor: 1032 });
    expect(of(cart, 'exit-code')).toEqual([]);
    cart.requestCheckout();
    await expect.poll(() => results(cart).at(-1)).toMatchObject({ outcome: 'approved', totalMinor: 1032 });
    await expect.poll(async () => (await hqSalesOf('cart-k2')).length).toBe(1);
    const [sale] = await hqSalesOf('cart-k2');
    const [tender] = (sale?.tenders ?? []) as { id: string }[];
    expect(chargesOf(tender?.id)).toHaveLength(1);
  });

  it('after a card the shopper cancelled, pays by the wallet code scanned on the cart instead', async () => {
    const cart = await milkCart('cart-k4');
    const charged = terminal.charges().length;
    await terminal.injectFault('shopper-cancels');
    cart.requestCheckout();
    await expect
      .poll(() => results(cart).at(-1))
      .toMatchObject({ outcome: 'declined', reason: 'card-cancelled', totalMinor: 1032 });
    await cart.scan(wechatCode(4));
    cart.requestCheckout();
    await expect.poll(() => results(cart).at(-1)).toMatchObject({ outcome: 'approved', totalMinor: 1032 });
    await expect.poll(async () => (await hqSalesOf('cart-k4')).length).toBe(1);
    const [sale] = await hqSalesOf('cart-k4');
    const [tender] = (sale?.tenders ?? []) as { id: string; kind: string }[];
    expect(tender?.kind).toBe('wallet');
    expect(gateway.charges().filter((c) => c.outTradeNo === tender?.id)).toHaveLength(1);
    // The card took nothing.
    expect(terminal.charges()).toHaveLength(charged);
  });

  it('recovers an approval whose answer was lost by TransactionStatus: one charge, one sale, asked again no second', async () => {
    const cart = await milkCart('cart-k3');
    const before = terminal.charges().length;
    await terminal.injectFault('reply-lost-after-approval');
    cart.requestCheckout();
    await expect.poll(() => results(cart).at(-1)).toMatchObject({ outcome: 'approved', totalMinor: 1032 });
    await expect.poll(() => of(cart, 'exit-code').length).toBe(1);
    // The shopper taps "pay" again: the same exit code, nothing charged.
    cart.requestCheckout();
    await applied(cart);
    await expect.poll(() => of(cart, 'exit-code').length).toBe(2);
    expect(of(cart, 'exit-code')[1]?.code).toBe(of(cart, 'exit-code')[0]?.code);
    expect(terminal.charges()).toHaveLength(before + 1);
    await expect.poll(async () => (await hqSalesOf('cart-k3')).length).toBe(1);
    await expect.poll(() => agent.status().pendingTotal).toBe(0);
    const sales = await hqSalesOf('cart-k3');
    expect(sales).toHaveLength(1);
    const [tender] = (sales[0]?.tenders ?? []) as { id: string; reference: string }[];
    expect(chargesOf(tender?.id)).toHaveLength(1);
    expect(tender?.reference).toContain(`nexo:${chargesOf(tender?.id)[0]?.poiTransactionId}@`);
  });

  it('takes nothing else while a card tender has no final answer (terminal gone), then pays by wallet once it says it never ran', async () => {
    const cart = await milkCart('cart-k5');
    await spare.stop();
    cart.requestCheckout();
    await expect
      .poll(() => results(cart).at(-1))
      .toMatchObject({ outcome: 'declined', reason: 'card-unknown', totalMinor: 1032 });
    // The shopper offers the wallet: while the terminal cannot say what became of the card, no charge.
    await cart.scan(wechatCode(5));
    cart.requestCheckout();
    await expect.poll(() => results(cart).length).toBe(2);
    expect(results(cart).at(-1)).toMatchObject({ outcome: 'declined', reason: 'card-unknown' });
    const walletCharges = gateway.charges().length;
    // The terminal is back and says it never ran that tender: the wallet pays, once.
    await spare.start();
    cart.requestCheckout();
    await expect.poll(() => results(cart).at(-1)).toMatchObject({ outcome: 'approved', totalMinor: 1032 });
    expect(gateway.charges()).toHaveLength(walletCharges + 1);
    expect(spare.charges()).toEqual([]);
    await expect.poll(async () => (await hqSalesOf('cart-k5')).length).toBe(1);
    const [sale] = await hqSalesOf('cart-k5');
    expect(((sale?.tenders ?? []) as { kind: string }[]).map((t) => t.kind)).toEqual(['wallet']);
  });
});
