import { SimSmartCart } from '@storefloor/hardware-sim';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type CartLinkEvent, CartLinkServer } from './cart-link-server.js';

// The machine is shared: waits for sockets get generous limits; nothing here passes by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

describe('CartLinkServer with simulated carts over WebSocket', () => {
  let edge: CartLinkServer;
  let events: CartLinkEvent[];
  const carts: SimSmartCart[] = [];

  beforeEach(async () => {
    edge = new CartLinkServer({ id: 'edge-carts', heartbeatMs: 1000, reconnect: false });
    events = [];
    edge.on('data', (e) => events.push(e));
    expect((await edge.open()).ok).toBe(true);
    await edge.claim();
    await edge.enable();
  });

  afterEach(async () => {
    for (const c of carts.splice(0)) await c.stop();
    await edge.shutdown();
  });

  async function cart(id: string): Promise<SimSmartCart> {
    const c = new SimSmartCart({ id, url: edge.location(), reconnectDelayMs: 50, heartbeatMs: 500 });
    carts.push(c);
    await c.start();
    return c;
  }

  const cartEvents = (cartId: string) =>
    events.flatMap((e) => (e.kind === 'cart-event' && e.cartId === cartId ? [e] : []));

  it('carries a session: start, scans, weight change, removal, checkout and its result', async () => {
    const c = await cart('cart-1');
    const sessionId = c.startSession('member-9');
    await c.scan('4006381333931');
    expect(c.setWeight(1030, true).ok).toBe(true);
    expect(c.removeItem('4006381333931').ok).toBe(true);
    expect(c.setWeight(0, true).ok).toBe(true);
    expect(c.requestCheckout().ok).toBe(true);
    await expect.poll(() => cartEvents('cart-1').length).toBe(6);
    expect(cartEvents('cart-1').map((e) => e.event.type)).toEqual([
      'session-start',
      'item-scanned',
      'weight-changed',
      'item-removed',
      'weight-changed',
      'checkout-requested',
    ]);
    expect(cartEvents('cart-1')[2]?.event).toMatchObject({ grams: 1030, deltaGrams: 1030, stable: true });
    expect(cartEvents('cart-1')[4]?.event).toMatchObject({ grams: 0, deltaGrams: -1030 });
    expect(
      edge.send('cart-1', {
        type: 'checkout-result',
        sessionId,
        outcome: 'approved',
        totalMinor: 199,
        currency: 'EUR',
      }).ok,
    ).toBe(true);
    expect(
      edge.send('cart-1', {
        type: 'exit-code',
        sessionId,
        code: 'EXIT-7',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      }).ok,
    ).toBe(true);
    await expect.poll(() => c.received().length).toBe(2);
    expect(c.received()[0]).toMatchObject({ type: 'checkout-result', outcome: 'approved', totalMinor: 199 });
    await expect.poll(() => c.unacknowledged().length).toBe(0);
    expect(
      edge.send('cart-unknown', {
        type: 'exit-code',
        sessionId,
        code: 'X',
        expiresAt: new Date().toISOString(),
      }),
    ).toMatchObject({
      ok: false,
      reason: 'unknown-cart',
    });
  });

  it('link loss: messages made while away arrive once, commands sent while away are not lost, nothing twice', async () => {
    const c = await cart('cart-2');
    const sessionId = c.startSession();
    await c.scan('A');
    await c.scan('B');
    // Drop the link right after sending, before acknowledgements can come back.
    c.injectFault('link-lost');
    await c.scan('C');
    c.setWeight(500, false);
    // Whether or not the edge has noticed the drop yet, its command must reach the cart exactly once.
    expect(
      edge.send('cart-2', {
        type: 'checkout-result',
        sessionId,
        outcome: 'needs-attendant',
        reason: 'weight-mismatch',
      }).ok,
    ).toBe(true);
    await c.scan('D');
    await c.whenConnected();
    await expect.poll(() => c.connections).toBe(2);
    await expect.poll(() => cartEvents('cart-2').length).toBe(6);
    await expect.poll(() => c.received().length).toBe(1);
    // A second drop and resume re-sends nothing already delivered.
    c.injectFault('link-lost');
    await expect.poll(() => c.connections).toBe(3);
    await c.scan('E');
    await expect.poll(() => cartEvents('cart-2').length).toBe(7);
    const seqs = cartEvents('cart-2').map((e) => e.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(
      cartEvents('cart-2').flatMap((e) => (e.event.type === 'item-scanned' ? [e.event.code] : [])),
    ).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(c.received()).toEqual([
      { type: 'checkout-result', sessionId, outcome: 'needs-attendant', reason: 'weight-mismatch' },
    ]);
    expect(events.filter((e) => e.kind === 'cart-connected' && e.cartId === 'cart-2')).toHaveLength(3);
  });

  it('starts a cart over that lost its link state (a new cart computer): its messages are not taken for old ones', async () => {
    const errors: string[] = [];
    edge.on('error', (e) => errors.push(e.reason));
    const before = await cart('cart-5');
    const sessionId = before.startSession();
    await before.scan('A');
    await expect.poll(() => cartEvents('cart-5').length).toBe(2);
    edge.send('cart-5', { type: 'checkout-result', sessionId, outcome: 'needs-attendant', reason: 'x' });
    await expect.poll(() => edge.carts().find((c) => c.cartId === 'cart-5')?.unacknowledged).toBe(0);
    await before.stop();
    // The same cart id with no memory of the link: its sequences start at 1 again.
    const after = await cart('cart-5');
    after.startSession();
    await after.scan('B');
    await expect.poll(() => cartEvents('cart-5').length).toBe(4);
    expect(cartEvents('cart-5').map((e) => [e.seq, e.event.type])).toEqual([
      [1, 'session-start'],
      [2, 'item-scanned'],
      [1, 'session-start'],
      [2, 'item-scanned'],
    ]);
    expect(errors).toContain('cart-link-reset');
    expect(events.filter((e) => e.kind === 'cart-connected' && e.cartId === 'cart-5').at(-1)).toMatchObject({
      resumedFrom: 0,
    });
  });

  it('drops a cart that stops talking without closing (missed heartbeats)', async () => {
    const quick = new CartLinkServer({ id: 'quick', heartbeatMs: 40, missedHeartbeats: 2, reconnect: false });
    const seen: CartLinkEvent[] = [];
    quick.on('data', (e) => seen.push(e));
    await quick.open();
    await quick.claim();
    await quick.enable();
    const mute = new WebSocket(quick.location());
    try {
      await new Promise((r) => mute.once('open', r));
      mute.send(JSON.stringify({ v: 1, type: 'hello', cartId: 'mute-cart', lastReceivedSeq: 0 }));
      await expect
        .poll(() => seen.some((e) => e.kind === 'cart-disconnected' && e.reason === 'heartbeat-missed'))
        .toBe(true);
      expect(quick.carts()).toMatchObject([{ cartId: 'mute-cart', connected: false }]);
    } finally {
      mute.terminate();
      await quick.shutdown();
    }
  });

  it('reports bad frames as typed errors and keeps the link', async () => {
    const errors: string[] = [];
    edge.on('error', (e) => errors.push(e.reason));
    const raw = new WebSocket(edge.location());
    try {
      await new Promise((r) => raw.once('open', r));
      raw.send(JSON.stringify({ v: 1, type: 'hello', cartId: 'raw-cart', lastReceivedSeq: 0 }));
      raw.send('{not json');
      raw.send(JSON.stringify({ v: 1, type: 'levitate', cartId: 'raw-cart' }));
      raw.send(JSON.stringify({ v: 1, type: 'item-scanned', cartId: 'raw-cart', seq: 1, sessionId: 's' }));
      raw.send(
        JSON.stringify({ v: 1, type: 'session-start', cartId: 'raw-cart', seq: 1, sessionId: 's-raw' }),
      );
      await expect.poll(() => cartEvents('raw-cart').length).toBe(1);
      expect(errors).toEqual(['cart-bad-json', 'cart-unknown-type', 'cart-missing-field']);
      expect(edge.carts().find((c) => c.cartId === 'raw-cart')?.sessionId).toBe('s-raw');
    } finally {
      raw.terminate();
    }
  });

  it('tracks carts separately by cart id', async () => {
    const a = await cart('cart-a');
    const b = await cart('cart-b');
    a.startSession();
    b.startSession();
    await a.scan('1');
    await expect.poll(() => cartEvents('cart-a').length + cartEvents('cart-b').length).toBe(3);
    expect(
      edge
        .carts()
        .map((x) => [x.cartId, x.lastReceivedSeq])
        .sort(),
    ).toEqual([
      ['cart-a', 2],
      ['cart-b', 1],
    ]);
  });
});
