import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPushSize, clampBatchSize, utf8ByteLength } from './size-guard.js';

describe('size guard', () => {
  it('counts UTF-8 bytes like an encoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });

  it('clamps pull batch sizes', () => {
    const limits = { maxBatchSize: 100, maxDocumentBytes: 10 };
    expect(clampBatchSize(5000, limits)).toBe(100);
    expect(clampBatchSize(7.9, limits)).toBe(7);
    expect(clampBatchSize(0, limits)).toBe(100);
    expect(clampBatchSize('10', limits)).toBe(100);
  });

  it('refuses oversized pushes and names the document', () => {
    const limits = { maxBatchSize: 2, maxDocumentBytes: 20 };
    const row = (text: string) => ({ newDocumentState: { text } });
    expect(checkPushSize([row('a'), row('b'), row('c')], limits)).toMatchObject({
      ok: false,
      reason: 'batch-size',
    });
    expect(checkPushSize([row('a'), row('x'.repeat(30))], limits)).toMatchObject({
      ok: false,
      reason: 'document-too-large',
      path: '[1].newDocumentState',
    });
    expect(checkPushSize([row('a')], limits)).toEqual({ ok: true, value: 12 });
  });
});
