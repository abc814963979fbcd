import { request } from 'node:http';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OEPL_ANSWERS,
  OEPL_BACKUP_DB,
  OEPL_GET_DB,
  OEPL_IMAGE_FIELDS,
  OEPL_MAC_FORMS,
  OEPL_TAG_RECORD_FIELDS,
} from '../../test/fixtures/openepaperlink-firmware.js';
import { SimRegistry } from '../registry.js';
import { buildControlServer } from '../server/build-control-server.js';
import { readJpegFrame } from './jpeg-frame.js';
import { SimEslAccessPoint } from './sim-esl-access-point.js';

// Shared machine: socket waits poll generously; nothing here passes or fails by timing.
vi.setConfig({ testTimeout: 30_000 });

function labelJpeg(shade = 0x20): Buffer {
  const width = 32;
  const height = 16;
  const data = Buffer.alloc(width * height * 4, 0xff);
  for (let i = 0; i < width * 8 * 4; i += 4) data.fill(shade, i, i + 3);
  return jpeg.encode({ width, height, data }, 90).data;
}

function labelPng(): Buffer {
  const png = new PNG({ width: 32, height: 16 });
  png.data.fill(0xff);
  return PNG.sync.write(png);
}

/** A multipart body with the parts in the order given, as any HTTP client could send it. */
function multipart(parts: Array<[string, string] | [string, Buffer, string]>): {
  type: string;
  body: Buffer;
} {
  const boundary = '----oepl-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const [name, value] = part;
    const head =
      part.length === 3
        ? `content-disposition: form-data; name="${name}"; filename="${part[2]}"\r\ncontent-type: application/octet-stream`
        : `content-disposition: form-data; name="${name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.from(value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

const MILK = '0000021EDC7A3B10';
const BREAD_SHORT = 'AABBCCDDEEFF';

describe('simulated OpenEPaperLink AP, held to the firmware (golden fixtures)', () => {
  let ap: SimEslAccessPoint;
  let base: string;

  beforeEach(async () => {
    ap = new SimEslAccessPoint({
      id: 'ap',
      tags: [
        { mac: MILK, batteryMv: 2950 },
        { mac: BREAD_SHORT },
        { mac: '0000000000000A01', unreachable: true },
      ],
    });
    await ap.start();
    base = ap.endpoint().url as string;
  });

  afterEach(() => ap.stop());

  const post = async (path: string, form: { type: string; body: Buffer }) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': form.type },
      body: form.body,
    });
    return { status: res.status, body: await res.text() };
  };
  const getJson = async (path: string) =>
    (await fetch(`${base}${path}`)).json() as Promise<Record<string, unknown>>;

  it('knows a 12-hex MAC as 0000 + MAC (tag_db.cpp hex2mac/mac2hex) and refuses what hex2mac refuses', async () => {
    const listed = (await getJson('/get_db')).tags as Array<{ mac: string }>;
    expect(listed.map((t) => t.mac)).toContain('0000AABBCCDDEEFF');
    for (const { sent, printed } of OEPL_MAC_FORMS.read) {
      if (!['AABBCCDDEEFF', 'aabbccddeeff'].includes(sent)) continue;
      const one = (await getJson(`/get_db?mac=${sent}`)).tags as Array<{ mac: string }>;
      expect(one.map((t) => t.mac)).toEqual([printed]);
    }
    for (const refused of OEPL_MAC_FORMS.refused) {
      const res = await fetch(`${base}/get_db?mac=${encodeURIComponent(refused)}`);
      expect(await res.text()).toBe(OEPL_ANSWERS.getDbBadMac.body);
    }
  });

  it('writes tag records with the fields of fillNode, in order', async () => {
    const body = await getJson(`/get_db?mac=${MILK}`);
    const record = (body.tags as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    expect(Object.keys(record)).toEqual([...OEPL_TAG_RECORD_FIELDS]);
    expect(record).toMatchObject({ mac: MILK, hash: '0'.repeat(32), batteryMv: 2950, pending: 0 });
  });

  it('answers a JPEG for a known tag "Ok, saved" and shows it', async () => {
    const answer = await post(
      '/imgupload',
      multipart([
        ['mac', MILK],
        ['dither', '0'],
        ['file', labelJpeg(), 'x.jpg'],
      ]),
    );
    expect(answer).toEqual({ status: OEPL_ANSWERS.saved.status, body: OEPL_ANSWERS.saved.body });
    expect(ap.uploads()).toMatchObject([{ mac: MILK, outcome: 'shown', dither: 0 }]);
    const record = ((await getJson(`/get_db?mac=${MILK}`)).tags as Array<Record<string, unknown>>)[0];
    expect(record).toMatchObject({ contentMode: OEPL_IMAGE_FIELDS.contentModeDefault, updatecount: 1 });
    expect(record?.hash).not.toBe('0'.repeat(32));
  });

  it('shows what the tag shows through the control API, as a PNG', async () => {
    const registry = new SimRegistry();
    registry.add(ap);
    const app = buildControlServer({ registry });
    try {
      const none = await app.inject({ method: 'GET', url: `/devices/ap/labels/${MILK}.png` });
      expect(none.statusCode).toBe(404);
      expect(none.json()).toMatchObject({ code: 'label-not-found' });
      await post(
        '/imgupload',
        multipart([
          ['mac', MILK],
          ['file', labelJpeg(0x00), 'x.jpg'],
        ]),
      );
      const shown = await app.inject({ method: 'GET', url: `/devices/ap/labels/${MILK}.png` });
      expect(shown.statusCode).toBe(200);
      expect(shown.headers['content-type']).toBe('image/png');
      const png = PNG.sync.read(shown.rawPayload);
      expect([png.width, png.height]).toEqual([32, 16]);
      // The top half was drawn black, the bottom white; JPEG blurs the edge, not the halves.
      expect(png.data[(2 * 32 + 16) * 4]).toBeLessThan(40);
      expect(png.data[(13 * 32 + 16) * 4]).toBeGreaterThan(215);
    } finally {
      await app.close();
    }
  });

  it('answers a PNG "Ok, saved" too, and never shows it (JPEG-only decoding)', async () => {
    const answer = await post(
      '/imgupload',
      multipart([
        ['mac', MILK],
        ['file', labelPng(), 'label.png'],
      ]),
    );
    expect(answer).toEqual({ status: 200, body: OEPL_ANSWERS.saved.body });
    expect(ap.uploads()).toMatchObject([
      { outcome: 'not-shown', reason: expect.stringMatching(/^invalid jpg/) },
    ]);
    const record = ((await getJson(`/get_db?mac=${MILK}`)).tags as Array<Record<string, unknown>>)[0];
    expect(record).toMatchObject({ hash: '0'.repeat(32), updatecount: 0, pending: 0 });
    expect(ap.labels()).toEqual([]);
  });

  it('refuses a progressive JPEG as TJpgDec does', () => {
    const progressive = labelJpeg();
    const sof = progressive.indexOf(Buffer.from([0xff, 0xc0]));
    progressive[sof + 1] = 0xc2;
    expect(readJpegFrame(labelJpeg())).toMatchObject({ ok: true, value: { width: 32, height: 16 } });
    expect(readJpegFrame(progressive)).toMatchObject({ ok: false, reason: 'invalid-jpg' });
  });

  it('answers each upload mistake as the firmware does', async () => {
    const jpg = labelJpeg();
    expect(
      await post(
        '/imgupload',
        multipart([
          ['mac', '0102030405060708'],
          ['file', jpg, 'a.jpg'],
        ]),
      ),
    ).toEqual({
      status: OEPL_ANSWERS.imageMacNotFound.status,
      body: OEPL_ANSWERS.imageMacNotFound.body,
    });
    // `mac` after the file is not seen when the file starts.
    expect(
      await post(
        '/imgupload',
        multipart([
          ['file', jpg, 'a.jpg'],
          ['mac', MILK],
        ]),
      ),
    ).toEqual({
      status: OEPL_ANSWERS.noMacBeforeFile.status,
      body: OEPL_ANSWERS.noMacBeforeFile.body,
    });
    // An unreadable MAC or no file at all: the route's bare 200, and nothing happens.
    expect(
      await post(
        '/imgupload',
        multipart([
          ['mac', 'AA:BB:CC:DD:EE:FF'],
          ['file', jpg, 'a.jpg'],
        ]),
      ),
    ).toEqual({
      status: OEPL_ANSWERS.imageBare.status,
      body: OEPL_ANSWERS.imageBare.body,
    });
    expect(await post('/imgupload', multipart([['mac', MILK]]))).toEqual({ status: 200, body: '' });
    ap.injectFault('ap-busy');
    expect(
      await post(
        '/imgupload',
        multipart([
          ['mac', MILK],
          ['file', jpg, 'a.jpg'],
        ]),
      ),
    ).toEqual({
      status: OEPL_ANSWERS.imageBusy.status,
      body: OEPL_ANSWERS.imageBusy.body,
    });
    expect(ap.uploads().every((u) => u.outcome === 'not-shown')).toBe(true);
    expect(ap.labels()).toEqual([]);
  });

  it('takes malformed multipart without throwing, records why, and takes the next good upload', async () => {
    const good = multipart([
      ['mac', MILK],
      ['file', labelJpeg(), 'a.jpg'],
    ]);
    const truncated = { type: good.type, body: good.body.subarray(0, good.body.length - 60) };
    const noBoundary = { type: 'multipart/form-data', body: good.body };
    const garbage = { type: good.type, body: Buffer.from('\x00\x01garbage without any boundary\r\n\r\n') };
    for (const bad of [truncated, noBoundary, garbage])
      expect((await post('/imgupload', bad)).status).toBe(200);
    expect(await post('/imgupload', good)).toEqual({ status: 200, body: OEPL_ANSWERS.saved.body });
    const outcomes = ap.uploads().map((u) => u.outcome);
    expect(outcomes).toEqual(['not-shown', 'not-shown', 'not-shown', 'shown']);
    expect(ap.uploads()[1]?.reason).toMatch(/^malformed form/);
  });

  it('takes a JSON template by form fields and sets content mode 19', async () => {
    const form = new URLSearchParams({
      mac: BREAD_SHORT,
      json: '[{"text":[10,10,"Milk","fonts/bahnschrift30",1]}]',
    });
    const res = await fetch(`${base}/jsonupload`, { method: 'POST', body: form });
    expect({ status: res.status, body: await res.text() }).toEqual({
      status: 200,
      body: OEPL_ANSWERS.saved.body,
    });
    const missing = await fetch(`${base}/jsonupload`, {
      method: 'POST',
      body: new URLSearchParams({ mac: MILK }),
    });
    expect(await missing.text()).toBe(OEPL_ANSWERS.jsonMissing.body);
    const unknown = await fetch(`${base}/jsonupload`, {
      method: 'POST',
      body: new URLSearchParams({ mac: '0102030405060708', json: '[]' }),
    });
    expect(await unknown.text()).toBe(OEPL_ANSWERS.jsonMacNotFound.body);
    const record = (
      (await getJson('/get_db?mac=0000AABBCCDDEEFF')).tags as Array<Record<string, unknown>>
    )[0];
    expect(record).toMatchObject({ contentMode: 19, updatecount: 1 });
  });

  it('never answers a JSON upload whose MAC hex2mac refuses (web.cpp:933-958)', async () => {
    const hung = new Promise<string>((resolve) => {
      const req = request(`${base}/jsonupload`, { method: 'POST', timeout: 300 }, () => resolve('answered'));
      req.on('timeout', () => {
        req.destroy();
        resolve('timed out');
      });
      req.on('error', () => undefined);
      req.setHeader('content-type', 'application/x-www-form-urlencoded');
      req.end('mac=nope&json=%5B%5D');
    });
    expect(await hung).toBe('timed out');
  });

  it('keeps an unreachable tag pending with its old hash', async () => {
    await post(
      '/imgupload',
      multipart([
        ['mac', '0000000000000A01'],
        ['file', labelJpeg(), 'a.jpg'],
      ]),
    );
    const record = (
      (await getJson('/get_db?mac=0000000000000A01')).tags as Array<Record<string, unknown>>
    )[0];
    expect(record).toMatchObject({ hash: '0'.repeat(32), pending: 1, lastseen: 0 });
  });
});

describe('simulated AP paging past 255 tags', () => {
  const mac = (i: number) => `00000000000${i.toString(16).toUpperCase().padStart(5, '0')}`;
  let ap: SimEslAccessPoint;
  let base: string;

  beforeEach(async () => {
    ap = new SimEslAccessPoint({
      id: 'big-ap',
      tags: Array.from({ length: 300 }, (_, i) => ({ mac: mac(i) })),
    });
    await ap.start();
    base = ap.endpoint().url as string;
  });

  afterEach(() => ap.stop());

  const page = async (pos: string) =>
    (await (await fetch(`${base}/get_db?pos=${pos}`)).json()) as {
      tags: Array<{ mac: string }>;
      continu?: number;
    };

  it('reads pos as a uint8_t: 256 starts again at 0, 300 at 44', async () => {
    for (const { sent, startsAt } of OEPL_GET_DB.posRead) {
      expect((await page(sent)).tags[0]?.mac, `pos=${sent}`).toBe(mac(startsAt));
    }
  });

  it('says continu = index + 1 even where pos can no longer carry it', async () => {
    const last = await page('252');
    expect(last.continu).toBe(259);
    // A client that trusts continu asks for 259 and is given tags from index 3 again.
    const wrapped = await page(String(last.continu));
    expect(wrapped.tags[0]?.mac).toBe(mac(3));
    expect(wrapped.continu).toBe(10);
  });

  it('dumps every tag from /backup_db as one-element arrays', async () => {
    const res = await fetch(`${base}/backup_db`);
    const dump = (await res.json()) as Array<Array<{ mac: string }>>;
    expect(OEPL_BACKUP_DB.shape).toBe('array of one-element arrays');
    expect(dump).toHaveLength(300);
    expect(dump.every((entry) => Array.isArray(entry) && entry.length === 1)).toBe(true);
    expect(dump[299]?.[0]?.mac).toBe(mac(299));
  });
});
