import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIVA_STATUS_TABLE, DIVA_WEIGHT_REPLIES, ODOO_TOLEDO_8217 } from '../../test/fixtures/toledo-8217.js';
import {
  decodeToledoStatusByte,
  encodeToledo8217Command,
  isToledoEchoAnswer,
  TOLEDO_8217_LINE,
  TOLEDO_ECHO_PROBE,
  Toledo8217Decoder,
} from './toledo-8217-codec.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

describe('Toledo 8217 codec against Odoo IoT (serial_scale_driver.py)', () => {
  it("uses Odoo's line settings and its bare W measure command", () => {
    expect(TOLEDO_8217_LINE).toEqual(ODOO_TOLEDO_8217.line);
    expect(latin1(encodeToledo8217Command('weigh'))).toBe(ODOO_TOLEDO_8217.measureCommand);
    expect(latin1(encodeToledo8217Command('zero'))).toBe('Z');
    expect(latin1(encodeToledo8217Command('tare'))).toBe('T');
    expect(latin1(encodeToledo8217Command('clear-tare'))).toBe('C');
  });

  it("knows Odoo's echo probe and recognises the answer it expects", () => {
    expect(TOLEDO_ECHO_PROBE.command).toBe(ODOO_TOLEDO_8217.probe.write);
    expect(TOLEDO_ECHO_PROBE.end).toBe(ODOO_TOLEDO_8217.probe.end);
    expect(isToledoEchoAnswer(bytes(ODOO_TOLEDO_8217.probe.expect))).toBe(true);
    expect(isToledoEchoAnswer(bytes('\x02?@\r'))).toBe(false);
  });

  it("reads Odoo's example status reply ?D as under zero, not as a bad command", () => {
    const reply = ODOO_TOLEDO_8217.exampleStatusReply;
    expect(ODOO_TOLEDO_8217.statusRegexp.test(reply)).toBe(true);
    expect(new Toledo8217Decoder().push(bytes(reply))).toEqual([
      { ok: true, value: { type: 'condition', condition: 'under-zero', flags: ['under-zero'] } },
    ]);
  });

  it("reads every weight Odoo's measureRegexp accepts as the same weight", () => {
    for (const { reply, unit, grams, net } of DIVA_WEIGHT_REPLIES) {
      const odoo = ODOO_TOLEDO_8217.measureRegexp.exec(reply);
      expect(odoo, reply).not.toBeNull();
      expect(new Toledo8217Decoder(unit).push(bytes(reply))).toEqual([
        { ok: true, value: { type: 'weight', grams, net } },
      ]);
    }
  });
});

describe('Toledo 8217 status byte against the DIVA service manual table (§6.1.4.3)', () => {
  it.each(DIVA_STATUS_TABLE)('$reply → $condition', ({ reply, flags, condition, bit6Clear }) => {
    const [result] = new Toledo8217Decoder().push(bytes(reply));
    expect(result).toEqual({
      ok: true,
      value: {
        type: 'condition',
        condition,
        flags,
        ...(bit6Clear ? { unexpectedBits: [{ byte: 1, bit: 6, set: false }] } : {}),
      },
    });
  });

  it('never reads bit 6 or the parity bit as a flag', () => {
    for (let byte = 0; byte < 256; byte += 1) {
      const { flags, unexpectedBits } = decodeToledoStatusByte(byte);
      expect(flags.length).toBeLessThanOrEqual(6);
      expect(unexpectedBits.length).toBe((byte & 0x40) === 0 ? 1 : 0);
    }
  });

  it('reports noise and bad frames as typed errors', () => {
    const decoder = new Toledo8217Decoder();
    expect(decoder.push(bytes('xx\x02ab\r'))).toEqual([
      { ok: false, reason: 'noise', detail: '2 byte(s) outside a frame' },
      { ok: false, reason: 'bad-weight', detail: 'not a weight: "ab"' },
    ]);
    expect(decoder.push(bytes('\x0212345678901234567890\r'))[0]).toMatchObject({
      ok: false,
      reason: 'frame-too-long',
    });
  });
});

/** Good frames as the manual writes them: a kg weight (§6.1.4.2) or a status byte 0x40-0x7F (§6.1.4.3). */
const goodFrame = fc.oneof(
  fc
    .integer({ min: 0, max: 99_999 })
    .map((g) =>
      bytes(`\x02${String(Math.floor(g / 1000)).padStart(2, '0')}.${String(g % 1000).padStart(3, '0')}\r`),
    ),
  fc.integer({ min: 0x40, max: 0x7f }).map((status) => Uint8Array.from([0x02, 0x3f, status, 0x0d])),
);

/** Seeded so a failure can be replayed; fast-check prints the seed and path with any counterexample. */
const FUZZ = { seed: 0x8217, numRuns: 400 } as const;

function splitAt(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(data.slice(last, p));
    last = p;
  }
  out.push(data.slice(last));
  return out;
}

describe('Toledo 8217 decoder under fuzzing', () => {
  it('never throws on random bytes in random chunks; every result is a frame or a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(), { maxLength: 8 }), (data, cuts) => {
        const decoder = new Toledo8217Decoder();
        for (const chunk of splitAt(data, cuts)) {
          for (const r of decoder.push(chunk)) {
            if (!r.ok) expect(['noise', 'bad-frame', 'bad-weight', 'frame-too-long']).toContain(r.reason);
            else if (r.value.type === 'weight') expect(Number.isInteger(r.value.grams)).toBe(true);
          }
        }
      }),
      FUZZ,
    );
  });

  it('resynchronises on the next good frame after garbage or a truncated frame', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 60 }),
          goodFrame.map((f) => f.slice(0, Math.max(0, f.length - 1))),
        ),
        goodFrame,
        fc.array(fc.nat(), { maxLength: 4 }),
        (garbage, frame, cuts) => {
          const decoder = new Toledo8217Decoder();
          const results = splitAt(Uint8Array.from([...garbage, ...frame]), cuts).flatMap((c) =>
            decoder.push(c),
          );
          const last = results[results.length - 1];
          expect(last).toEqual(new Toledo8217Decoder().push(frame)[0]);
        },
      ),
      FUZZ,
    );
  });
});
