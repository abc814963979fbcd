import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { SimSmartCart } from './sim-smart-cart.js';

// Shared machine: socket waits poll generously; nothing here passes or fails by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

/** A bare edge written from PROTOCOL.md by hand: answers hello with welcome and records what the cart sends. */
function bareEdge() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const frames: Array<Record<string, unknown>> = [];
  const links: WebSocket[] = [];
  server.on('connection', (socket) => {
    links.push(socket);
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      frames.push(frame);
      if (frame.type === 'hello')
        socket.send(JSON.stringify({ v: 1, type: 'welcome', cartId: frame.cartId, lastReceivedSeq: 0 }));
    });
  });
  const url = () => `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const latest = () => links.at(-1) as WebSocket;
  return { server, frames, links, url, latest };
}

describe('simulated smart cart against a bare edge', () => {
  let edge: ReturnType<typeof bareEdge>;
  let cart: SimSmartCart;

  beforeEach(async () => {
    edge = bareEdge();
    await new Promise((resolve) => edge.server.once('listening', resolve));
    cart = new SimSmartCart({ id: 'cart-7', url: edge.url(), reconnectDelayMs: 20, heartbeatMs: 60_000 });
    await cart.start();
  });

  afterEach(async () => {
    await cart.stop();
    await new Promise((resolve) => edge.server.close(resolve));
  });

  const exitCode = (seq: number, code: string) =>
    JSON.stringify({
      v: 1,
      type: 'exit-code',
      cartId: 'cart-7',
      seq,
      sessionId: 's-1',
      code,
      expiresAt: '2026-12-02T15:00:00.000Z',
    });

  it('refuses garbage, truncated and malformed frames with typed reasons, stays up, and takes the next good one', async () => {
    const link = edge.latest();
    const good = exitCode(1, 'EXIT-1');
    link.send('{{{ not json');
    link.send(good.slice(0, 40));
    link.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
    link.send(JSON.stringify({ v: 9, type: 'heartbeat', cartId: 'cart-7' }));
    link.send(JSON.stringify({ v: 1, type: 'refund-everything', cartId: 'cart-7' }));
    link.send(JSON.stringify({ v: 1, type: 'exit-code', cartId: 'cart-7', seq: 1, sessionId: 's-1' }));
    link.send(good);
    await expect
      .poll(() => cart.received())
      .toEqual([
        { type: 'exit-code', sessionId: 's-1', code: 'EXIT-1', expiresAt: '2026-12-02T15:00:00.000Z' },
      ]);
    expect(cart.rejected().map((r) => r.reason)).toEqual([
      'bad-json',
      'bad-json',
      'bad-json',
      'bad-version',
      'unknown-type',
      'missing-field',
    ]);
    expect(cart.connections).toBe(1);
    // The good frame is acknowledged (PROTOCOL.md, Resume step 4).
    await expect.poll(() => edge.frames.some((f) => f.type === 'ack' && f.ack === 1)).toBe(true);
  });

  it('drops a duplicate but acknowledges it again, and restarts the link on a gap', async () => {
    const link = edge.latest();
    link.send(exitCode(1, 'EXIT-1'));
    link.send(exitCode(1, 'EXIT-1'));
    await expect.poll(() => edge.frames.filter((f) => f.type === 'ack' && f.ack === 1).length).toBe(2);
    expect(cart.received()).toHaveLength(1);
    link.send(exitCode(3, 'EXIT-3'));
    await expect.poll(() => cart.connections).toBe(2);
    // The new hello says what the cart has, so the edge resends from seq 2.
    expect(edge.frames.filter((f) => f.type === 'hello').map((f) => f.lastReceivedSeq)).toEqual([0, 1]);
    expect(cart.received().map((i) => i.type === 'exit-code' && i.code)).toEqual(['EXIT-1']);
  });

  it('numbers shopper actions from 1 and keeps them until the edge acknowledges', async () => {
    const sessionId = cart.startSession('member-1');
    await cart.scan('4000001100007');
    await expect.poll(() => edge.frames.filter((f) => typeof f.seq === 'number').length).toBe(2);
    expect(edge.frames.filter((f) => typeof f.seq === 'number')).toEqual([
      { v: 1, type: 'session-start', cartId: 'cart-7', seq: 1, sessionId, memberId: 'member-1' },
      { v: 1, type: 'item-scanned', cartId: 'cart-7', seq: 2, sessionId, code: '4000001100007', quantity: 1 },
    ]);
    expect(cart.unacknowledged().map((e) => e.seq)).toEqual([1, 2]);
    edge.latest().send(JSON.stringify({ v: 1, type: 'ack', cartId: 'cart-7', ack: 2 }));
    await expect.poll(() => cart.unacknowledged().length).toBe(0);
  });
});
