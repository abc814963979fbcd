import { type CartLinkEvent, CartLinkServer } from '@storefloor/device-drivers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SimRegistry } from '../registry.js';
import { buildControlServer } from '../server/build-control-server.js';
import { SimSmartCart } from './sim-smart-cart.js';

// Shared machine: socket waits poll generously; nothing here passes or fails by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

/** A shopper's trip driven through the control API, received by the edge's real cart link over WebSocket. */
describe('smart cart through the control API', () => {
  const edge = new CartLinkServer({ id: 'edge-carts', heartbeatMs: 1000, reconnect: false });
  const events: CartLinkEvent[] = [];
  const registry = new SimRegistry();
  const app = buildControlServer({ registry });

  beforeAll(async () => {
    edge.on('data', (event) => events.push(event));
    expect((await edge.open()).ok).toBe(true);
    await edge.claim();
    await edge.enable();
    const cart = new SimSmartCart({
      id: 'cart-7',
      url: edge.location(),
      reconnectDelayMs: 50,
      heartbeatMs: 500,
    });
    registry.add(cart);
    await cart.start();
  });

  afterAll(async () => {
    await app.close();
    for (const device of registry.list()) await device.stop();
    await edge.shutdown();
  });

  const post = (url: string, payload?: Record<string, unknown>) =>
    payload === undefined
      ? app.inject({ method: 'POST', url })
      : app.inject({ method: 'POST', url, payload });

  it('refuses a removal or a checkout before a session starts, with a code', async () => {
    const checkout = await post('/devices/cart-7/checkout');
    expect(checkout.statusCode).toBe(409);
    expect(checkout.json()).toMatchObject({ code: 'no-session' });
    const removal = await post('/devices/cart-7/remove', { code: '4000001100007' });
    expect(removal.json()).toMatchObject({ code: 'no-session' });
  });

  it('starts a member session, scans, removes an item and asks to check out; the edge sees each once, in order', async () => {
    const session = await post('/devices/cart-7/session', { memberId: 'member-42' });
    expect(session.statusCode).toBe(200);
    const { sessionId } = session.json() as { sessionId: string };
    expect((await post('/devices/cart-7/scan', { code: '4000001100007' })).statusCode).toBe(200);
    expect((await post('/devices/cart-7/remove', { code: '4000001100007' })).statusCode).toBe(200);
    expect((await post('/devices/cart-7/checkout')).statusCode).toBe(200);

    const cartEvents = () =>
      events.flatMap((e) => (e.kind === 'cart-event' && e.cartId === 'cart-7' ? [e.event] : []));
    await expect.poll(() => cartEvents().length).toBe(4);
    expect(cartEvents().map((event) => event.type)).toEqual([
      'session-start',
      'item-scanned',
      'item-removed',
      'checkout-requested',
    ]);
    expect(cartEvents()[0]).toMatchObject({ sessionId, memberId: 'member-42' });
    expect(cartEvents().every((event) => 'sessionId' in event && event.sessionId === sessionId)).toBe(true);
  });

  it('shows what the edge told the cart on the control API, each once, in order', async () => {
    const cart = registry.get('cart-7') as SimSmartCart;
    const sessionId = cart.sessionId ?? '';
    expect(
      edge.send('cart-7', { type: 'basket-updated', sessionId, totalMinor: 1290, currency: 'CNY', lines: 1 })
        .ok,
    ).toBe(true);
    expect(
      edge.send('cart-7', { type: 'checkout-result', sessionId, outcome: 'approved', totalMinor: 1290 }).ok,
    ).toBe(true);
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: '/devices/cart-7/transactions' })).json())
      .toEqual({
        transactions: [
          { type: 'basket-updated', sessionId, totalMinor: 1290, currency: 'CNY', lines: 1 },
          { type: 'checkout-result', sessionId, outcome: 'approved', totalMinor: 1290 },
        ],
      });
  });

  it('a garbled cart: the edge refuses each bad frame with a typed error, keeps the link, and takes the next message', async () => {
    const errors: string[] = [];
    edge.on('error', (e) => errors.push(e.reason));
    const cart = registry.get('cart-7') as SimSmartCart;
    const before = events.filter((e) => e.kind === 'cart-event').length;
    expect((await post('/devices/cart-7/fault', { kind: 'garbled' })).statusCode).toBe(200);
    expect((await post('/devices/cart-7/scan', { code: '4000001100014' })).statusCode).toBe(200);
    await expect.poll(() => events.filter((e) => e.kind === 'cart-event').length).toBe(before + 1);
    const last = events.filter((e) => e.kind === 'cart-event').at(-1);
    expect(last).toMatchObject({ cartId: 'cart-7', event: { type: 'item-scanned', code: '4000001100014' } });
    await expect
      .poll(() => errors)
      .toEqual([
        'cart-bad-json',
        'cart-bad-json',
        'cart-bad-version',
        'cart-unknown-type',
        'cart-missing-field',
        'cart-binary-frame',
      ]);
    expect(cart.connections).toBe(1);
    expect(cart.faults).toEqual([]);
  });

  it('lists the cart capabilities, and refuses cart routes on devices without them', async () => {
    const listing = (await app.inject({ method: 'GET', url: '/devices/cart-7' })).json() as {
      capabilities: string[];
    };
    expect(listing.capabilities).toEqual(
      expect.arrayContaining(['scan', 'setWeight', 'startSession', 'removeItem', 'requestCheckout']),
    );
    const unknown = await post('/devices/ghost/checkout');
    expect(unknown.statusCode).toBe(404);
  });
});
