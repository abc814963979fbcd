import { createHash } from 'node:crypto';
import { SimEslAccessPoint } from '@storefloor/hardware-sim';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatus } from '../device/device-status.js';
import { normalizeLabelMac } from './label-mac.js';
import { ShelfLabelAccessPoint } from './shelf-label-access-point.js';
import { parseTagRecord } from './shelf-label-tag.js';

// The machine is shared: waits for sockets get generous limits; nothing here passes by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

const MILK = '0000021EDC7A3B10';
const BREAD = 'AABBCCDDEEFF';
const FAR = '00000299AA11BB22';

function labelPng(): Uint8Array {
  const png = new PNG({ width: 16, height: 8 });
  png.data.fill(0xff);
  return new Uint8Array(PNG.sync.write(png));
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
    ap = new ShelfLabelAccessPoint({
      id: 'store-ap',
      url: sim.endpoint().url as string,
      timeoutMs: 2000,
      backoff: { initialMs: 20, maxMs: 100, factor: 2 },
    });
    statuses.length = 0;
    ap.on('status', (s) => statuses.push(s));
    expect((await ap.open()).ok).toBe(true);
    await ap.claim();
    await ap.enable();
  });

  afterEach(async () => {
    await ap.shutdown();
    await sim.stop();
  });

  it('uploads a label image and reads back the tag showing its hash', async () => {
    const png = labelPng();
    expect(await ap.pushLabelImage(MILK, png, { dither: 0 })).toEqual({ ok: true, value: undefined });
    const upload = sim.uploads()[0];
    expect(upload).toMatchObject({
      mac: MILK,
      kind: 'image',
      contentType: 'image/png',
      dither: 0,
      delivered: true,
    });
    expect(Buffer.compare(upload?.bytes as Buffer, Buffer.from(png))).toBe(0);
    const tags = await ap.listTags();
    if (!tags.ok) throw new Error(tags.reason);
    expect(tags.value.map((t) => t.mac).sort()).toEqual([BREAD + '0000', FAR, MILK].sort());
    const milk = tags.value.find((t) => t.mac === MILK);
    expect(milk?.hash).toBe(createHash('md5').update(png).digest('hex'));
    expect(milk?.batteryMv).toBe(2950);
    expect(milk?.lastSeen).toMatch(/^\d{4}-\d\d-\d\dT/);
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
    expect((await ap.pushLabelImage(FAR, labelPng())).ok).toBe(true);
    const tags = await ap.listTags();
    const far = tags.ok ? tags.value.find((t) => t.mac === FAR) : undefined;
    expect(far).toMatchObject({ hash: '0'.repeat(32), pending: 1, lastSeen: undefined });
  });

  it('unknown MAC, bad MAC and non-image bytes are typed failures', async () => {
    expect(await ap.pushLabelImage('0102030405060708', labelPng())).toMatchObject({
      ok: false,
      reason: 'mac-not-found',
    });
    expect(await ap.pushLabelImage('nope', labelPng())).toMatchObject({ ok: false, reason: 'invalid-mac' });
    expect(await ap.pushLabelImage(MILK, Uint8Array.of(1, 2, 3))).toMatchObject({
      ok: false,
      reason: 'unsupported-image',
    });
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

describe('shelf label codecs', () => {
  it('normalises MACs as the AP prints them', () => {
    expect(normalizeLabelMac('aa:bb:cc:dd:ee:ff')).toBe('AABBCCDDEEFF0000');
    expect(normalizeLabelMac('0000021edc7a3b10')).toBe('0000021EDC7A3B10');
    expect(normalizeLabelMac('xyz')).toBeUndefined();
  });

  it('reads the battery sentinels of get_db as unknown', () => {
    expect(parseTagRecord({ mac: 'A', hash: 'B', batteryMv: 1337, lastseen: 0 })).toMatchObject({
      ok: true,
      value: { batteryMv: undefined, lastSeen: undefined, hash: 'b' },
    });
    expect(parseTagRecord(42)).toMatchObject({ ok: false, reason: 'bad-response' });
  });
});
