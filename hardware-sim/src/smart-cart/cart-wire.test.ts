import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CartOutbox } from './cart-outbox.js';
import { readEdgeFrame, writeCartControl, writeShopperAction } from './cart-wire.js';

// Frames as device-drivers/src/smart-cart/PROTOCOL.md lays them out (Envelope; Messages table), typed here
// from the document, not produced by either side's encoder.
const EDGE_FRAMES = {
  checkoutResult:
    '{"v":1,"type":"checkout-result","cartId":"cart-7","seq":1,"ack":3,"sessionId":"s-1","outcome":"approved","totalMinor":1299,"currency":"EUR"}',
  exitCode:
    '{"v":1,"type":"exit-code","cartId":"cart-7","seq":2,"sessionId":"s-1","code":"EXIT-42","expiresAt":"2026-12-02T15:00:00.000Z"}',
  basketUpdated:
    '{"v":1,"type":"basket-updated","cartId":"cart-7","seq":3,"sessionId":"s-1","totalMinor":2932,"currency":"CNY","lines":2}',
  welcome: '{"v":1,"type":"welcome","cartId":"cart-7","lastReceivedSeq":5}',
  heartbeat: '{"v":1,"type":"heartbeat","cartId":"cart-7","ack":4}',
};

describe('cart link frames (PROTOCOL.md)', () => {
  it('reads the edge messages of the Messages table', () => {
    expect(readEdgeFrame(EDGE_FRAMES.checkoutResult, 'cart-7')).toEqual({
      ok: true,
      value: {
        kind: 'instruction',
        seq: 1,
        ack: 3,
        instruction: {
          type: 'checkout-result',
          sessionId: 's-1',
          outcome: 'approved',
          totalMinor: 1299,
          currency: 'EUR',
        },
      },
    });
    expect(readEdgeFrame(EDGE_FRAMES.exitCode, 'cart-7')).toMatchObject({
      ok: true,
      value: { kind: 'instruction', seq: 2, instruction: { type: 'exit-code', code: 'EXIT-42' } },
    });
    expect(readEdgeFrame(EDGE_FRAMES.welcome, 'cart-7')).toEqual({
      ok: true,
      value: { kind: 'welcome', lastReceivedSeq: 5 },
    });
    expect(readEdgeFrame(EDGE_FRAMES.heartbeat, 'cart-7')).toEqual({
      ok: true,
      value: { kind: 'heartbeat', ack: 4 },
    });
  });

  it('reads the basket total the edge sends after every change', () => {
    expect(readEdgeFrame(EDGE_FRAMES.basketUpdated, 'cart-7')).toEqual({
      ok: true,
      value: {
        kind: 'instruction',
        seq: 3,
        instruction: {
          type: 'basket-updated',
          sessionId: 's-1',
          totalMinor: 2932,
          currency: 'CNY',
          lines: 2,
        },
      },
    });
    expect(
      readEdgeFrame(EDGE_FRAMES.basketUpdated.replace('"currency":"CNY"', '"currency":"yuan"'), 'cart-7'),
    ).toMatchObject({ ok: false, reason: 'bad-field' });
    expect(readEdgeFrame(EDGE_FRAMES.basketUpdated.replace(',"lines":2', ''), 'cart-7')).toMatchObject({
      ok: false,
      reason: 'missing-field',
    });
  });

  it('writes the cart messages with v, type, cartId and seq', () => {
    expect(
      JSON.parse(
        writeShopperAction('cart-7', 3, 2, {
          type: 'item-scanned',
          sessionId: 's-1',
          code: '4000001100007',
          quantity: 1,
        }),
      ),
    ).toEqual({
      v: 1,
      type: 'item-scanned',
      cartId: 'cart-7',
      seq: 3,
      ack: 2,
      sessionId: 's-1',
      code: '4000001100007',
      quantity: 1,
    });
    expect(JSON.parse(writeCartControl('cart-7', 'hello', 9))).toEqual({
      v: 1,
      type: 'hello',
      cartId: 'cart-7',
      lastReceivedSeq: 9,
    });
  });

  it.each([
    ['{"v":1,"type":"exit-code"', 'bad-json'],
    ['null', 'bad-json'],
    ['[]', 'bad-json'],
    ['{"v":2,"type":"heartbeat","cartId":"cart-7"}', 'bad-version'],
    ['{"v":1,"type":"teleport","cartId":"cart-7"}', 'unknown-type'],
    ['{"v":1,"cartId":"cart-7"}', 'missing-field'],
    ['{"v":1,"type":"heartbeat"}', 'missing-field'],
    ['{"v":1,"type":"heartbeat","cartId":"cart-8"}', 'bad-field'],
    ['{"v":1,"type":"heartbeat","cartId":"cart-7","ack":-1}', 'bad-field'],
    ['{"v":1,"type":"welcome","cartId":"cart-7"}', 'missing-field'],
    [
      '{"v":1,"type":"exit-code","cartId":"cart-7","sessionId":"s","code":"C","expiresAt":"2026-01-01T00:00:00Z"}',
      'missing-field',
    ],
    [
      '{"v":1,"type":"exit-code","cartId":"cart-7","seq":0,"sessionId":"s","code":"C","expiresAt":"2026-01-01T00:00:00Z"}',
      'bad-field',
    ],
    [
      '{"v":1,"type":"exit-code","cartId":"cart-7","seq":1,"sessionId":"s","code":"C","expiresAt":"soon"}',
      'bad-field',
    ],
    [
      '{"v":1,"type":"checkout-result","cartId":"cart-7","seq":1,"sessionId":"s","outcome":"maybe"}',
      'bad-field',
    ],
    [
      '{"v":1,"type":"checkout-result","cartId":"cart-7","seq":1,"sessionId":"s","outcome":"approved","totalMinor":12.5}',
      'bad-field',
    ],
  ])('%s → %s', (text, reason) => {
    expect(readEdgeFrame(text, 'cart-7')).toMatchObject({ ok: false, reason });
  });

  it('never throws on random text or truncated frames (seeded)', () => {
    const frames = Object.values(EDGE_FRAMES);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), (junk, cut) => {
        readEdgeFrame(junk, 'cart-7');
        const frame = frames[cut % frames.length] as string;
        expect(readEdgeFrame(frame.slice(0, cut % frame.length), 'cart-7').ok).toBe(false);
      }),
      { seed: 20261202, numRuns: 500 },
    );
  });
});

describe('cart outbox (PROTOCOL.md, Resume)', () => {
  it('numbers from 1, keeps until acknowledged, and re-sends only what the edge lacks', () => {
    const outbox = new CartOutbox();
    for (const code of ['A', 'B', 'C']) outbox.add({ type: 'item-removed', sessionId: 's', code });
    outbox.acknowledged(1);
    expect(outbox.waiting.map((e) => e.seq)).toEqual([2, 3]);
    expect(outbox.resumeAfter(2).map((e) => e.seq)).toEqual([3]);
  });

  it('delivers last + 1, drops duplicates and calls a jump a gap', () => {
    const outbox = new CartOutbox();
    expect(outbox.arrive(1)).toBe('deliver');
    expect(outbox.arrive(1)).toBe('duplicate');
    expect(outbox.arrive(3)).toBe('gap');
    expect(outbox.arrive(2)).toBe('deliver');
    expect(outbox.lastFromEdge).toBe(2);
  });
});
