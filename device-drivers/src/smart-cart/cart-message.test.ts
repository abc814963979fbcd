import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CartMessage, decodeCartMessage, encodeCartMessage } from './cart-message.js';
import { SequencedLink } from './sequenced-link.js';

const scan: CartMessage = {
  v: 1,
  type: 'item-scanned',
  cartId: 'cart-7',
  seq: 3,
  ack: 1,
  sessionId: 's-1',
  code: '4006381333931',
  quantity: 1,
};

describe('cart message codec', () => {
  it('round-trips every kind of message', () => {
    const messages: CartMessage[] = [
      scan,
      { v: 1, type: 'session-start', cartId: 'c', seq: 1, sessionId: 's' },
      {
        v: 1,
        type: 'weight-changed',
        cartId: 'c',
        seq: 2,
        sessionId: 's',
        grams: 1250,
        deltaGrams: -30,
        stable: true,
      },
      { v: 1, type: 'item-removed', cartId: 'c', seq: 4, sessionId: 's', code: 'x' },
      { v: 1, type: 'checkout-requested', cartId: 'c', seq: 5, sessionId: 's' },
      {
        v: 1,
        type: 'checkout-result',
        cartId: 'c',
        seq: 1,
        sessionId: 's',
        outcome: 'approved',
        totalMinor: 1299,
        currency: 'EUR',
      },
      {
        v: 1,
        type: 'exit-code',
        cartId: 'c',
        seq: 2,
        sessionId: 's',
        code: 'EXIT-42',
        expiresAt: '2026-01-01T10:00:00.000Z',
      },
      {
        v: 1,
        type: 'basket-updated',
        cartId: 'c',
        seq: 3,
        sessionId: 's',
        totalMinor: 2932,
        currency: 'CNY',
        lines: 2,
      },
      { v: 1, type: 'hello', cartId: 'c', lastReceivedSeq: 0 },
      { v: 1, type: 'welcome', cartId: 'c', lastReceivedSeq: 4 },
      { v: 1, type: 'ack', cartId: 'c', ack: 9 },
      { v: 1, type: 'heartbeat', cartId: 'c' },
    ];
    for (const m of messages) expect(decodeCartMessage(encodeCartMessage(m))).toEqual({ ok: true, value: m });
  });

  it('gives typed errors for bad JSON, unknown type, missing and bad fields', () => {
    expect(decodeCartMessage('{')).toMatchObject({ ok: false, reason: 'bad-json' });
    expect(decodeCartMessage('[]')).toMatchObject({ ok: false, reason: 'bad-json' });
    expect(decodeCartMessage(JSON.stringify({ ...scan, v: 2 }))).toMatchObject({
      ok: false,
      reason: 'bad-version',
    });
    expect(decodeCartMessage(JSON.stringify({ ...scan, type: 'teleport' }))).toMatchObject({
      ok: false,
      reason: 'unknown-type',
    });
    expect(decodeCartMessage(JSON.stringify({ ...scan, type: 'toString' }))).toMatchObject({
      ok: false,
      reason: 'unknown-type',
    });
    const { code: _code, ...noCode } = scan as CartMessage & { code: string };
    expect(decodeCartMessage(JSON.stringify(noCode))).toMatchObject({
      ok: false,
      reason: 'missing-field',
      path: 'code',
    });
    const { seq: _seq, ...noSeq } = scan;
    expect(decodeCartMessage(JSON.stringify(noSeq))).toMatchObject({
      ok: false,
      reason: 'missing-field',
      path: 'seq',
    });
    expect(
      decodeCartMessage(
        JSON.stringify({
          v: 1,
          type: 'weight-changed',
          cartId: 'c',
          seq: 1,
          sessionId: 's',
          grams: 1.5,
          deltaGrams: 0,
          stable: true,
        }),
      ),
    ).toMatchObject({ ok: false, reason: 'bad-field', path: 'grams' });
  });

  it('never throws on random text, JSON or truncated frames', () => {
    const good = encodeCartMessage(scan);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((j) => JSON.stringify(j)),
          fc.integer({ min: 0, max: good.length }).map((n) => good.slice(0, n)),
          fc
            .dictionary(
              fc.constantFrom('v', 'type', 'cartId', 'seq', 'ack', 'sessionId', 'code', 'quantity'),
              fc.jsonValue(),
            )
            .map((o) => JSON.stringify(o)),
        ),
        (text) => {
          const r = decodeCartMessage(text);
          if (!r.ok)
            expect(['bad-json', 'bad-version', 'unknown-type', 'missing-field', 'bad-field']).toContain(
              r.reason,
            );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('SequencedLink', () => {
  it('delivers in order once, resends what was not acknowledged, and resynchronises after any loss pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), (lost) => {
        // The cart sends one message per entry; `true` means the connection dropped right after sending.
        const cart = new SequencedLink('c');
        const edge = new SequencedLink('c');
        const delivered: number[] = [];
        const transmit = (m: CartMessage) => {
          if (m.seq === undefined) return;
          const arrival = edge.receive(m.seq);
          if (arrival === 'deliver') delivered.push(m.seq);
        };
        lost.forEach((drop, i) => {
          const m = cart.enqueue({ type: 'item-scanned', sessionId: 's', code: String(i), quantity: 1 });
          if (!drop) {
            transmit(m);
            cart.acknowledge(edge.lastReceived);
          } else {
            // Reconnect: the edge says what it has; the cart resends the rest.
            for (const again of cart.resume(edge.lastReceived)) transmit(again);
            cart.acknowledge(edge.lastReceived);
          }
        });
        expect(delivered).toEqual(lost.map((_, i) => i + 1));
        expect(cart.unacknowledged).toEqual([]);
      }),
    );
  });
});
