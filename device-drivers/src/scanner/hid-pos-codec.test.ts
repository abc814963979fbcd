import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeHidPosReport,
  encodeHidPosReports,
  HID_POS_REPORT_LENGTH,
  HidPosAssembler,
} from './hid-pos-codec.js';

/** A report as a HID POS scanner sends it, built by hand from the layout (not through the encoder). */
function report(aim: string, data: string, continued = false): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  for (let i = 0; i < 3; i += 1) r[2 + i] = aim.charCodeAt(i);
  for (let i = 0; i < data.length; i += 1) r[5 + i] = data.charCodeAt(i);
  r[63] = continued ? 1 : 0;
  return r;
}

describe('HID POS scanner report codec', () => {
  it('decodes a scanned data report', () => {
    expect(new HidPosAssembler().push(report(']E0', '4006381333931'))).toEqual({
      ok: true,
      value: { code: '4006381333931', symbology: 'ean-13', aimId: ']E0', source: 'hid' },
    });
  });

  it('joins a code continued over two reports (byte 63 bit 0)', () => {
    const a = new HidPosAssembler();
    const first = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23  ';
    const long = `${first}.`.padEnd(56, 'x');
    expect(a.push(report(']Q0', long, true))).toBeUndefined();
    expect(a.push(report(']Q0', 'tail'))).toMatchObject({
      ok: true,
      value: { code: `${long}tail`, symbology: 'qr' },
    });
  });

  it('returns typed errors for wrong length, wrong id, bad length byte, missing AIM id', () => {
    expect(decodeHidPosReport(new Uint8Array(63))).toMatchObject({ ok: false, reason: 'report-length' });
    expect(decodeHidPosReport(new Uint8Array(65))).toMatchObject({ ok: false, reason: 'report-length' });
    const wrongId = report(']E0', '1');
    wrongId[0] = 0x01;
    expect(decodeHidPosReport(wrongId)).toMatchObject({ ok: false, reason: 'report-id' });
    const tooLong = report(']E0', '1');
    tooLong[1] = 57;
    expect(decodeHidPosReport(tooLong)).toMatchObject({ ok: false, reason: 'data-length' });
    expect(decodeHidPosReport(report('E04', '1'))).toMatchObject({ ok: false, reason: 'missing-aim-id' });
    expect(new HidPosAssembler().push(report(']E0', ''))).toMatchObject({ ok: false, reason: 'empty-code' });
  });

  it('round-trips any code through the reports a scanner would send', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{1,300}$/), (code) => {
        const a = new HidPosAssembler();
        const results = encodeHidPosReports(code, 'code-128').map((r) => a.push(r));
        expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
        expect(results[results.length - 1]).toMatchObject({
          ok: true,
          value: { code, symbology: 'code-128' },
        });
      }),
      { seed: 0x41d, numRuns: 200 },
    );
  });

  it('never throws on random or truncated reports, and recovers on the next good one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 70 }), fc.uint8Array({ minLength: 64, maxLength: 64 }))),
        (junk) => {
          const a = new HidPosAssembler();
          for (const r of junk) a.push(r.slice(0, r.length === HID_POS_REPORT_LENGTH ? 64 : r.length));
          const bad = a.push(report(']E0', '123', true).slice(0, 40));
          expect(bad).toMatchObject({ ok: false, reason: 'report-length' });
          expect(a.push(report(']E0', '4006381333931'))).toMatchObject({
            ok: true,
            value: { code: '4006381333931' },
          });
        },
      ),
      { seed: 0x41d, numRuns: 200 },
    );
  });
});
