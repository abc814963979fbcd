import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { readJpegFrame } from './jpeg-frame.js';

const baseline = jpeg.encode({ width: 40, height: 20, data: Buffer.alloc(40 * 20 * 4, 0x80) }, 80).data;

describe('readJpegFrame (what TJpgDec accepts)', () => {
  it('sizes a baseline JPEG', () => {
    expect(readJpegFrame(baseline)).toEqual({ ok: true, value: { width: 40, height: 20, components: 3 } });
  });

  it('refuses a JPEG cut before its frame header, at every cut', () => {
    const sof = baseline.indexOf(Buffer.from([0xff, 0xc0]));
    for (let cut = 0; cut < sof + 10; cut++) {
      expect(readJpegFrame(baseline.subarray(0, cut)), `cut at ${cut}`).toMatchObject({ ok: false });
    }
  });

  it('never throws on random bytes, with or without a JPEG start (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, soi) => {
        const input = soi ? Uint8Array.from([0xff, 0xd8, ...bytes]) : bytes;
        const read = readJpegFrame(input);
        if (read.ok) expect(read.value.width).toBeGreaterThan(0);
      }),
      { seed: 20261202, numRuns: 1000 },
    );
  });
});
