import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipartForm } from './multipart-form.js';

describe('multipart form parser', () => {
  it('reads what the platform FormData encodes', async () => {
    const form = new FormData();
    form.set('mac', 'AABBCCDDEEFF0000');
    form.set('file', new Blob([Uint8Array.of(0x89, 0x50, 0x0d, 0x0a, 0x00)], { type: 'image/png' }), 'x.png');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const boundary = multipartBoundary(req.headers.get('content-type') ?? undefined) as string;
    const parts = parseMultipartForm(Buffer.from(await req.arrayBuffer()), boundary);
    expect(parts.find((p) => p.name === 'mac')?.data.toString()).toBe('AABBCCDDEEFF0000');
    const file = parts.find((p) => p.name === 'file');
    expect(file).toMatchObject({ filename: 'x.png', contentType: 'image/png' });
    expect([...(file?.data ?? [])]).toEqual([0x89, 0x50, 0x0d, 0x0a, 0x00]);
  });

  it('never throws on random bodies', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 10 }),
        (body, boundary) => {
          parseMultipartForm(Buffer.from(body), boundary);
        },
      ),
    );
  });
});
