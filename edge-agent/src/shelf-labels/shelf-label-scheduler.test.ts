import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PriceDoc, ProductDoc, PromotionDoc } from '@storefloor/core';
import { ShelfLabelAccessPoint } from '@storefloor/device-drivers';
import { type RunningSimulator, startSimulator } from '@storefloor/hardware-sim';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PushReport } from './access-point-queue.js';
import { ManualLabelClock } from './label-clock.js';
import { MasterDataPriceSource } from './master-data-price-source.js';
import { ShelfLabelBindings } from './shelf-label-bindings.js';
import { MIDNIGHT, NOON, TZ } from './shelf-label-fixtures.test-support.js';
import { ShelfLabelScheduler } from './shelf-label-scheduler.js';

// Real sockets on a shared 2-core machine: waits are generous, nothing passes or fails by timing.
vi.setConfig({
  testTimeout: 60_000,
  hookTimeout: 60_000,
  expect: { poll: { timeout: 20_000, interval: 50 } },
});

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/labels');

const LABEL_A = '0000A1B2C3D4E501';
const LABEL_B = '0000A1B2C3D4E502';
const LABEL_C = '0000C0FFEE000001';
const LABEL_D = '0000C0FFEE000002';
/** 300 tags on the first AP, so its list is only complete when read past the AP's 8-bit `pos`. */
const FILLER = Array.from({ length: 298 }, (_, i) => ({
  mac: `0000FF${i.toString(16).padStart(10, '0').toUpperCase()}`,
}));

function product(id: string, over: Partial<ProductDoc>): ProductDoc {
  return {
    id,
    storeId: '*',
    name: id,
    receiptName: id,
    gtins: [],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction: 0,
    categoryId: 'grocery',
    productGroupId: '',
    active: true,
    updatedAt: NOON - 86_400_000,
    ...over,
  };
}
const milk = product('p-milk', {
  name: '光明优倍鲜牛奶',
  receiptName: 'Bright Fresh Milk',
  gtins: ['6901234567892'],
  categoryId: 'dairy',
});
const apples = product('p-apple', {
  name: '烟台红富士苹果',
  receiptName: 'Yantai Fuji Apples',
  unit: 'weight',
  categoryId: 'fruit',
});

const priceDoc = (id: string, productId: string, amount: number, validFrom: number): PriceDoc => ({
  id,
  storeId: '*',
  productId,
  currency: 'CNY',
  amount,
  validFrom,
  createdAt: validFrom,
});

/** 20 % off milk from midnight for a week: nobody pushes anything at midnight. */
const midnightPromo: PromotionDoc = {
  id: 'promo-milk-week',
  storeId: '*',
  name: 'Milk week',
  receiptText: '牛奶周 八折 20% off',
  currency: 'CNY',
  priority: 10,
  exclusive: false,
  memberOnly: false,
  validFrom: MIDNIGHT,
  validTo: MIDNIGHT + 7 * 86_400_000,
  rule: {
    kind: 'percent-off',
    target: { productIds: ['p-milk'], categoryIds: [], productGroupIds: [] },
    percentBps: 2000,
  },
  createdAt: NOON - 86_400_000,
};

describe('the label scheduler against the simulated OpenEPaperLink APs', () => {
  let sim: RunningSimulator;
  let scheduler: ShelfLabelScheduler;
  let source: MasterDataPriceSource;
  let clock: ManualLabelClock;
  let bindings: ShelfLabelBindings;
  const reports: Array<{ apId: string; report: PushReport }> = [];

  const shown = (mac: string) => scheduler.labels().find((l) => l.labelMac === mac);
  const settle = async () => {
    await scheduler.settled();
    await scheduler.pollTags();
  };
  const control = (path: string, init?: RequestInit) => fetch(`${sim.url}${path}`, init);

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      config: {
        devices: [
          {
            id: 'ap-1',
            kind: 'shelf-labels',
            protocol: 'openepaperlink-http',
            options: {
              tags: [
                ...FILLER.slice(0, 150),
                { mac: LABEL_A, batteryMv: 2710 },
                ...FILLER.slice(150),
                { mac: LABEL_B },
              ],
            },
          },
          {
            id: 'ap-2',
            kind: 'shelf-labels',
            protocol: 'openepaperlink-http',
            options: { tags: [{ mac: LABEL_C }, { mac: LABEL_D, unreachable: true }] },
          },
        ],
      },
    });
    const urls = (await (await control('/devices')).json()) as { devices: { id: string; url: string }[] };
    const aps = new Map(
      urls.devices.map((d) => [d.id, new ShelfLabelAccessPoint({ id: d.id, url: d.url, reconnect: false })]),
    );
    const db = new Database(':memory:');
    bindings = new ShelfLabelBindings(db);
    bindings.bind(LABEL_A, 'p-milk', '2.9-bwr', 'emp-1', NOON - 1000);
    bindings.bind(LABEL_B, 'p-apple', '4.2-bwr', 'emp-1', NOON - 1000);
    bindings.bind(LABEL_C, 'p-milk', '2.9-bw', 'emp-1', NOON - 1000);
    bindings.bind(LABEL_D, 'p-milk', '2.9-bwr', 'emp-1', NOON - 1000);
    source = new MasterDataPriceSource({
      storeId: 'store-1',
      timeZone: TZ,
      describe: (p) => (p.id === 'p-milk' ? { netContent: { amount: 950, unit: 'ml' } } : {}),
    });
    source.apply({
      products: [milk, apples],
      prices: [
        priceDoc('pr-milk-1', 'p-milk', 1290, NOON - 86_400_000),
        priceDoc('pr-apple-1', 'p-apple', 1598, NOON - 86_400_000),
      ],
      promotions: [midnightPromo],
    });
    clock = new ManualLabelClock(NOON);
    scheduler = new ShelfLabelScheduler({
      db,
      bindings,
      source,
      accessPoints: aps,
      clock,
      retry: { baseMs: 20, capMs: 200 },
      pollMs: 3_600_000,
      // Only effective dates move the clock's timers here, so the test can see the midnight one armed.
      recheckMs: 30 * 86_400_000,
      onPush: (apId, report) => reports.push({ apId, report }),
    });
    await scheduler.start();
  });

  afterAll(async () => {
    scheduler?.stop();
    await sim?.stop();
  });

  it('puts every bound label on its AP, acknowledged by the tag list, with battery and last seen', async () => {
    await settle();
    for (const mac of [LABEL_A, LABEL_B, LABEL_C]) {
      const label = shown(mac);
      expect(label?.shownVersion, mac).toBe(label?.wantedVersion);
      expect(label?.lastSeen, mac).toBeDefined();
    }
    expect(shown(LABEL_A)).toMatchObject({ apId: 'ap-1', shownPrice: '12.90', batteryMv: 2710 });
    expect(shown(LABEL_B)).toMatchObject({ apId: 'ap-1', shownPrice: '15.98' });
    // Only the AP that lists a tag gets its image, once.
    const saved = reports
      .filter((r) => r.report.outcome === 'saved')
      .map((r) => `${r.apId}:${r.report.job.mac}`);
    expect(saved.sort()).toEqual([
      `ap-1:${LABEL_A}`,
      `ap-1:${LABEL_B}`,
      `ap-2:${LABEL_C}`,
      `ap-2:${LABEL_D}`,
    ]);
    // What the simulated tag shows, as a person would look at it.
    for (const [ap, mac, w, h] of [
      ['ap-1', LABEL_A, 296, 128],
      ['ap-1', LABEL_B, 400, 300],
      ['ap-2', LABEL_C, 296, 128],
    ] as const) {
      const response = await control(`/devices/${ap}/labels/${mac}.png`);
      expect(response.status).toBe(200);
      const png = Buffer.from(await response.arrayBuffer());
      const decoded = PNG.sync.read(png);
      expect([decoded.width, decoded.height]).toEqual([w, h]);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `ap-shows-${mac}-noon.png`), png);
    }
  });

  it('lists a tag that took the image but never acknowledged it as showing the wrong price, since when', async () => {
    await settle();
    expect(scheduler.mismatches()).toEqual([
      {
        labelMac: LABEL_D,
        productId: 'p-milk',
        registerPrice: '12.90',
        shownPrice: undefined,
        since: NOON,
        lastError: undefined,
      },
    ]);
    expect(shown(LABEL_D)?.pending).toBeGreaterThan(0);
  });

  it('shows the promotion starting at midnight at midnight, with nobody pushing anything', async () => {
    expect(clock.pending()).toContain(MIDNIGHT);
    clock.advanceTo(MIDNIGHT);
    await settle();
    expect(shown(LABEL_A)).toMatchObject({
      wantedPrice: '10.32',
      shownPrice: '10.32',
      wantedSince: MIDNIGHT,
    });
    expect(shown(LABEL_C)?.shownPrice).toBe('10.32');
    // The apples had no change: their label was not sent again.
    expect(reports.filter((r) => r.report.job.mac === LABEL_B && r.report.outcome === 'saved')).toHaveLength(
      1,
    );
    expect(scheduler.mismatches().map((m) => [m.labelMac, m.registerPrice, m.since])).toEqual([
      [LABEL_D, '10.32', MIDNIGHT],
    ]);
    const png = Buffer.from(await (await control(`/devices/ap-1/labels/${LABEL_A}.png`)).arrayBuffer());
    writeFileSync(join(ARTIFACTS, `ap-shows-${LABEL_A}-midnight.png`), png);
  });

  it('after an HQ import, retries a busy AP with backoff and gets the new price on every label', async () => {
    await control('/devices/ap-1/fault', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'ap-busy' }),
    });
    const at = MIDNIGHT + 3_600_000;
    clock.advanceTo(at);
    source.apply({ prices: [priceDoc('pr-apple-2', 'p-apple', 1298, at)] });
    await expect
      .poll(() => reports.some((r) => r.apId === 'ap-1' && r.report.outcome === 'retrying'))
      .toBe(true);
    expect(scheduler.mismatches().map((m) => m.labelMac)).toContain(LABEL_B);
    await control('/devices/ap-1/fault', { method: 'DELETE' });
    await settle();
    expect(shown(LABEL_B)).toMatchObject({ shownPrice: '12.98', wantedSince: at });
    expect(scheduler.mismatches().map((m) => m.labelMac)).toEqual([LABEL_D]);
  });

  it('a tag back in radio range acknowledges and leaves the mismatch list', async () => {
    const ap2 = sim.registry.get('ap-2') as unknown as { setTagReachable(mac: string, r: boolean): unknown };
    ap2.setTagReachable(LABEL_D, true);
    // Its image was sent at midnight; an hour on, past the resend interval, the next refresh sends it again.
    const sent = reports.filter((r) => r.report.job.mac === LABEL_D && r.report.outcome === 'saved').length;
    await scheduler.refresh(['p-milk']);
    await settle();
    expect(scheduler.mismatches()).toEqual([]);
    expect(reports.filter((r) => r.report.job.mac === LABEL_D && r.report.outcome === 'saved')).toHaveLength(
      sent + 1,
    );
    expect(shown(LABEL_D)).toMatchObject({ shownPrice: '10.32', pending: 0 });
  });

  it('draws nothing for a label bound to a product with no price, lists it, and forgets an unbound label', async () => {
    const at = clock.now();
    bindings.bind('0000C0FFEE0000FF', 'p-gone', '2.9-bwr', 'emp-1', at);
    await settle();
    expect(scheduler.mismatches()).toContainEqual({
      labelMac: '0000C0FFEE0000FF',
      productId: 'p-gone',
      registerPrice: '',
      shownPrice: undefined,
      since: at,
      lastError: 'no-price',
    });
    expect(reports.some((r) => r.report.job.mac === '0000C0FFEE0000FF')).toBe(false);
    bindings.unbind('0000C0FFEE0000FF', 'emp-1', at);
    await settle();
    expect(scheduler.labels().map((l) => l.labelMac)).not.toContain('0000C0FFEE0000FF');
  });

  it('keeps asking an AP that went offline, with capped backoff, and catches up when it is back', async () => {
    await control('/devices/ap-2/fault', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'ap-offline' }),
    });
    const at = clock.now() + 60_000;
    clock.advanceTo(at);
    source.apply({ prices: [priceDoc('pr-milk-2', 'p-milk', 1390, at)] });
    const offline = () =>
      reports.filter(
        (r) => r.apId === 'ap-2' && r.report.outcome === 'retrying' && r.report.reason === 'ap-offline',
      );
    await expect.poll(() => offline().length).toBeGreaterThanOrEqual(4);
    const waits = offline().map((r) => (r.report.outcome === 'retrying' ? r.report.retryInMs : 0));
    expect(waits.slice(0, 4)).toEqual([20, 40, 80, 160]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(200);
    // The AP that answers got its label meanwhile; ap-2's wait in the mismatch list.
    await scheduler.pollTags();
    expect(shown(LABEL_A)?.shownPrice).toBe('11.12');
    expect(scheduler.mismatches().map((m) => m.labelMac)).toEqual(expect.arrayContaining([LABEL_C, LABEL_D]));
    await control('/devices/ap-2/fault', { method: 'DELETE' });
    await settle();
    expect(scheduler.mismatches().filter((m) => m.productId === 'p-milk')).toEqual([]);
    expect(shown(LABEL_C)?.shownPrice).toBe('11.12');
  });
});
