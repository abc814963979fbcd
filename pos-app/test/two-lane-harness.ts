import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withGs1CheckDigit } from '@storefloor/core';
import { type RunningSimulator, type SimDeviceSpec, startSimulator } from '@storefloor/hardware-sim';
import { buildServer, type Database, openPgliteDatabase } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { laneDevicesFromSim } from '../src/host/sim-lane-devices.js';
import { type RunningLaneServer, startLaneServer } from '../src/serve/serve-lane.js';
import {
  ADMIN_TOKEN,
  ARTIFACTS,
  CHROMIUM,
  requireChromium,
  STORE_ID,
  seed,
  signInAndOpenShift,
} from './lane-harness.js';

/** The member the lane-members tests identify: phone shown masked, card an in-store 042 code. */
export const MEMBER = {
  id: 'mem-li-wei',
  name: 'Li Wei',
  phone: '+86 138 1234 1234',
  keyedPhone: '13812341234',
  masked: '+86 138****1234',
  card: withGs1CheckDigit('042000000001'),
};
export const COUPON = { code: 'MILK-20-0001', receiptText: 'Coupon milk -0.20' };

export interface TwoLaneWorld {
  readonly hq: FastifyInstance;
  readonly db: Database;
  readonly sim: RunningSimulator;
  readonly lanes: readonly [RunningLaneServer, RunningLaneServer];
  readonly browser: Browser;
  newEnrollmentCode(): Promise<string>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  /** HQ's documents of one collection (one row per id: HQ never doubles a document). */
  hqDocs(collection: string): Promise<{ id: string; data: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

/**
 * Two lanes of one store against one HQ (sync-server on PGlite): two lane servers and hosts, each with its
 * own simulated scanner, scale, printer and terminal, in one Chromium (each lane its own origin, so its own
 * IndexedDB). The store is the one lane-harness seeds, plus a member, a member price and a coupon.
 */
export async function startTwoLaneWorld(): Promise<TwoLaneWorld> {
  requireChromium();
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'pos-two-lanes-hq-'));
  const db = await openPgliteDatabase(dataDir);
  const hq = await buildServer({ db, adminToken: ADMIN_TOKEN, logger: false });
  await hq.listen({ port: 0, host: '127.0.0.1' });
  const hqUrl = `http://127.0.0.1:${(hq.server.address() as AddressInfo).port}`;
  await seed(hqUrl);
  await seedLoyalty(hqUrl);
  const devices = [1, 2].flatMap((n): SimDeviceSpec[] => [
    { id: `scanner-${n}`, kind: 'scanner', protocol: 'aim-serial' },
    { id: `scale-${n}`, kind: 'scale', protocol: 'toledo-8217' },
    { id: `printer-${n}`, kind: 'printer', protocol: 'escpos-tcp' },
    { id: `terminal-${n}`, kind: 'payment-terminal', protocol: 'nexo-https' },
  ]);
  const sim = await startSimulator({ config: { devices }, port: 0 });
  const lane = async (n: number, build: boolean) =>
    startLaneServer({
      upstreamUrl: hqUrl,
      build,
      devices: await laneDevicesFromSim(
        sim.url,
        { scanner: `scanner-${n}`, scale: `scale-${n}`, printer: `printer-${n}`, terminal: `terminal-${n}` },
        { scalePollMs: 200 },
      ),
    });
  const lane1 = await lane(1, true);
  const lane2 = await lane(2, false);
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
    db,
    sim,
    lanes: [lane1, lane2],
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
    async hqDocs(collection) {
      const { rows } = await db.query<{ id: string; data: Record<string, unknown> }>(
        'SELECT id, data FROM documents WHERE collection = $1 ORDER BY id',
        [collection],
      );
      return rows;
    },
    async stop() {
      await browser.close();
      await lane1.stop();
      await lane2.stop();
      await sim.stop();
      await hq.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function seedLoyalty(hqUrl: string): Promise<void> {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${hqUrl}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    const text = await r.text();
    if (r.status >= 300 || /"rejectedCount":[1-9]/.test(text))
      throw new Error(`${path}: ${r.status} ${text}`);
  };
  const validFrom = Date.UTC(2026, 0, 1);
  await post('/api/admin/import/members', [
    {
      id: MEMBER.id,
      storeId: STORE_ID,
      cardNumber: MEMBER.card,
      name: MEMBER.name,
      tier: 'standard',
      phone: MEMBER.phone,
    },
  ]);
  // A member price for milk (a new price version: prices are never edited).
  await post('/api/admin/import/prices?currency=EUR', [
    {
      id: 'price-milk-v2',
      productId: 'p-milk',
      amount: '1.19',
      memberAmount: '1.09',
      validFrom: validFrom + 1,
    },
  ]);
  await post('/api/admin/import/promotions?currency=EUR', [
    {
      id: 'promo-coupon-milk-20',
      name: 'Milk coupon 0.20 off',
      receiptText: COUPON.receiptText,
      kind: 'amount-off',
      productIds: ['p-milk'],
      amount: '0.20',
      priority: 1,
      validFrom,
      couponCodes: [COUPON.code, 'MILK-20-0002'],
    },
  ]);
}

/** First start of a lane in its own page: enroll, load, sign in, open the shift, in English. */
export async function bootLane(page: Page, url: string, enrollmentCode: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('注册码').fill(enrollmentCode);
  await page.getByRole('button', { name: '注册' }).click();
  await signInAndOpenShift(page);
  await page.getByLabel('Code, PLU or name').waitFor({ timeout: 20_000 });
}
