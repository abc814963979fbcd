import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimEslAccessPoint } from '@storefloor/hardware-sim';
import {
  OEPL_ANSWERS,
  OEPL_IMAGE_FIELDS,
  OEPL_MAC_FORMS,
  OEPL_ROUTES,
  OEPL_TAG_RECORD_FIELDS,
} from '@storefloor/hardware-sim/test-fixtures/openepaperlink';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatus } from '../device/device-status.js';
import { checkLabelJpeg, encodeLabelJpeg } from './label-jpeg.js';
import { normalizeLabelMac } from './label-mac.js';
import { ShelfLabelAccessPoint } from './shelf-label-access-point.js';
import { parseTagRecord } from './shelf-label-tag.js';

// The machine is shared: waits for sockets get generous limits; nothing here passes by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

const MILK = '0000021EDC7A3B10';
const BREAD = 'AABBCCDDEEFF';
const FAR = '00000299AA11BB22';

/** A rendered label: a black price band on white. */
function labelJpeg(): Uint8Array {
  const width = 48;
  const height = 24;
  const rgba = new Uint8Array(width * height * 4).fill(0xff);
  for (let y = 8; y < 16; y++) rgba.fill(0, y * width * 4, (y + 1) * width * 4);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 0xff;
  return encodeLabelJpeg({ width, height, rgba });
}

function labelPng(): Uint8Array {
  const png = new PNG({ width: 16, height: 8 });
  png.data.fill(0xff);
  return new Uint8Array(PNG.sync.write(png));
}

async function enabled(url: string, statuses: DeviceStatus[] = []): Promise<ShelfLabelAccessPoint> {
  const ap = new ShelfLabelAccessPoint({
    id: 'store-ap',
    url,
    timeoutMs: 2000,
    backoff: { initialMs: 20, maxMs: 100, factor: 2 },
  });
  ap.on('status', (s) => statuses.push(s));
  expect((await ap.open()).ok).toBe(true);
  await ap.claim();
  await ap.enable();
  return ap;
}

describe('ShelfLabelAccessPoint against the simulated OpenEPaperLink AP over HTTP', () => {
  let sim: SimEslAccessPoint;
  let ap: ShelfLabelAccessPoint;
  const statuses: DeviceStatus[] = [];

  beforeEach(async () => {
    // 3 tags with 2 per page: listTags must follow `continu`.
    sim = new SimEslAccessPoint({
      id: 'sim-ap',
      pageSize: 2,
      tags: [{ mac: MILK, batteryMv: 2950 }, { mac: BREAD }, { mac: FAR, unreachable: true }],
    });
    await sim.start();
    statuses.length = 0;
    ap = await enabled(sim.endpoint().url as string, statuses);
  });

  afterEach(async () => {
    await ap.shutdown();
    await sim.stop();
  });

  it('uploads a label JPEG that the tag then shows, and reads back its new hash', async () => {
    expect(await ap.pushLabelImage(MILK, labelJpeg(), { dither: 0 })).toEqual({ ok: true, value: undefined });
    expect(sim.uploads()).toMatchObject([
      { mac: MILK, macField: MILK, contentType: 'image/jpeg', dither: 0, outcome: 'shown' },
    ]);
    const tags = await ap.listTags();
    if (!tags.ok) throw new Error(tags.reason);
    expect(tags.value.map((t) => t.mac).sort()).toEqual(['0000AABBCCDDEEFF', FAR, MILK].sort());
    const milk = tags.value.find((t) => t.mac === MILK);
    expect(milk?.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(milk?.hash).not.toBe('0'.repeat(32));
    expect(milk?.batteryMv).toBe(2950);
    expect(milk?.updateCount).toBe(1);
    expect(milk?.lastSeen).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('reaches a tag known by a 6-byte MAC (the AP pads it as 0000 + MAC)', async () => {
    expect(await ap.pushLabelImage(BREAD, labelJpeg())).toEqual({ ok: true, value: undefined });
    expect(sim.uploads()).toMatchObject([{ macField: '0000AABBCCDDEEFF', outcome: 'shown' }]);
    expect(await ap.getTag('aa:bb:cc:dd:ee:ff')).toMatchObject({
      ok: true,
      value: { mac: '0000AABBCCDDEEFF' },
    });
  });

  it('refuses a PNG before sending it: the AP would say "Ok, saved" and never show it', async () => {
    expect(await ap.pushLabelImage(MILK, labelPng())).toMatchObject({
      ok: false,
      reason: 'unsupported-image',
    });
    expect(sim.uploads()).toEqual([]);
  });

  it('uploads a JSON template', async () => {
    const template = [
      { text: [10, 10, 'Milk 1L', 'fonts/bahnschrift30', 1] },
      { text: [10, 50, '€1.29', 'fonts/bahnschrift70', 2] },
    ];
    expect(await ap.pushLabelJson(BREAD, template)).toEqual({ ok: true, value: undefined });
    expect(JSON.parse(sim.uploads()[0]?.bytes.toString('utf8') as string)).toEqual(template);
  });

  it('an unreachable tag keeps the old hash and a pending transfer', async () => {
    expect((await ap.pushLabelImage(FAR, labelJpeg())).ok).toBe(true);
    expect(await ap.getTag(FAR)).toMatchObject({
      ok: true,
      value: { hash: '0'.repeat(32), pending: 1, lastSeen: undefined },
    });
  });

  it('unknown MAC, bad MAC, non-image bytes and a busy AP are typed failures', async () => {
    expect(await ap.pushLabelImage('0102030405060708', labelJpeg())).toMatchObject({
      ok: false,
      reason: 'mac-not-found',
    });
    expect(await ap.getTag('0102030405060708')).toMatchObject({ ok: false, reason: 'mac-not-found' });
    expect(await ap.pushLabelImage('nope', labelJpeg())).toMatchObject({ ok: false, reason: 'invalid-mac' });
    expect(await ap.pushLabelImage(MILK, Uint8Array.of(1, 2, 3))).toMatchObject({
      ok: false,
      reason: 'unsupported-image',
    });
    sim.injectFault('ap-busy');
    expect(await ap.pushLabelImage(MILK, labelJpeg())).toMatchObject({ ok: false, reason: 'ap-busy' });
  });

  it('an offline AP is a value and a status event; it comes back by itself', async () => {
    sim.injectFault('ap-offline');
    expect(await ap.listTags()).toMatchObject({ ok: false, reason: 'ap-offline' });
    expect(statuses.at(-1)).toMatchObject({ health: 'offline', reason: 'device-gone' });
    sim.clearFaults();
    await expect.poll(() => ap.status.health).toBe('online');
    expect((await ap.listTags()).ok).toBe(true);
  });
});

describe('ShelfLabelAccessPoint listing 300 tags (get_db pos is a uint8_t)', () => {
  const mac = (i: number) => `0000000000${i.toString(16).toUpperCase().padStart(6, '0')}`;
  let sim: SimEslAccessPoint;
  let ap: ShelfLabelAccessPoint;

  beforeEach(async () => {
    sim = new SimEslAccessPoint({
      id: 'big-ap',
      tags: Array.from({ length: 300 }, (_, i) => ({ mac: mac(i) })),
    });
    await sim.start();
    ap = await enabled(sim.endpoint().url as string);
  });

  afterEach(async () => {
    await ap.shutdown();
    await sim.stop();
  });

  it('lists every tag exactly once, though pos cannot go past 255', async () => {
    const tags = await ap.listTags();
    if (!tags.ok) throw new Error(tags.reason);
    expect(tags.value).toHaveLength(300);
    expect(new Set(tags.value.map((t) => t.mac)).size).toBe(300);
    expect(tags.value.map((t) => t.mac).sort()).toEqual(Array.from({ length: 300 }, (_, i) => mac(i)).sort());
  });

  it('finds the 300th tag by MAC', async () => {
    expect(await ap.getTag(mac(299))).toMatchObject({ ok: true, value: { mac: mac(299) } });
  });
});

/** A bare HTTP server that records what the client sends and answers as the firmware would. */
describe('what the client puts on the wire (firmware fixtures)', () => {
  let server: Server;
  let seen: Array<{ method: string; url: string; type: string; body: Buffer }>;
  let answer: { status: number; body: string };
  let ap: ShelfLabelAccessPoint;

  beforeEach(async () => {
    seen = [];
    answer = { status: 200, body: '{"tags":[]}' };
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        type: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks),
      });
      res.writeHead(req.url?.startsWith('/get_db') ? 200 : answer.status, { 'content-type': 'text/plain' });
      res.end(req.url?.startsWith('/get_db') ? '{"tags":[]}' : answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ap = await enabled(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterEach(async () => {
    await ap.shutdown();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts mac and dither before a JPEG file part, to the firmware route', async () => {
    answer = OEPL_ANSWERS.saved;
    expect((await ap.pushLabelImage(BREAD, labelJpeg(), { dither: 2 })).ok).toBe(true);
    const upload = seen.at(-1);
    const route = OEPL_ROUTES.find((r) => r.path === '/imgupload');
    expect(upload?.method).toBe(route?.method);
    expect(upload?.url).toBe(route?.path);
    const text = upload?.body.toString('latin1') ?? '';
    const order = [...text.matchAll(/; name="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['mac', 'dither', 'file']);
    expect(
      order.slice(0, 2).every((f) => (OEPL_IMAGE_FIELDS.fields as readonly string[]).includes(f as string)),
    ).toBe(true);
    expect(text).toMatch(/name="mac"\r\n\r\n0000AABBCCDDEEFF\r\n/);
    expect(text).toMatch(/name="dither"\r\n\r\n2\r\n/);
    expect(text).toMatch(/name="file"; filename="[^"]+\.jpg"\r\nContent-Type: image\/jpeg/i);
  });

  it('takes only "Ok, saved" as saved: the bare 200 of a dropped upload is a failure', async () => {
    answer = OEPL_ANSWERS.imageBare;
    expect(await ap.pushLabelImage(MILK, labelJpeg())).toMatchObject({ ok: false, reason: 'rejected' });
    answer = OEPL_ANSWERS.imageMacNotFound;
    expect(await ap.pushLabelImage(MILK, labelJpeg())).toMatchObject({ ok: false, reason: 'mac-not-found' });
    answer = OEPL_ANSWERS.jsonMacNotFound;
    expect(await ap.pushLabelJson(MILK, [])).toMatchObject({ ok: false, reason: 'mac-not-found' });
    answer = OEPL_ANSWERS.imageBusy;
    expect(await ap.pushLabelImage(MILK, labelJpeg())).toMatchObject({ ok: false, reason: 'ap-busy' });
  });

  it('posts the JSON template as form fields mac and json', async () => {
    answer = OEPL_ANSWERS.saved;
    expect((await ap.pushLabelJson(BREAD, [{ text: [1, 2, 'x'] }])).ok).toBe(true);
    const upload = seen.at(-1);
    expect(upload?.url).toBe('/jsonupload');
    const form = new URLSearchParams(upload?.body.toString('utf8'));
    expect(form.get('mac')).toBe('0000AABBCCDDEEFF');
    expect(JSON.parse(form.get('json') as string)).toEqual([{ text: [1, 2, 'x'] }]);
  });
});

describe('shelf label codecs', () => {
  it('normalises MACs as the AP prints them (tag_db.cpp hex2mac/mac2hex)', () => {
    for (const { sent, printed } of OEPL_MAC_FORMS.read) expect(normalizeLabelMac(sent)).toBe(printed);
    expect(normalizeLabelMac('aa:bb:cc:dd:ee:ff')).toBe('0000AABBCCDDEEFF');
    expect(normalizeLabelMac('xyz')).toBeUndefined();
    expect(normalizeLabelMac('AABBCCDDEEFF00')).toBeUndefined();
  });

  it('encodes labels as baseline JPEG and refuses PNG and progressive JPEG', () => {
    const jpg = labelJpeg();
    expect(checkLabelJpeg(jpg)).toEqual({ ok: true, value: undefined });
    const progressive = new Uint8Array(jpg);
    const sof = Buffer.from(progressive).indexOf(Buffer.from([0xff, 0xc0]));
    progressive[sof + 1] = 0xc2;
    expect(checkLabelJpeg(progressive)).toMatchObject({ ok: false, reason: 'unsupported-image' });
    expect(checkLabelJpeg(labelPng())).toMatchObject({ ok: false, reason: 'unsupported-image' });
    expect(() => encodeLabelJpeg({ width: 2, height: 2, rgba: new Uint8Array(3) })).toThrow(RangeError);
  });

  it('reads a fillNode record and its battery sentinels', () => {
    const record = Object.fromEntries(OEPL_TAG_RECORD_FIELDS.map((f) => [f, 0])) as Record<string, unknown>;
    Object.assign(record, { mac: MILK, hash: 'AB'.repeat(16), batteryMv: 1337, alias: 'milk' });
    expect(parseTagRecord(record)).toMatchObject({
      ok: true,
      value: { mac: MILK, batteryMv: undefined, lastSeen: undefined, hash: 'ab'.repeat(16), alias: 'milk' },
    });
    expect(parseTagRecord(42)).toMatchObject({ ok: false, reason: 'bad-response' });
  });
});
