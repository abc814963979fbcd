import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AimSerialDecoder, encodeAimScan } from './aim-serial-codec.js';
import type { Symbology } from './symbology.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('AIM serial scanner codec', () => {
  it('decodes AIM-prefixed CR-terminated codes with their symbology', () => {
    const d = new AimSerialDecoder();
    expect(d.push(bytes(']E04006381333931\r]E496385074\r\n]C1010401234567890\x1d10AB\r'))).toEqual([
      { ok: true, value: { code: '4006381333931', symbology: 'ean-13', aimId: ']E0', source: 'serial' } },
      { ok: true, value: { code: '96385074', symbology: 'ean-8', aimId: ']E4', source: 'serial' } },
      {
        ok: true,
        value: { code: '010401234567890\x1d10AB', symbology: 'gs1-128', aimId: ']C1', source: 'serial' },
      },
    ]);
  });

  it('assembles a code split across reads', () => {
    const d = new AimSerialDecoder();
    expect(d.push(bytes(']Q1hel'))).toEqual([]);
    expect(d.push(bytes('lo\r'))).toEqual([
      { ok: true, value: { code: 'hello', symbology: 'qr', aimId: ']Q1', source: 'serial' } },
    ]);
  });

  it('turns bad reads into typed errors, never a code', () => {
    const d = new AimSerialDecoder();
    expect(d.push(bytes('4006381333931\r'))[0]).toMatchObject({ ok: false, reason: 'missing-aim-id' });
    expect(d.push(bytes(']E0\r'))[0]).toMatchObject({ ok: false, reason: 'empty-code' });
    expect(d.push(Uint8Array.from([0xff, 0x81, 0x0d]))[0]).toMatchObject({ ok: false, reason: 'noise' });
    expect(d.push(new Uint8Array(5000).fill(0x41))[0]).toMatchObject({ ok: false, reason: 'frame-too-long' });
    expect(d.push(bytes('\r]E04006381333931\r'))).toEqual([
      { ok: true, value: expect.objectContaining({ code: '4006381333931' }) },
    ]);
  });

  it('separates noise from a frame on the same line', () => {
    const d = new AimSerialDecoder();
    expect(d.push(Uint8Array.from([0x9a, 0xf0, ...bytes(']E04006381333931\r')]))).toEqual([
      { ok: false, reason: 'noise', detail: '2 byte(s) of noise before a frame' },
      { ok: true, value: expect.objectContaining({ code: '4006381333931' }) },
    ]);
  });
});

const retailScan = fc.oneof(
  fc.stringMatching(/^[0-9]{13}$/).map((c) => [c, 'ean-13' as Symbology] as const),
  fc.stringMatching(/^[0-9]{8}$/).map((c) => [c, 'ean-8' as Symbology] as const),
  fc
    .tuple(fc.stringMatching(/^01[0-9]{14}$/), fc.option(fc.stringMatching(/^10[A-Z0-9]{1,10}$/)))
    .map(([gtin, batch]) => [batch ? `${gtin}\u001d${batch}` : gtin, 'gs1-128' as Symbology] as const),
);

describe('AIM serial decoder under fuzzing', () => {
  it('never throws on random bytes in random chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 8 }), (chunks) => {
        const d = new AimSerialDecoder();
        for (const c of chunks) {
          for (const r of d.push(c)) {
            if (!r.ok)
              expect(['noise', 'missing-aim-id', 'empty-code', 'frame-too-long']).toContain(r.reason);
          }
        }
      }),
      { seed: 0x41d, numRuns: 200 },
    );
  });

  it('resynchronises on the next good frame after garbage or a frame cut short', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 60 }),
          retailScan.map(([c, s]) => encodeAimScan(c, s).slice(0, -1)),
        ),
        retailScan,
        (garbage, [code, symbology]) => {
          const d = new AimSerialDecoder();
          const results = d.push(Uint8Array.from([...garbage, ...encodeAimScan(code, symbology)]));
          expect(results[results.length - 1]).toMatchObject({ ok: true, value: { code } });
        },
      ),
      { seed: 0x41d, numRuns: 300 },
    );
  });
});
