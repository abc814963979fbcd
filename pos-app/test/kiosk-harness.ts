import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withGs1CheckDigit } from '@storefloor/core';
import { type EdgeAgent, startEdgeAgent } from '@storefloor/edge-agent';
import { type RunningSimulator, startSimulator } from '@storefloor/hardware-sim';
import { buildServer, type Database, openPgliteDatabase } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { laneDevicesFromSim } from '../src/host/sim-lane-devices.js';
import { type RunningLaneServer, startLaneServer } from '../src/serve/serve-lane.js';
import { ARTIFACTS, CHROMIUM, requireChromium } from './lane-harness.js';

const ADMIN_TOKEN = 'pos-kiosk-e2e-admin-token';
export const KIOSK_STORE = 'store-kiosk-e2e';
export const MIA = { id: 'emp-mia', name: 'Mia', pin: '1357' };
export const OLA = { id: 'emp-ola', name: 'Ola', pin: '2468' };

export const KIOSK_GTIN = {
  milk: withGs1CheckDigit('400000130001'),
  cola: withGs1CheckDigit('400000130002'),
  whisky: withGs1CheckDigit('400000130003'),
};

/** The bagging-area scale is the simulator's second scale (NCI), the kiosk's own scale its first. */
export const BAGGING_SCALE = 'scale-2';
/** The kiosk's scanner-scale in the counter: the renderer gives this one device both roles. */
export const COUNTER_SCANNER_SCALE = 'scanner-scale-1';

export interface KioskWorld {
  readonly hq: FastifyInstance;
  readonly db: Database;
  readonly agent: EdgeAgent;
  readonly sim: RunningSimulator;
  readonly kiosk: RunningLaneServer;
  readonly attendant: RunningLaneServer;
  readonly browser: Browser;
  /** A lane enrollment code, redeemed through the edge agent. */
  laneCode(): Promise<string>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  /** Puts the bagging area at `grams` (stable unless said otherwise). */
  bagging(grams: number, stable?: boolean): Promise<void>;
  scan(code: string): Promise<void>;
  hqDocuments(collection: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

async function seed(hqUrl: string): Promise<void> {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${hqUrl}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    const text = await r.text();
    if (r.status >= 300 || /"rejectedCount":[1-9]/.test(text))
      throw new Error(`${path}: ${r.status} ${text}`);
  };
  const validFrom = Date.UTC(2026, 0, 1);
  await post('/api/admin/stores', {
    storeId: KIOSK_STORE,
    name: 'Storefloor Kiosk Market',
    settings: {
      currency: 'EUR',
      taxMode: 'inclusive',
      taxRounding: 'line',
      cashRoundingStep: 1,
      timeZone: 'Europe/Dublin',
      businessDayStartHour: 4,
      receiptHeader: '2 Market Street, Dublin',
      receiptFooter: 'Thank you for shopping with us',
      languages: ['en-IE', 'zh-CN'],
      address: '2 Market Street, Dublin',
      validFrom,
    },
  });
  await post('/api/admin/import/tax-rates', [
    { id: 'tax-standard-v1', storeId: '*', taxClass: 'standard', rateBps: 2300, label: 'A 23%', validFrom },
    { id: 'tax-reduced-v1', storeId: '*', taxClass: 'reduced', rateBps: 1350, label: 'B 13.5%', validFrom },
  ]);
  await post('/api/admin/import/products', [
    {
      id: 'p-milk',
      name: 'Whole milk 1 l',
      gtins: [KIOSK_GTIN.milk],
      unit: 'each',
      taxClass: 'reduced',
      categoryId: 'dairy',
      expectedUnitWeightGrams: 1040,
      weightToleranceGrams: 30,
    },
    {
      id: 'p-cola',
      name: 'Cola 330 ml can',
      gtins: [KIOSK_GTIN.cola],
      unit: 'each',
      taxClass: 'standard',
      categoryId: 'drinks',
      expectedUnitWeightGrams: 350,
      weightToleranceGrams: 15,
    },
    {
      id: 'p-whisky',
      name: 'Single malt whisky 70 cl',
      gtins: [KIOSK_GTIN.whisky],
      unit: 'each',
      taxClass: 'standard',
      categoryId: 'drinks',
      ageRestriction: 18,
      expectedUnitWeightGrams: 1250,
      weightToleranceGrams: 40,
    },
    {
      id: 'p-banana',
      name: 'Bananas',
      plu: '4011',
      unit: 'weight',
      taxClass: 'reduced',
      categoryId: 'produce',
    },
    {
      id: 'p-apple',
      name: 'Apples Braeburn',
      plu: '4103',
      unit: 'weight',
      taxClass: 'reduced',
      categoryId: 'produce',
    },
    {
      id: 'p-baguette',
      name: 'Baguette',
      plu: '7001',
      unit: 'each',
      taxClass: 'reduced',
      categoryId: 'bakery',
    },
  ]);
  await post('/api/admin/import/prices?currency=EUR', [
    { id: 'price-milk-v1', productId: 'p-milk', amount: '1.19', validFrom },
    { id: 'price-cola-v1', productId: 'p-cola', amount: '0.89', validFrom },
    { id: 'price-whisky-v1', productId: 'p-whisky', amount: '34.99', validFrom },
    { id: 'price-banana-v1', productId: 'p-banana', amount: '1.99', validFrom },
    { id: 'price-apple-v1', productId: 'p-apple', amount: '2.49', validFrom },
    { id: 'price-baguette-v1', productId: 'p-baguette', amount: '1.60', validFrom },
  ]);
  await post('/api/admin/import/employees', [
    { id: 'emp-ana', storeId: KIOSK_STORE, name: 'Ana', roles: 'cashier', pin: '2468' },
    { id: MIA.id, storeId: KIOSK_STORE, name: MIA.name, roles: 'supervisor', pin: MIA.pin },
    { id: OLA.id, storeId: KIOSK_STORE, name: OLA.name, roles: 'supervisor', pin: OLA.pin },
  ]);
}

/**
 * A store with a self-checkout: HQ on PGlite, the real edge agent in-process (the kiosk's and the
 * attendant screen's upstream, where alerts cross devices), hardware-sim with two scales, the kiosk's lane
 * server (mode kiosk, bagging scale = scale-2) and an attendant screen's (mode attendant, no devices).
 */
export async function startKioskWorld(options: { kioskIdleMs?: number } = {}): Promise<KioskWorld> {
  requireChromium();
  const dir = await mkdtemp(join(tmpdir(), 'pos-kiosk-'));
  const db = await openPgliteDatabase(join(dir, 'hq'));
  const hq = await buildServer({ db, adminToken: ADMIN_TOKEN, logger: false });
  await hq.listen({ port: 0, host: '127.0.0.1' });
  const hqUrl = `http://127.0.0.1:${(hq.server.address() as AddressInfo).port}`;
  await seed(hqUrl);
  const code = async (role: 'lane' | 'store-hub') => {
    const r = await fetch(`${hqUrl}/api/admin/stores/${KIOSK_STORE}/enrollment-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role }),
    });
    return ((await r.json()) as { code: string }).code;
  };
  const agent = await startEdgeAgent({
    hqUrl,
    enrollmentCode: await code('store-hub'),
    dataDir: join(dir, 'agent'),
    lanPort: 0,
    logger: false,
    pullRetryMs: 500,
    pushBackoff: { initialMs: 100, maxMs: 1000 },
  });
  if (!(await agent.enrolled)) throw new Error(`edge agent not enrolled: ${JSON.stringify(agent.status())}`);
  const sim = await startSimulator({
    config: {
      devices: [
        // A kiosk's counter: one Magellan scanner-scale (scans and weighs), in kg.
        {
          id: COUNTER_SCANNER_SCALE,
          kind: 'scanner-scale',
          protocol: 'magellan-sci',
          options: { unit: 'kg' },
        },
        { id: BAGGING_SCALE, kind: 'scale', protocol: 'nci' },
        { id: 'printer-1', kind: 'printer', protocol: 'escpos-tcp' },
        { id: 'terminal-1', kind: 'payment-terminal', protocol: 'nexo-https' },
      ],
    },
    port: 0,
  });
  const kiosk = await startLaneServer({
    upstreamUrl: agent.url,
    devices: await laneDevicesFromSim(
      sim.url,
      { scanner: COUNTER_SCANNER_SCALE, scale: COUNTER_SCANNER_SCALE, bagging: BAGGING_SCALE },
      { scalePollMs: 100 },
    ),
    build: true,
    mode: 'kiosk',
    databaseName: 'storefloor-kiosk',
    ...(options.kioskIdleMs === undefined ? {} : { kioskIdleMs: options.kioskIdleMs }),
  });
  const attendant = await startLaneServer({
    upstreamUrl: agent.url,
    devices: { devices: [] },
    build: false,
    mode: 'attendant',
    databaseName: 'storefloor-attendant',
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  return {
    hq,
    db,
    agent,
    sim,
    kiosk,
    attendant,
    browser,
    laneCode: () => code('lane'),
    control,
    async bagging(grams, stable = true) {
      const r = await control('PUT', `/devices/${BAGGING_SCALE}/weight`, { grams, stable });
      if (r.status !== 200) throw new Error(`bagging scale: ${r.status} ${await r.text()}`);
    },
    async scan(barcode) {
      const r = await control('POST', `/devices/${COUNTER_SCANNER_SCALE}/scan`, { code: barcode });
      if (r.status !== 200) throw new Error(`scan: ${r.status} ${await r.text()}`);
    },
    async hqDocuments(collection) {
      const { rows } = await db.query<{ data: Record<string, unknown> }>(
        'SELECT data FROM documents WHERE collection = $1 ORDER BY id',
        [collection],
      );
      return rows.map((r) => r.data);
    },
    async stop() {
      await browser.close();
      await kiosk.stop();
      await attendant.stop();
      await sim.stop();
      await agent.close();
      await hq.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Enrolls a page (kiosk or attendant) through the edge agent and waits for its first screen. */
export async function enrollPage(page: Page, code: string): Promise<void> {
  await page.getByLabel('注册码').fill(code);
  await page.getByRole('button', { name: '注册' }).click();
}

type Doc = { document: { documentElement: { lang: string } } };
const pageLang = () => (globalThis as unknown as Doc).document.documentElement.lang;

/**
 * Screenshots a kiosk or attendant screen in both languages with the kiosk's own language buttons, clicked
 * without a pointer (a touch would count as the shopper's activity and close an idle prompt).
 */
export async function shootKiosk(page: Page, name: string): Promise<void> {
  const was = await page.evaluate(pageLang);
  for (const [lang, button] of [
    ['en', 'English'],
    ['zh-CN', '中文'],
  ] as const) {
    await page.locator('.kiosk-languages').getByRole('button', { name: button }).dispatchEvent('click');
    await page.waitForFunction(
      (l) => (globalThis as unknown as Doc).document.documentElement.lang === l,
      lang,
    );
    await page.screenshot({ path: join(ARTIFACTS, `${name}.${lang}.png`), fullPage: true });
  }
  await page
    .locator('.kiosk-languages')
    .getByRole('button', { name: was === 'en' ? 'English' : '中文' })
    .dispatchEvent('click');
  await page.waitForFunction((l) => (globalThis as unknown as Doc).document.documentElement.lang === l, was);
}
