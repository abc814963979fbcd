import type {
  AuditEntryDoc,
  CouponRedeemedDoc,
  PriceInForce,
  ProductDoc,
  PromotionDoc,
  SaleDoc,
  TaxRateDoc,
} from '@storefloor/core';
import { checkCompletedSale } from '@storefloor/core';
import { CartLinkServer } from '@storefloor/device-drivers';
import { type RunningSimulator, type SimSmartCart, startSimulator } from '@storefloor/hardware-sim';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { CartCatalog, CartItem } from './cart-catalog.js';
import { CartService } from './cart-service.js';

// Real sockets on a shared 2-core machine: waits are generous, nothing passes or fails by timing.
vi.setConfig({
  testTimeout: 60_000,
  hookTimeout: 60_000,
  expect: { poll: { timeout: 20_000, interval: 25 } },
});

const T = Date.UTC(2026, 11, 2, 4, 0, 0);
const product = (id: string, over: Partial<ProductDoc>): ProductDoc => ({
  id,
  storeId: '*',
  name: id,
  receiptName: id,
  gtins: [],
  plu: '',
  unit: 'each',
  taxClass: 'standard',
  ageRestriction: 0,
  categoryId: 'grocery',
  productGroupId: '',
  active: true,
  updatedAt: T,
  ...over,
});
const vat: TaxRateDoc = {
  id: 'cn-13',
  storeId: '*',
  taxClass: 'standard',
  rateBps: 1300,
  label: 'VAT 13%',
  validFrom: 0,
  createdAt: 0,
};
const price = (productId: string, unitPrice: number, memberUnitPrice?: number): PriceInForce => ({
  priceId: `price-${productId}`,
  productId,
  currency: 'CNY',
  unit: 'each',
  unitPrice,
  ...(memberUnitPrice === undefined ? {} : { memberUnitPrice }),
});
const MILK = '6901234567892';
const TEA = '6907777000011';
const CHIPS = '6909999000027';
const items = new Map<string, CartItem>([
  [
    MILK,
    {
      product: product('p-milk', { gtins: [MILK], expectedUnitWeightGrams: 1000, weightToleranceGrams: 20 }),
      price: price('p-milk', 1290),
      taxRate: vat,
      gtin: MILK,
    },
  ],
  [
    TEA,
    {
      product: product('p-tea', { gtins: [TEA], expectedUnitWeightGrams: 250, weightToleranceGrams: 10 }),
      price: price('p-tea', 2500, 2200),
      taxRate: vat,
      gtin: TEA,
    },
  ],
  [
    CHIPS,
    {
      product: product('p-chips', { gtins: [CHIPS], expectedUnitWeightGrams: 80, weightToleranceGrams: 5 }),
      price: price('p-chips', 650),
      taxRate: vat,
      gtin: CHIPS,
    },
  ],
]);
const milkPromo: PromotionDoc = {
  id: 'promo-milk',
  storeId: '*',
  name: 'Milk 20 % off',
  receiptText: '牛奶八折',
  currency: 'CNY',
  priority: 10,
  exclusive: false,
  memberOnly: false,
  validFrom: T - 86_400_000,
  rule: {
    kind: 'percent-off',
    target: { productIds: ['p-milk'], categoryIds: [], productGroupIds: [] },
    percentBps: 2000,
  },
  createdAt: T - 86_400_000,
};
const teaCoupon: PromotionDoc = {
  ...milkPromo,
  id: 'coupon-tea-3',
  name: 'Tea coupon',
  receiptText: '茶叶券 减3元',
  rule: {
    kind: 'amount-off',
    target: { productIds: ['p-tea'], categoryIds: [], productGroupIds: [] },
    amount: 300,
  },
};
const catalog: CartCatalog = {
  lookup: (code) => items.get(code),
  promotions: () => [milkPromo],
  settings: () => ({
    storeId: 'store-1',
    currency: 'CNY',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    timeZone: 'Asia/Shanghai',
    businessDayStartHour: 0,
  }),
};

describe('smart carts on the edge, with hardware-sim carts over the real cart link', () => {
  let link: CartLinkServer;
  let sim: RunningSimulator;
  let service: CartService;
  let db: Database.Database;
  let options: ConstructorParameters<typeof CartService>[0];
  const sales: Array<{ sale: SaleDoc; redemptions: readonly CouponRedeemedDoc[] }> = [];
  const audit: AuditEntryDoc[] = [];
  const charges: number[] = [];
  let declineNext = false;
  const cart = (id: string) => sim.registry.get(id) as unknown as SimSmartCart;
  const post = (path: string, body?: unknown, method = 'POST') =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const scan = (id: string, code: string) => post(`/devices/${id}/scan`, { code });
  const weigh = (id: string, grams: number) => post(`/devices/${id}/weight`, { grams, stable: true }, 'PUT');
  /** Waits until the service has applied everything the cart sent. */
  const applied = async (id: string) => {
    await expect.poll(() => cart(id).unacknowledged().length).toBe(0);
    await service.settled();
  };

  beforeAll(async () => {
    link = new CartLinkServer({ id: 'cart-link', port: 0, heartbeatMs: 60_000 });
    await link.open();
    await link.claim();
    await link.enable();
    db = new Database(':memory:');
    options = {
      db,
      link,
      catalog,
      shiftOf: (cartId) => `shift-${cartId}`,
      payment: {
        async charge({ amount }) {
          charges.push(amount);
          if (declineNext) {
            declineNext = false;
            return { ok: false, reason: 'card-declined' };
          }
          return { ok: true, value: { kind: 'card', reference: `auth-${charges.length}` } };
        },
      },
      recordSale: (sale, redemptions) => {
        sales.push({ sale, redemptions });
      },
      audit: (entry) => audit.push(entry),
    };
    service = new CartService(options);
    service.start();
    sim = await startSimulator({
      port: 0,
      config: {
        devices: ['cart-1', 'cart-2'].map((id) => ({
          id,
          kind: 'smart-cart' as const,
          protocol: 'cart-ws',
          options: { url: link.location(), reconnectDelayMs: 20, heartbeatMs: 60_000 },
        })),
      },
    });
  });

  afterAll(async () => {
    service?.stop();
    await sim?.stop();
    await link?.shutdown();
  });

  it('blocks checkout on an unscanned item until staff remove it, then prices, records and lets the cart out once', async () => {
    const { sessionId } = (await (
      await post('/devices/cart-1/session', { memberId: 'member-7' })
    ).json()) as { sessionId: string };
    await scan('cart-1', MILK);
    await weigh('cart-1', 1008);
    await scan('cart-1', TEA);
    await weigh('cart-1', 1255);
    await applied('cart-1');
    expect(service.alerts('cart-1')).toEqual([]);
    // A 400 g item goes in with no scan.
    await weigh('cart-1', 1655);
    await applied('cart-1');
    const [alert] = service.alerts('cart-1');
    expect(alert).toMatchObject({ kind: 'unscanned-item', deltaGrams: 400 });
    await post('/devices/cart-1/checkout');
    await expect
      .poll(() => cart('cart-1').received())
      .toContainEqual({
        type: 'checkout-result',
        sessionId,
        outcome: 'needs-attendant',
        reason: 'open-alerts',
      });
    expect(charges).toEqual([]);
    // Staff take the item out and say so.
    expect(service.resolveAlert('cart-1', alert?.id ?? '', 'remove', 'emp-9').ok).toBe(true);
    await weigh('cart-1', 1254);
    await applied('cart-1');
    expect(service.alerts('cart-1')).toEqual([]);
    service.addCoupon(sessionId, { code: 'TEA-3-0001', promotion: teaCoupon });
    await post('/devices/cart-1/checkout');
    // Milk 12.90 − 20 % = 10.32; tea at the member price 22.00 − the 3.00 coupon = 19.00: 29.32.
    await expect
      .poll(() => cart('cart-1').received())
      .toContainEqual({
        type: 'checkout-result',
        sessionId,
        outcome: 'approved',
        totalMinor: 2932,
        currency: 'CNY',
      });
    expect(charges).toEqual([2932]);
    const [{ sale, redemptions }] = sales as [(typeof sales)[number]];
    expect(checkCompletedSale(sale).ok).toBe(true);
    expect(sale).toMatchObject({
      status: 'completed',
      deviceId: 'cart-1',
      memberId: 'member-7',
      shiftId: 'shift-cart-1',
    });
    expect(sale.tenders).toMatchObject([{ kind: 'card', amount: 2932, reference: 'auth-1' }]);
    expect(redemptions).toMatchObject([{ couponCode: 'TEA-3-0001', discountAmount: 300, saleId: sale.id }]);
    await expect
      .poll(() =>
        cart('cart-1')
          .received()
          .some((m) => m.type === 'exit-code'),
      )
      .toBe(true);
    const exit = cart('cart-1')
      .received()
      .find((m) => m.type === 'exit-code') as { code: string };
    expect(service.verifyExit(exit.code)).toEqual({ ok: true, value: { cartId: 'cart-1', saleId: sale.id } });
    expect(service.verifyExit(exit.code)).toMatchObject({ ok: false, reason: 'already-used' });
    expect(service.verifyExit('made-up')).toMatchObject({ ok: false, reason: 'unknown-code' });
    expect(audit.map((a) => a.action)).toEqual([
      'cart.alert-raised',
      'cart.alert-resolved',
      'cart.checkout',
      'cart.exit-verified',
      'cart.exit-refused',
      'cart.exit-refused',
    ]);
    expect(audit[1]).toMatchObject({ employeeId: 'emp-9', facts: { resolution: 'remove' } });
  });

  it('holds a scanned item of the wrong weight for staff, who approve or rescan; a declined card charges nothing', async () => {
    await post('/devices/cart-2/session', {});
    await scan('cart-2', CHIPS);
    // A 1 kg item goes in after scanning 80 g of chips.
    await weigh('cart-2', 1003);
    await applied('cart-2');
    const [mismatch] = service.alerts('cart-2');
    expect(mismatch).toMatchObject({ kind: 'weight-mismatch', deltaGrams: 1003, expectedGrams: 80 });
    // Staff find the milk under the chips bag and scan it.
    expect(service.resolveAlert('cart-2', mismatch?.id ?? '', 'rescan', 'emp-9', MILK).ok).toBe(true);
    expect(service.session('cart-2')?.lines.map((l) => [l.code, l.addedBy])).toEqual([
      [CHIPS, undefined],
      [MILK, 'emp-9'],
    ]);
    declineNext = true;
    await post('/devices/cart-2/checkout');
    await expect
      .poll(() => cart('cart-2').received().at(-1))
      .toMatchObject({ type: 'checkout-result', outcome: 'declined', reason: 'card-declined' });
    expect(sales).toHaveLength(1);
    await post('/devices/cart-2/checkout');
    await expect
      .poll(() =>
        cart('cart-2')
          .received()
          .some((m) => m.type === 'exit-code'),
      )
      .toBe(true);
    const exit = cart('cart-2')
      .received()
      .find((m) => m.type === 'exit-code') as { code: string };
    // Something goes in after payment: the gate refuses the code.
    await weigh('cart-2', 1403);
    await applied('cart-2');
    expect(service.verifyExit(exit.code)).toMatchObject({ ok: false, reason: 'weight-changed' });
  });

  it('resumes a cart that lost its link with nothing lost or applied twice', async () => {
    const { sessionId } = (await (await post('/devices/cart-1/session', {})).json()) as { sessionId: string };
    await scan('cart-1', TEA);
    await applied('cart-1');
    await post('/devices/cart-1/fault', { kind: 'link-lost' });
    // While away: a scan and its weight wait in the cart's outbox.
    await scan('cart-1', CHIPS);
    await expect.poll(() => cart('cart-1').connections).toBeGreaterThan(1);
    await weigh('cart-1', 330);
    await applied('cart-1');
    const session = service.session('cart-1');
    expect(session?.sessionId).toBe(sessionId);
    expect(session?.lines.map((l) => l.code)).toEqual([TEA, CHIPS]);
    expect(service.alerts('cart-1')).toEqual([]);
  });

  it('keeps a cart session across a restart of the service on the same database', async () => {
    const before = service.session('cart-1');
    service.stop();
    service = new CartService(options);
    service.start();
    expect(service.session('cart-1')).toEqual(before);
    await scan('cart-1', MILK);
    await weigh('cart-1', 1331);
    await applied('cart-1');
    expect(service.session('cart-1')?.lines.map((l) => l.code)).toEqual([TEA, CHIPS, MILK]);
    expect(service.alerts('cart-1')).toEqual([]);
  });

  it('refuses a message for a session the cart is not in, and audits it', async () => {
    const socket = new WebSocket(link.location());
    await new Promise((resolve) => socket.once('open', resolve));
    const frame = (m: Record<string, unknown>) =>
      socket.send(JSON.stringify({ v: 1, cartId: 'cart-9', ...m }));
    frame({ type: 'hello', lastReceivedSeq: 0 });
    frame({ type: 'session-start', seq: 1, sessionId: 'real-session' });
    frame({ type: 'item-scanned', seq: 2, sessionId: 'someone-elses', code: MILK, quantity: 1 });
    frame({ type: 'item-scanned', seq: 3, sessionId: 'real-session', code: TEA, quantity: 1 });
    await expect.poll(() => service.session('cart-9')?.lines.length).toBe(1);
    expect(service.session('cart-9')?.lines.map((l) => l.code)).toEqual([TEA]);
    expect(audit.find((a) => a.action === 'cart.forged-session')).toMatchObject({
      deviceId: 'cart-9',
      subjectId: 'someone-elses',
      facts: { type: 'item-scanned', currentSession: 'real-session' },
    });
    socket.close();
  });
});
