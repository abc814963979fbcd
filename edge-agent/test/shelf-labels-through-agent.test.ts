/**
 * Shelf labels through a real edge agent (in process, on real sockets) fed by a real HQ and pushing to
 * hardware-sim's OpenEPaperLink access points: a price import at HQ reaches every bound label and each
 * acknowledges; an AP whose tags never acknowledge leaves its labels on the mismatch list (and in the
 * day-end report); a price effective at midnight is on the labels at midnight on the test's clock.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimEslAccessPoint } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualLabelClock } from '../src/shelf-labels/label-clock.js';
import type { ShelfLabelMismatch, ShelfLabelStatus } from '../src/shelf-labels/shelf-label-ledger.js';
import { type EdgeAgent, startEdgeAgent } from '../src/start-edge-agent.js';
import { ADMIN_TOKEN, HqServer } from './support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from './support/lane.js';

const STORE = 'store-0042';
const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts', 'shelf-labels');
const mac = (n: number) => `0000AABBCC${n.toString(16).toUpperCase().padStart(6, '0')}`;
const HOUR = 3_600_000;
/** The next midnight in Asia/Shanghai (UTC+8, no daylight saving) after `t`. */
const nextShanghaiMidnight = (t: number) =>
  Math.floor((t + 8 * HOUR) / (24 * HOUR) + 1) * 24 * HOUR - 8 * HOUR;

const products = [
  { id: 'prod-apple', name: '红富士苹果', receiptName: 'Fuji apples', gtin: '6901234567892', unit: 'kg' },
  {
    id: 'prod-milk',
    name: '光明纯牛奶 1L',
    receiptName: 'Bright whole milk 1 l',
    gtin: '6907992100012',
    unit: 'each',
  },
  {
    id: 'prod-rice',
    name: 'Jasmine rice 5 kg',
    receiptName: 'Jasmine rice 5 kg',
    gtin: '6920000000017',
    unit: 'each',
  },
].map((p, i) => ({
  id: p.id,
  storeId: '*',
  name: p.name,
  receiptName: p.receiptName,
  gtins: [p.gtin],
  plu: '',
  unit: p.unit,
  taxClass: 'reduced',
  ageRestriction: 0,
  categoryId: 'grocery',
  productGroupId: '',
  active: true,
  updatedAt: 1_763_900_000_000 + i,
}));

async function importPrices(hq: HqServer, rows: string[]): Promise<void> {
  const response = await fetch(`${hq.url}/api/admin/import/prices?currency=CNY`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: ['productId,amount,validFrom', ...rows].join('\n'),
  });
  const report = (await response.json()) as { rejected?: unknown[] };
  expect(response.status, JSON.stringify(report)).toBe(200);
}

describe('shelf labels through the edge agent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-labels-'));
  const clock = new ManualLabelClock(Date.now());
  // 300 tags paged 50 at a time: the AP's uint8 `pos` wraps past 255, and tag 290 must still be found.
  const ap1 = new SimEslAccessPoint({
    id: 'esl-ap-1',
    pageSize: 50,
    tags: Array.from({ length: 300 }, (_, i) => ({ mac: mac(i + 1), batteryMv: 2600 + i })),
  });
  // Takes every image ("Ok, saved") but its tags never acknowledge.
  const ap2 = new SimEslAccessPoint({ id: 'esl-ap-2', tags: [{ mac: mac(1001), unreachable: true }] });
  let hq: HqServer;
  let agent: EdgeAgent;
  let lane: EnrolledLane;

  const api = async <T>(path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${agent.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${lane.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const bind = async (labelMac: string, code: string, labelType?: string) => {
    const scanned = await api('/api/shelf-labels/scans', {
      deviceId: lane.deviceId,
      kind: 'label',
      code: labelMac,
    });
    expect(scanned.status).toBe(200);
    const bound = await api<{ step: string }>('/api/shelf-labels/scans', {
      deviceId: lane.deviceId,
      kind: 'product',
      code,
      employeeId: 'emp-7',
      ...(labelType ? { labelType } : {}),
    });
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    expect(bound.body.step).toBe('bound');
  };
  const labels = async () => (await api<{ labels: ShelfLabelStatus[] }>('/api/shelf-labels')).body.labels;
  const label = async (labelMac: string) =>
    (await labels()).find((l) => l.labelMac.endsWith(labelMac.slice(-12)));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await Promise.all([ap1.start(), ap2.start()]);
    hq = await HqServer.start(dir);
    await hq.createStore(STORE);
    await hq.writeMaster('products', products);
    agent = await startEdgeAgent({
      hqUrl: hq.url,
      dataDir: join(dir, 'agent'),
      lanPort: 0,
      logger: false,
      pullRetryMs: 200,
      enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
      shelfLabels: {
        accessPoints: [
          { id: 'esl-ap-1', url: ap1.endpoint().url as string },
          { id: 'esl-ap-2', url: ap2.endpoint().url as string },
        ],
        clock,
        pollMs: 100,
      },
    });
    await agent.enrolled;
    lane = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE, 'lane'), 'handheld 1');
    await vi.waitFor(
      async () => {
        const r = await api('/api/shelf-labels');
        if (r.status !== 200) throw new Error(`shelf labels not up: ${r.status}`);
      },
      { timeout: 15_000, interval: 100 },
    );
  }, 90_000);

  afterAll(async () => {
    await agent?.close();
    await hq?.stop();
    await Promise.all([ap1.stop(), ap2.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a scan of an unknown product or a product with no label scanned first, changing nothing', async () => {
    const early = await api<{ error: { code: string } }>('/api/shelf-labels/scans', {
      deviceId: 'nobody-scanned',
      kind: 'product',
      code: '6901234567892',
      employeeId: 'emp-7',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('no-label-scanned');
    await api('/api/shelf-labels/scans', { deviceId: lane.deviceId, kind: 'label', code: mac(5) });
    const unknown = await api<{ error: { code: string } }>('/api/shelf-labels/scans', {
      deviceId: lane.deviceId,
      kind: 'product',
      code: '0000000000000',
      employeeId: 'emp-7',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown-product');
    const notMac = await api<{ error: { code: string } }>('/api/shelf-labels/scans', {
      deviceId: lane.deviceId,
      kind: 'label',
      code: 'hello',
    });
    expect(notMac.body.error.code).toBe('invalid-mac');
    expect(await labels()).toEqual([]);
  });

  it('a price import at HQ reaches every bound label, each acknowledged; the silent AP leaves its label on the mismatch list', async () => {
    await bind(mac(1), '6901234567892', '4.2-bwr');
    await bind(mac(2), '6907992100012');
    await bind(mac(290), '6920000000017', '4.2-bwr');
    await bind(mac(1001), '6907992100012');
    const perProduct = await api<{ bindings: { labelMac: string }[] }>(
      '/api/shelf-labels/products/prod-milk',
    );
    expect(perProduct.body.bindings).toHaveLength(2);

    const from = new Date(clock.now() - HOUR).toISOString();
    await importPrices(hq, [`prod-apple,12.90,${from}`, `prod-milk,8.50,${from}`, `prod-rice,39.90,${from}`]);
    const expected: Record<string, string> = { [mac(1)]: '12.90', [mac(2)]: '8.50', [mac(290)]: '39.90' };
    await vi.waitFor(
      async () => {
        for (const [m, price] of Object.entries(expected)) {
          const l = await label(m);
          expect(l?.wantedPrice).toBe(price);
          expect(l?.shownVersion).toBe(l?.wantedVersion);
          expect(l?.shownPrice).toBe(price);
        }
      },
      { timeout: 30_000, interval: 100 },
    );
    // Battery and last seen come from the AP's tag list, tag 290 from past the 255th.
    const far = await label(mac(290));
    expect(far?.batteryMv).toBe(2600 + 289);
    expect(far?.apId).toBe('esl-ap-1');

    const mismatches = (
      await api<{ mismatches: (ShelfLabelMismatch & { forMs: number })[] }>('/api/shelf-labels/mismatches')
    ).body.mismatches;
    expect(mismatches.map((m) => [m.labelMac.slice(-12), m.registerPrice])).toEqual([
      [mac(1001).slice(-12), '8.50'],
    ]);
    expect(mismatches[0]?.shownPrice).toBeUndefined();
    expect(ap2.uploads().length).toBeGreaterThan(0);
    expect(ap2.uploads().every((u) => u.outcome !== 'shown')).toBe(true);

    const day = await api<{ shelfLabelMismatches?: ShelfLabelMismatch[] }>(
      `/api/day/${new Date(clock.now() + 8 * HOUR).toISOString().slice(0, 10)}`,
    );
    expect(day.status, JSON.stringify(day.body)).toBe(200);
    expect(day.body.shelfLabelMismatches?.map((m) => m.labelMac.slice(-12))).toEqual([mac(1001).slice(-12)]);

    for (const [m, name] of [
      [mac(1), 'apple-zh-4.2'],
      [mac(2), 'milk-zh-2.9'],
      [mac(290), 'rice-en-4.2'],
    ] as const) {
      const png = ap1.labelPng(m);
      expect(png, `tag ${m} shows an image`).toBeDefined();
      writeFileSync(join(ARTIFACTS, `${name}.png`), png as Buffer);
    }
  });

  it('a price effective at midnight is on the labels at midnight, on the injected clock', async () => {
    const midnight = nextShanghaiMidnight(clock.now());
    await importPrices(hq, [`prod-milk,7.90,${new Date(midnight).toISOString()}`]);
    // The import reaches the agent; nothing changes before midnight.
    await vi.waitFor(
      async () => {
        const prices = await agent.replica?.collections.prices
          .find({ selector: { productId: 'prod-milk' } })
          .exec();
        expect(prices?.some((p) => p.get('validFrom') === midnight)).toBe(true);
      },
      { timeout: 15_000, interval: 50 },
    );
    await agent.shelfLabels?.scheduler?.settled();
    expect((await label(mac(2)))?.shownPrice).toBe('8.50');
    clock.advanceTo(midnight);
    await vi.waitFor(
      async () => {
        const l = await label(mac(2));
        expect(l?.wantedPrice).toBe('7.90');
        expect(l?.shownPrice).toBe('7.90');
        expect(l?.shownVersion).toBe(l?.wantedVersion);
      },
      { timeout: 20_000, interval: 100 },
    );
    writeFileSync(join(ARTIFACTS, 'milk-zh-2.9-after-midnight.png'), ap1.labelPng(mac(2)) as Buffer);
  });
});
