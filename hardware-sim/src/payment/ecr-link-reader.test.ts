import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EcrLinkItem, EcrLinkReader, frameEcrPayload } from './ecr-link-reader.js';
import { readTerminalRequest } from './ecr-request.js';

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);
const frames = (items: EcrLinkItem[]) =>
  items.flatMap((i) => (i.kind === 'frame' ? [new TextDecoder().decode(i.payload)] : []));

// Frames worked out by hand from device-drivers/src/payment/PROTOCOL.md §2 (STX, LEN big-endian, JSON, ETX,
// LRC = XOR of LEN_HI, LEN_LO, payload and ETX), outside this code: `python3 -c` over the bytes.
const STATUS_T1 = {
  payload: '{"v":1,"type":"status","requestId":"t-1"}',
  frame: '0200297b2276223a312c2274797065223a22737461747573222c22726571756573744964223a22742d31227d0369',
};
const PURCHASE_1299_EUR = {
  payload:
    '{"v":1,"type":"purchase","requestId":"tender-1","amount":{"minor":1299,"currency":"EUR"},"method":"card"}',
  frame:
    '0200697b2276223a312c2274797065223a227075726368617365222c22726571756573744964223a2274656e6465722d31222c22616d6f756e74223a7b226d696e6f72223a313239392c2263757272656e6379223a22455552227d2c226d6574686f64223a2263617264227d0352',
};

describe('ECR link framing (PROTOCOL.md §2)', () => {
  it('frames a payload into the bytes the document gives', () => {
    for (const fixture of [STATUS_T1, PURCHASE_1299_EUR]) {
      expect(Buffer.from(frameEcrPayload(utf8(fixture.payload))).toString('hex')).toBe(fixture.frame);
      expect(frames(new EcrLinkReader().read(hex(fixture.frame)))).toEqual([fixture.payload]);
    }
  });

  it('reads the document example purchase as a typed request', () => {
    const items = new EcrLinkReader().read(hex(PURCHASE_1299_EUR.frame));
    const frame = items[0];
    if (frame?.kind !== 'frame') throw new Error('no frame');
    expect(readTerminalRequest(frame.payload)).toEqual({
      ok: true,
      value: {
        type: 'purchase',
        requestId: 'tender-1',
        amount: { minor: 1299, currency: 'EUR' },
        method: 'card',
      },
    });
  });

  it('reports a wrong LRC and a wrong ETX, then reads the next good frame', () => {
    const badLrc = hex(STATUS_T1.frame);
    badLrc[badLrc.length - 1] = (badLrc.at(-1) as number) ^ 0xff;
    const badEtx = hex(STATUS_T1.frame);
    badEtx[badEtx.length - 2] = 0x04;
    const reader = new EcrLinkReader();
    const items = reader.read(Buffer.concat([badLrc, badEtx, hex(PURCHASE_1299_EUR.frame)]));
    expect(items.filter((i) => i.kind === 'fault').map((i) => i.kind === 'fault' && i.fault)).toEqual([
      'bad-lrc',
      'bad-etx',
    ]);
    expect(frames(items)).toEqual([PURCHASE_1299_EUR.payload]);
    expect(reader.buffered).toBe(0);
  });

  it('abandons a truncated frame once a complete good frame follows it', () => {
    const truncated = hex(PURCHASE_1299_EUR.frame).subarray(0, 40);
    const reader = new EcrLinkReader();
    expect(reader.read(truncated)).toEqual([]);
    expect(reader.buffered).toBe(40);
    const items = reader.read(hex(STATUS_T1.frame));
    expect(items[0]).toEqual({ kind: 'fault', fault: 'abandoned' });
    expect(frames(items)).toEqual([STATUS_T1.payload]);
  });

  it('waits for a frame split at every byte', () => {
    const bytes = hex(PURCHASE_1299_EUR.frame);
    for (let cut = 1; cut < bytes.length; cut++) {
      const reader = new EcrLinkReader();
      const items = [...reader.read(bytes.subarray(0, cut)), ...reader.read(bytes.subarray(cut))];
      expect(frames(items)).toEqual([PURCHASE_1299_EUR.payload]);
    }
  });

  it('refuses a length above 16384 and tells ACK and NAK bytes from strays', () => {
    const items = new EcrLinkReader().read(Uint8Array.of(0x41, 0x06, 0x42, 0x43, 0x15, 0x02, 0x40, 0x01));
    expect(items).toEqual([
      { kind: 'stray', count: 1 },
      { kind: 'answer', answer: 'ack' },
      { kind: 'stray', count: 2 },
      { kind: 'answer', answer: 'nak' },
      { kind: 'fault', fault: 'oversized' },
      { kind: 'stray', count: 2 },
    ]);
  });

  it('never throws on garbage and always finds the good frame after it (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (garbage, chunk) => {
        const reader = new EcrLinkReader();
        const stream = Buffer.concat([garbage, hex(STATUS_T1.frame), hex(STATUS_T1.frame)]);
        const items: EcrLinkItem[] = [];
        for (let at = 0; at < stream.length; at += chunk)
          items.push(...reader.read(stream.subarray(at, at + chunk)));
        // The garbage may swallow the first copy (an STX with a huge LEN waits for it); never the second.
        expect(frames(items).filter((p) => p === STATUS_T1.payload).length).toBeGreaterThanOrEqual(1);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});

describe('ECR messages (PROTOCOL.md §3, §4)', () => {
  it.each([
    ['not json', 'ecr-bad-json'],
    ['[1,2]', 'ecr-bad-json'],
    ['{"v":2,"type":"status","requestId":"a"}', 'ecr-bad-version'],
    ['{"v":1,"type":"result","requestId":"a"}', 'ecr-unknown-type'],
    ['{"v":1,"type":"status"}', 'ecr-missing-field'],
    ['{"v":1,"type":"status","requestId":""}', 'ecr-bad-field'],
    [`{"v":1,"type":"status","requestId":"${'x'.repeat(129)}"}`, 'ecr-bad-field'],
    ['{"v":1,"type":"purchase","requestId":"a","method":"card"}', 'ecr-missing-field'],
    [
      '{"v":1,"type":"purchase","requestId":"a","amount":{"minor":1.5,"currency":"EUR"},"method":"card"}',
      'ecr-bad-field',
    ],
    [
      '{"v":1,"type":"purchase","requestId":"a","amount":{"minor":100,"currency":"eur"},"method":"card"}',
      'ecr-bad-field',
    ],
    [
      '{"v":1,"type":"purchase","requestId":"a","amount":{"minor":100,"currency":"EUR"},"method":"cash"}',
      'ecr-bad-field',
    ],
    [
      '{"v":1,"type":"refund","requestId":"a","amount":{"minor":100,"currency":"EUR"},"method":"card"}',
      'ecr-missing-field',
    ],
    ['{"v":1,"type":"cancel","requestId":"a"}', 'ecr-missing-field'],
  ])('%s → %s', (payload, reason) => {
    expect(readTerminalRequest(utf8(payload))).toMatchObject({ ok: false, reason });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(readTerminalRequest(Uint8Array.of(0x7b, 0xff, 0x7d))).toMatchObject({
      ok: false,
      reason: 'ecr-bad-json',
    });
  });
});
