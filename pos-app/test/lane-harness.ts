import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withGs1CheckDigit } from '@storefloor/core';
import { type EdgeAgent, startEdgeAgent, type WalletConfig } from '@storefloor/edge-agent';
import { type RunningSimulator, type SimWalletGateway, startSimulator } from '@storefloor/hardware-sim';
import { buildServer, type Database, openPgliteDatabase } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningLaneServer, startLaneServer } from '../src/serve/serve-lane.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../test-artifacts', import.meta.url));
export const ADMIN_TOKEN = 'pos-lane-e2e-admin-token';
export const STORE_ID = 'store-e2e';
export const PIN = '2468';
/** lane-supervisor: a supervisor (with a badge) and a manager, for approvals. */
export const SUPERVISOR = { name: 'Bo', pin: '1357', badge: withGs1CheckDigit('041000000017') };
export const MANAGER = { name: 'Cy', pin: '9753' };

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

/** The WeChat Pay merchant of WeChat's own signature document, known to the simulated gateway. */
export const WECHAT_MERCHANT = {
  appId: 'wx2421b1c4370ec43b',
  mchId: '10000100',
  apiKey: '192006250b4c09247ec02edce69f6a2d',
};
export const ALIPAY_APP_ID = '2021000000000001';

export interface LaneWorldOptions {
  /** The store's currency (default EUR, a Dublin store); wallet payment codes are charged in CNY. */
  readonly currency?: 'EUR' | 'CNY';
  /**
   * Put the store's edge agent between the lane and HQ, holding the wallet credentials of the simulated
   * gateway (issue 15). `confirmDelayMs` is how long a `shopper-slow` shopper takes, `pollIntervalMs` how often
   * the agent asks the provider meanwhile.
   */
  readonly edgeAgent?: { readonly confirmDelayMs?: number; readonly pollIntervalMs?: number };
  /** HQ's replication limits (e.g. a small `maxDocumentBytes`, so that HQ refuses a sale for good). */
  readonly hqLimits?: { readonly maxDocumentBytes?: number };
}

export interface LaneWorld {
  readonly hq: FastifyInstance;
  readonly hqUrl: string;
  readonly db: Database;
  readonly sim: RunningSimulator;
  readonly lane: RunningLaneServer;
  readonly browser: Browser;
  /** The edge agent the lane syncs and pays through, when the world was started with `edgeAgent`. */
  readonly agent: EdgeAgent | undefined;
  newEnrollmentCode(): Promise<string>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  /** Completed sales at HQ, by id, with how many rows each has (exactly one when nothing is doubled). */
  hqSales(): Promise<{ id: string; data: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

export async function seed(hqUrl: string, currency: 'EUR' | 'CNY' = 'EUR'): Promise<void> {
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
      currency,
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
  await post(`/api/admin/import/prices?currency=${currency}`, [
    { id: 'price-milk-v1', productId: 'p-milk', amount: '1.19', validFrom },
    { id: 'price-cola-v1', productId: 'p-cola', amount: '0.89', validFrom },
    { id: 'price-banana-v1', productId: 'p-banana', amount: '1.99', validFrom },
    { id: 'price-cheese-v1', productId: 'p-cheese', amount: '12.90', validFrom },
  ]);
  await post(`/api/admin/import/promotions?currency=${currency}`, [
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
    {
      id: 'emp-bo',
      storeId: STORE_ID,
      name: SUPERVISOR.name,
      roles: 'cashier;supervisor',
      pin: SUPERVISOR.pin,
      badgeCode: SUPERVISOR.badge,
    },
    { id: 'emp-cy', storeId: STORE_ID, name: MANAGER.name, roles: 'manager', pin: MANAGER.pin },
  ]);
}

/** HQ on PGlite in a temp folder, hardware-sim, the lane server and host, and Chromium: a whole lane. */
export async function startLaneWorld(options: LaneWorldOptions = {}): Promise<LaneWorld> {
  requireChromium();
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'pos-lane-hq-'));
  const db = await openPgliteDatabase(dataDir);
  const hq = await buildServer({
    db,
    adminToken: ADMIN_TOKEN,
    logger: false,
    ...(options.hqLimits ? { limits: options.hqLimits } : {}),
  });
  await hq.listen({ port: 0, host: '127.0.0.1' });
  const hqUrl = `http://127.0.0.1:${(hq.server.address() as AddressInfo).port}`;
  await seed(hqUrl, options.currency ?? 'EUR');
  const alipayApp = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sim = await startSimulator({
    config: {
      devices: [
        { id: 'scanner-1', kind: 'scanner', protocol: 'aim-serial' },
        { id: 'scale-1', kind: 'scale', protocol: 'toledo-8217' },
        { id: 'printer-1', kind: 'printer', protocol: 'escpos-tcp' },
        { id: 'terminal-1', kind: 'payment-terminal', protocol: 'nexo-https' },
        {
          id: 'wallet-gateway-1',
          kind: 'wallet-gateway',
          protocol: 'wechat-alipay-http',
          options: {
            wechat: [WECHAT_MERCHANT],
            alipay: [
              {
                appId: ALIPAY_APP_ID,
                appPublicKeyPem: alipayApp.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
              },
            ],
            ...(options.edgeAgent?.confirmDelayMs === undefined
              ? {}
              : { confirmDelayMs: options.edgeAgent.confirmDelayMs }),
          },
        },
        { id: 'face-pay-1', kind: 'face-pay', protocol: 'face-pay-http', options: { lookDelayMs: 300 } },
      ],
    },
    port: 0,
  });
  let agent: EdgeAgent | undefined;
  let agentDir: string | undefined;
  if (options.edgeAgent) {
    const gateway = sim.registry.get('wallet-gateway-1') as unknown as SimWalletGateway;
    const gatewayUrl = gateway.endpoint().url as string;
    const wallet: WalletConfig = {
      wechat: { baseUrl: gatewayUrl, ...WECHAT_MERCHANT, timeoutMs: 2000 },
      alipay: {
        gatewayUrl: `${gatewayUrl}/gateway.do`,
        appId: ALIPAY_APP_ID,
        appPrivateKeyPem: alipayApp.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        alipayPublicKeyPem: gateway.alipayPublicKeyPem(),
        timeoutMs: 2000,
      },
      ...(options.edgeAgent.pollIntervalMs ? { pollIntervalMs: options.edgeAgent.pollIntervalMs } : {}),
    };
    agentDir = await mkdtemp(join(tmpdir(), 'pos-lane-agent-'));
    const code = await enrollmentCode(hqUrl, 'store-hub');
    agent = await startEdgeAgent({
      hqUrl,
      enrollmentCode: code,
      dataDir: agentDir,
      lanPort: 0,
      logger: false,
      pullRetryMs: 500,
      wallet,
    });
    if (!(await agent.enrolled))
      throw new Error(`edge agent did not enroll: ${JSON.stringify(agent.status())}`);
    // The lane loads its catalog from the agent: wait until the agent has pulled the seeded master data.
    const replica = agent.replica;
    if (!replica) throw new Error(`edge agent replica did not open: ${JSON.stringify(agent.status())}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const counts = await Promise.all(
        (['products', 'prices', 'tax_rates', 'employees', 'stores'] as const).map((c) =>
          replica.collections[c].count().exec(),
        ),
      );
      if (counts.every((n) => n > 0)) break;
      if (Date.now() > deadline) throw new Error(`edge agent pulled no master data: ${counts.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const lane = await startLaneServer({
    upstreamUrl: agent?.url ?? hqUrl,
    simUrl: sim.url,
    build: true,
    scalePollMs: 200,
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
  return {
    hq,
    hqUrl,
    db,
    sim,
    lane,
    browser,
    agent,
    newEnrollmentCode: () => enrollmentCode(hqUrl, 'lane'),
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
      await agent?.close();
      if (agentDir) await rm(agentDir, { recursive: true, force: true });
      await sim.stop();
      await hq.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function enrollmentCode(hqUrl: string, role: 'lane' | 'store-hub'): Promise<string> {
  const r = await fetch(`${hqUrl}/api/admin/stores/${STORE_ID}/enrollment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (r.status !== 201) throw new Error(`enrollment code: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { code: string }).code;
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

/**
 * A freshly enrolled lane, from its Chinese sign-in screen to an open shift in English: the cashier picks
 * her name, types her PIN, and counts one note of `note` (as the store writes it, e.g. '100.00') into the
 * drawer as the float.
 */
export async function signInAndOpenShift(
  page: Page,
  { name = 'Ana', pin = PIN, note = '100.00' }: { name?: string; pin?: string; note?: string } = {},
): Promise<void> {
  await page.getByRole('button', { name }).waitFor({ timeout: 60_000 });
  await page.locator('.status-bar select').selectOption('en');
  await page.getByRole('button', { name }).click();
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const escaped = note.replace(/[.]/g, '\\.');
  await page.getByLabel(new RegExp(`^Count of \\D*${escaped}$`)).fill('1');
  await page.getByRole('button', { name: 'Open shift' }).click();
  // The shift is open once the sale screen is up: a scan sent before it would reach no sale.
  await page.getByTestId('sale-total').waitFor({ timeout: 30_000 });
}
