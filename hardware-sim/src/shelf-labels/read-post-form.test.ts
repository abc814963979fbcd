import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPostForm } from './read-post-form.js';

describe('readPostForm', () => {
  it('splits fields before and after the file, as the AP web server sees them', async () => {
    const form = new FormData();
    form.set('mac', '0000AABBCCDDEEFF');
    form.set('file', new Blob([Uint8Array.of(0xff, 0xd8, 0xff, 0x00)], { type: 'image/jpeg' }), 'l.jpg');
    form.set('dither', '0');
    const req = new Request('http://ap/imgupload', { method: 'POST', body: form });
    const read = await readPostForm(
      req.headers.get('content-type') ?? undefined,
      Buffer.from(await req.arrayBuffer()),
    );
    expect([...read.before]).toEqual([['mac', '0000AABBCCDDEEFF']]);
    expect([...read.after]).toEqual([['dither', '0']]);
    expect(read.file).toMatchObject({ field: 'file', filename: 'l.jpg', mimeType: 'image/jpeg' });
    expect([...(read.file?.bytes ?? [])]).toEqual([0xff, 0xd8, 0xff, 0x00]);
    expect(read.malformed).toBeUndefined();
  });

  it('reads urlencoded forms too', async () => {
    const read = await readPostForm(
      'application/x-www-form-urlencoded',
      Buffer.from('mac=AABBCCDDEEFF&json=%5B%5D'),
    );
    expect(Object.fromEntries(read.before)).toEqual({ mac: 'AABBCCDDEEFF', json: '[]' });
  });

  it('never rejects on random bodies and content types (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(
          undefined,
          'multipart/form-data',
          'multipart/form-data; boundary=x',
          'multipart/form-data; boundary=----oepl',
          'application/x-www-form-urlencoded',
          'image/png',
        ),
        async (body, type) => {
          const read = await readPostForm(type, Buffer.from(body));
          expect(read.before).toBeInstanceOf(Map);
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
