import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeToledoStatusByte,
  encodeToledo8217Command,
  encodeToledoStatusReply,
  encodeToledoWeightReply,
  TOLEDO_8217_LINE,
  TOLEDO_STATUS_BITS,
  Toledo8217Decoder,
} from './toledo-8217-codec.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * What Odoo's IoT box expects from a Toledo 8217 scale (odoo/odoo addons/iot_drivers/iot_handlers/drivers/
 * serial_scale_driver.py, Toledo8217Protocol): 9600 baud, 7 bits, even parity, 1 stop bit; measure command
 * `W` with no terminator; a weight reply matches /\x02\s*([0-9.]+)N?\r/ and a status reply
 * /\x02\s*\?([^\x00])\r/ whose status bits 0-6 are motion, over capacity, under zero, outside zero capture,
 * centre of zero, net, bad command.
 */
const STX = String.fromCharCode(0x02);
const NUL = String.fromCharCode(0x00);
const ODOO_MEASURE = new RegExp(`${STX}\\s*([0-9.]+)N?\\r`);
const ODOO_STATUS = new RegExp(`${STX}\\s*\\?([^${NUL}])\\r`);
const ODOO_STATUS_BITS = [
  'Scale in motion',
  'Over capacity',
  'Under zero',
  'Outside zero capture range',
  'Center of zero',
  'Net weight',
  'Bad Command from host',
];

const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

describe('Toledo 8217 codec matches what Odoo IoT expects', () => {
  it('uses 9600 7E1 and bare single-letter commands', () => {
    expect(TOLEDO_8217_LINE).toEqual({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
    expect(latin1(encodeToledo8217Command('weigh'))).toBe('W');
    expect(latin1(encodeToledo8217Command('zero'))).toBe('Z');
    expect(latin1(encodeToledo8217Command('tare'))).toBe('T');
    expect(latin1(encodeToledo8217Command('clear-tare'))).toBe('C');
  });

  it('sends weight replies Odoo reads as the same kilograms we read as grams', () => {
    for (const grams of [5, 250, 1234, 14_999]) {
      const reply = encodeToledoWeightReply(grams);
      const odoo = ODOO_MEASURE.exec(latin1(reply));
      expect(odoo?.[1]).toBeDefined();
      expect(Math.round(Number(odoo?.[1]) * 1000)).toBe(grams);
      expect(new Toledo8217Decoder().push(reply)).toEqual([
        { ok: true, value: { type: 'weight', grams, net: false } },
      ]);
    }
    expect(ODOO_MEASURE.test(latin1(encodeToledoWeightReply(1500, true)))).toBe(true);
  });

  it('decodes Odoo-style replies with leading spaces and the N suffix', () => {
    expect(new Toledo8217Decoder().push(bytes('\x02  1.25N\r'))).toEqual([
      { ok: true, value: { type: 'weight', grams: 1250, net: true } },
    ]);
  });

  it('sends status replies Odoo recognises, with the same bit meanings', () => {
    TOLEDO_STATUS_BITS.forEach((flag, bit) => {
      const reply = latin1(encodeToledoStatusReply([flag]));
      const odoo = ODOO_STATUS.exec(reply);
      expect(odoo?.[1]?.charCodeAt(0)).toBe(1 << bit);
      expect(ODOO_STATUS_BITS[bit]?.toLowerCase().replace(/ /g, '-')).toContain(flag.split('-')[0]);
      expect(decodeToledoStatusByte(1 << bit)).toEqual([flag]);
    });
  });

  it('reads Odoo example status "D" (0x44) as under zero plus bad command, ignoring the parity bit', () => {
    expect(decodeToledoStatusByte(0x44)).toEqual(['under-zero', 'bad-command']);
    expect(decodeToledoStatusByte(0xc4)).toEqual(['under-zero', 'bad-command']);
  });

  it('turns status replies into conditions, never weights', () => {
    const decoder = new Toledo8217Decoder();
    expect(decoder.push(encodeToledoStatusReply(['motion']))).toEqual([
      { ok: true, value: { type: 'condition', condition: 'motion', flags: ['motion'] } },
    ]);
    expect(decoder.push(encodeToledoStatusReply(['over-capacity']))[0]).toMatchObject({
      ok: true,
      value: { condition: 'over-capacity' },
    });
    expect(decoder.push(encodeToledoStatusReply(['under-zero', 'motion']))[0]).toMatchObject({
      value: { condition: 'under-zero' },
    });
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

const goodFrame = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map((g) => encodeToledoWeightReply(g)),
  fc.subarray([...TOLEDO_STATUS_BITS], { minLength: 1 }).map((flags) => encodeToledoStatusReply(flags)),
);

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
    );
  });
});
