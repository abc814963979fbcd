import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcrFrameDecoder, type EcrLinkEvent, encodeEcrFrame } from './ecr-frame.js';
import { decodeEcrMessage, type EcrMessage, encodeEcrMessage } from './ecr-message.js';

const purchase: EcrMessage = {
  v: 1,
  type: 'purchase',
  requestId: 't-1',
  amount: { minor: 1299, currency: 'EUR' },
  method: 'card',
};

function feed(bytes: Uint8Array, chunk: number): EcrLinkEvent[] {
  const d = new EcrFrameDecoder();
  const out: EcrLinkEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...d.push(bytes.subarray(i, i + chunk)));
  return out;
}

describe('ECR framing', () => {
  it('frames STX len payload ETX LRC and decodes it back across any chunking', () => {
    const frame = encodeEcrFrame(encodeEcrMessage(purchase));
    expect(frame[0]).toBe(0x02);
    expect(frame.at(-2)).toBe(0x03);
    for (const chunk of [1, 2, 5, 1000]) {
      const events = feed(frame, chunk);
      expect(events).toHaveLength(1);
      const e = events[0];
      if (e?.kind !== 'frame') throw new Error('expected a frame');
      expect(decodeEcrMessage(e.payload)).toEqual({ ok: true, value: purchase });
    }
  });

  it('reports a corrupted frame as bad-lrc and still finds the next good one', () => {
    const good = encodeEcrFrame(encodeEcrMessage(purchase));
    const bad = good.slice();
    bad[5] = (bad[5] as number) ^ 0x01;
    const events = feed(new Uint8Array([...bad, ...good]), 3);
    expect(events.map((e) => (e.kind === 'error' ? e.reason : e.kind))).toContain('bad-lrc');
    expect(events.at(-1)?.kind).toBe('frame');
  });

  it('never throws on random input and resynchronises on the next good frame', () => {
    const good = encodeEcrFrame(encodeEcrMessage(purchase));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 13 }), (garbage, chunk) => {
        const events = feed(new Uint8Array([...garbage, ...good]), chunk);
        const frames = events.filter((e) => e.kind === 'frame');
        expect(frames.length).toBeGreaterThanOrEqual(1);
        const last = frames.at(-1);
        if (last?.kind !== 'frame') throw new Error('no frame');
        expect(decodeEcrMessage(last.payload)).toEqual({ ok: true, value: purchase });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on truncated frames', () => {
    const good = encodeEcrFrame(encodeEcrMessage(purchase));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), (cut) => {
        expect(feed(good.subarray(0, cut), 4).filter((e) => e.kind === 'frame')).toEqual([]);
      }),
    );
  });
});

describe('ECR messages', () => {
  it('turns bad payloads into typed errors', () => {
    const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    expect(decodeEcrMessage(new TextEncoder().encode('{nope'))).toMatchObject({
      ok: false,
      reason: 'bad-json',
    });
    expect(decodeEcrMessage(enc({ v: 2, type: 'status', requestId: 'a' }))).toMatchObject({
      ok: false,
      reason: 'bad-version',
    });
    expect(decodeEcrMessage(enc({ v: 1, type: 'teleport', requestId: 'a' }))).toMatchObject({
      ok: false,
      reason: 'unknown-type',
    });
    expect(decodeEcrMessage(enc({ v: 1, type: 'purchase', requestId: 'a', method: 'card' }))).toMatchObject({
      ok: false,
      reason: 'missing-field',
      path: 'amount',
    });
    expect(
      decodeEcrMessage(
        enc({
          v: 1,
          type: 'purchase',
          requestId: 'a',
          amount: { minor: 12.5, currency: 'EUR' },
          method: 'card',
        }),
      ),
    ).toMatchObject({ ok: false, reason: 'bad-field', path: 'amount.minor' });
  });

  it('never throws on any JSON value or byte string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((j) => new TextEncoder().encode(JSON.stringify(j))),
          fc.uint8Array(),
        ),
        (bytes) => {
          const r = decodeEcrMessage(bytes);
          if (!r.ok)
            expect(['bad-json', 'bad-version', 'unknown-type', 'missing-field', 'bad-field']).toContain(
              r.reason,
            );
        },
      ),
    );
  });
});
