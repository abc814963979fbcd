import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withGs1CheckDigit } from '@storefloor/core';
import { type RunningSimulator, startSimulator } from '@storefloor/hardware-sim';
import { buildServer, type Database, openPgliteDatabase } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningLaneServer, startLaneServer } from '../src/serve/serve-lane.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../test-artifacts', import.meta.url));
export const ADMIN_TOKEN = 'pos-lane-e2e-admin-token';
export const STORE_ID = 'store-e2e';
export const PIN = '2468';

/** Fails loudly: a browser test that cannot find its browser must never pass by skipping. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the POS browser tests`,
    );
  }
}

export const GTIN = {
  milk: withGs1CheckDigit('400000120001'),
  cola: withGs1CheckDigit('400000120002'),
  /** The item reference of the loose cheese's in-store weight labels (prefix 21, value digits zero). */
  cheese: withGs1CheckDigit('211234500000'),
};

/** A weight label for the loose cheese: 21 + item 12345 + weight in grams (5 digits) + check digit. */
export function cheeseLabel(grams: number): string {
  return withGs1CheckDigit(`2112345${String(grams).padStart(5, '0')}`);
}

export interface LaneWorld {
  readonly hq: FastifyInstance;
  readonly hqUrl: string;
  readonly db: Database;
  readonly sim: RunningSimulator;
  readonly lane: RunningLaneServer;
  readonly browser: Browser;
  newEnrollmentCode(): Promise<string>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  /** Completed sales at HQ, by id, with how many rows each has (exactly one when nothing is doubled). */
  hqSales(): Promise<{ id: string; data: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

export async function seed(hqUrl: string): Promise<void> {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${hqUrl}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    const text = await r.text();
    if (r.status >= 300 || /"rejectedCount":[1-9]/.test(text))
      throw new Error(`${path}: ${r.status} ${text}`);
  };
  const validFrom = Date.UTC(2026, 0, 1);
  await post('/api/admin/stores', {
    storeId: STORE_ID,
    name: 'Storefloor Test Market',
    settings: {
      currency: 'EUR',
      taxMode: 'inclusive',
      taxRounding: 'line',
      cashRoundingStep: 1,
      timeZone: 'Europe/Dublin',
      businessDayStartHour: 4,
      receiptHeader: '1 Market Street, Dublin',
      receiptFooter: 'Thank you for shopping with us',
      languages: ['en-IE', 'zh-CN'],
      address: '1 Market Street, Dublin',
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
      gtins: [GTIN.milk],
      unit: 'each',
      taxClass: 'reduced',
      categoryId: 'dairy',
    },
    {
      id: 'p-cola',
      name: 'Cola 330 ml can',
      gtins: [GTIN.cola],
      unit: 'each',
      taxClass: 'standard',
      categoryId: 'drinks',
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
      id: 'p-cheese',
      name: 'Loose cheddar',
      gtins: [GTIN.cheese],
      unit: 'weight',
      taxClass: 'reduced',
      categoryId: 'deli',
    },
  ]);
  await post('/api/admin/import/prices?currency=EUR', [
    { id: 'price-milk-v1', productId: 'p-milk', amount: '1.19', validFrom },
    { id: 'price-cola-v1', productId: 'p-cola', amount: '0.89', validFrom },
    { id: 'price-banana-v1', productId: 'p-banana', amount: '1.99', validFrom },
    { id: 'price-cheese-v1', productId: 'p-cheese', amount: '12.90', validFrom },
  ]);
  await post('/api/admin/import/promotions?currency=EUR', [
    {
      id: 'promo-cola-2-for-150',
      name: 'Cola 2 for 1.50',
      kind: 'multi-buy',
      productIds: ['p-cola'],
      quantity: 2,
      price: '1.50',
      priority: 5,
      validFrom,
    },
  ]);
  await post('/api/admin/import/employees', [
    { id: 'emp-ana', storeId: STORE_ID, name: 'Ana', roles: 'cashier', pin: PIN },
  ]);
}

/** HQ on PGlite in a temp folder, hardware-sim, the lane server and host, and Chromium: a whole lane. */
export async function startLaneWorld(): Promise<LaneWorld> {
  requireChromium();
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'pos-lane-hq-'));
  const db = await openPgliteDatabase(dataDir);
  const hq = await buildServer({ db, adminToken: ADMIN_TOKEN, logger: false });
  await hq.listen({ port: 0, host: '127.0.0.1' });
  const hqUrl = `http://127.0.0.1:${(hq.server.address() as AddressInfo).port}`;
  await seed(hqUrl);
  const sim = await startSimulator({
    config: {
      devices: [
        { id: 'scanner-1', kind: 'scanner', protocol: 'aim-serial' },
        { id: 'scale-1', kind: 'scale', protocol: 'toledo-8217' },
        { id: 'printer-1', kind: 'printer', protocol: 'escpos-tcp' },
        { id: 'terminal-1', kind: 'payment-terminal', protocol: 'ecr-tcp' },
      ],
    },
    port: 0,
  });
  const lane = await startLaneServer({ upstreamUrl: hqUrl, simUrl: sim.url, build: true, scalePollMs: 200 });
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
  return {
    hq,
    hqUrl,
    db,
    sim,
    lane,
    browser,
    async newEnrollmentCode() {
      const r = await fetch(`${hqUrl}/api/admin/stores/${STORE_ID}/enrollment-codes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return ((await r.json()) as { code: string }).code;
    },
    control: (method, path, body) =>
      fetch(`${sim.url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    async hqSales() {
      const { rows } = await db.query<{ id: string; data: Record<string, unknown> }>(
        "SELECT id, data FROM documents WHERE collection = 'sales' ORDER BY id",
      );
      return rows;
    },
    async stop() {
      await browser.close();
      await lane.stop();
      await sim.stop();
      await hq.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Screenshots the page in both lane languages, then returns to the language it was in. */
export async function shootBothLanguages(page: Page, name: string): Promise<void> {
  const select = page.locator('.status-bar select');
  const was = await select.inputValue();
  for (const lang of ['en', 'zh-CN']) {
    await select.selectOption(lang);
    await page.waitForFunction(
      (l) =>
        (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
          .documentElement.lang === l,
      lang,
    );
    await page.screenshot({ path: join(ARTIFACTS, `${name}.${lang}.png`), fullPage: true });
  }
  await select.selectOption(was);
}
