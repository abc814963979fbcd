import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeNciCommand,
  encodeNciStatusBytes,
  encodeNciStatusReply,
  encodeNciWeightReply,
  NCI_STATUS_BITS,
  NciDecoder,
  type NciStatusFlag,
} from './nci-codec.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('NCI codec', () => {
  it('sends letter + CR commands', () => {
    expect(String.fromCharCode(...encodeNciCommand('weigh'))).toBe('W\r');
    expect(String.fromCharCode(...encodeNciCommand('zero'))).toBe('Z\r');
  });

  it('decodes a weight reply in each unit to integer grams', () => {
    const d = new NciDecoder();
    expect(d.push(bytes('\n1.250kg\r\n00\r\x03'))).toEqual([
      { ok: true, value: { type: 'weight', grams: 1250, net: false } },
    ]);
    expect(d.push(bytes('\n 0125g \r\n00\r\x03'))[0]).toMatchObject({ value: { grams: 125 } });
    expect(d.push(bytes('\n2.20lb\r\n00\r\x03'))[0]).toMatchObject({ value: { grams: 998 } });
    expect(d.push(bytes('\n16.00oz\r\n00\r\x03'))[0]).toMatchObject({ value: { grams: 454 } });
  });

  it('keeps status bits 4 and 5 set so status bytes are printable', () => {
    expect(encodeNciStatusBytes([])).toEqual([0x30, 0x30]);
    expect(encodeNciStatusBytes(['motion', 'over-capacity'])).toEqual([0x31, 0x32]);
  });

  it('never hands on a weight with the motion bit: it is a condition', () => {
    const d = new NciDecoder();
    expect(d.push(encodeNciWeightReply(800, ['motion']))).toEqual([
      { ok: true, value: { type: 'condition', condition: 'motion', flags: ['motion'] } },
    ]);
    expect(d.push(encodeNciStatusReply(['over-capacity']))[0]).toMatchObject({
      value: { condition: 'over-capacity' },
    });
    expect(d.push(encodeNciStatusReply(['under-zero']))[0]).toMatchObject({
      value: { condition: 'under-zero' },
    });
    expect(d.push(encodeNciStatusReply(['eeprom-error']))[0]).toMatchObject({
      value: { condition: 'device-fault' },
    });
    expect(d.push(bytes('\n?\r\x03'))[0]).toMatchObject({ value: { condition: 'bad-command' } });
    expect(d.push(bytes('\n-0.120kg\r\n00\r\x03'))[0]).toMatchObject({ value: { condition: 'under-zero' } });
  });

  it('reports malformed replies as typed errors', () => {
    const d = new NciDecoder();
    expect(d.push(bytes('zz\n1.2kg\r\nAB\r\x03'))).toEqual([
      { ok: false, reason: 'noise', detail: '2 byte(s) outside a frame' },
      { ok: false, reason: 'bad-frame', detail: 'NCI status must be two or more bytes 0x30-0x3F' },
    ]);
  });
});

const flags = fc.subarray(NCI_STATUS_BITS.flat() as NciStatusFlag[]);
const goodFrame = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), flags).map(([g, f]) => encodeNciWeightReply(g, f)),
  flags.map((f) => encodeNciStatusReply(f)),
);

describe('NCI decoder under fuzzing', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), (chunks) => {
        const d = new NciDecoder();
        for (const chunk of chunks) {
          for (const r of d.push(chunk)) {
            if (!r.ok) expect(['noise', 'bad-frame', 'bad-weight', 'frame-too-long']).toContain(r.reason);
          }
        }
      }),
    );
  });

  it('resynchronises on the next good reply after garbage or a truncated reply', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 60 }),
          goodFrame.map((f) => f.slice(0, f.length - 1)),
        ),
        goodFrame,
        (garbage, frame) => {
          const d = new NciDecoder();
          const results = d.push(Uint8Array.from([...garbage, ...frame]));
          expect(results[results.length - 1]).toEqual(new NciDecoder().push(frame)[0]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
