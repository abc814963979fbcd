import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  ARTIFACTS,
  cheeseLabel,
  GTIN,
  type LaneWorld,
  PIN,
  shootBothLanguages,
  startLaneWorld,
} from './lane-harness.js';

/** The few IndexedDB calls the damaged-database test makes in the page (this file compiles without the DOM). */
interface IDBFactoryLike {
  databases(): Promise<{ name: string; version: number }[]>;
  open(
    name: string,
    version: number,
  ): {
    result: { objectStoreNames: Iterable<string>; deleteObjectStore(name: string): void; close(): void };
    error: unknown;
    onupgradeneeded: (() => void) | null;
    onsuccess: (() => void) | null;
    onerror: (() => void) | null;
  };
}
type Storage = { setItem(key: string, value: string): void };

/**
 * A cashier's real sale in Chromium: the renderer built by Vite, its RxDB on Dexie replicating with a real
 * HQ (sync-server on PGlite), the lane host driving hardware-sim's scanner, scale, printer and terminal.
 */
describe('a full sale at the lane', () => {
  let world: LaneWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startLaneWorld();
    page = await world.browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (e) => console.error('[page error]', e));
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource'))
        console.error('[page]', m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  const scan = async (code: string) => {
    const r = await world.control('POST', '/devices/scanner-1/scan', { code });
    expect(r.status, await r.clone().text()).toBe(200);
  };
  const lines = () => page.getByTestId('sale-line');
  const shootOnFailure = (name: string) =>
    onTestFailed(async () => {
      await page.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`) });
    });

  it('enrolls, loads, signs in, sells scanned, weighed, labelled and promoted items, split cash + card', async () => {
    shootOnFailure('enrolls, loads, sign'.replace(/\W+/g, '-'));
    await page.goto(world.lane.url);
    // First start: enroll with a code from HQ, then the catalog loads.
    await page.getByLabel('注册码').fill(await world.newEnrollmentCode());
    await page.getByRole('button', { name: '注册' }).click();
    await page
      .getByRole('button', { name: 'Ana' })
      .waitFor({ timeout: 60_000 })
      .catch(async (e) => {
        await page.screenshot({ path: join(ARTIFACTS, 'failure.png') });
        throw e;
      });
    await page.locator('.status-bar select').selectOption('en');
    await page.getByRole('button', { name: 'Ana' }).click();
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Count of €50.00').fill('2');
    await page.getByRole('button', { name: 'Open shift' }).click();
    await expect
      .poll(() => page.getByTestId('link-status').textContent(), { timeout: 20_000 })
      .toBe('Online');

    await scan(GTIN.milk);
    await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(1);
    await scan(GTIN.cola);
    await expect.poll(() => lines().count()).toBe(2);
    await scan(GTIN.cola);
    await expect.poll(() => lines().count()).toBe(3);
    await expect.poll(() => page.getByTestId('line-promotion').count()).toBe(2);

    // Loose bananas: key the PLU, the scale settles at 1.234 kg.
    await world.control('PUT', '/devices/scale-1/weight', { grams: 1234, stable: true });
    await page.getByLabel('Code, PLU or name').fill('4011');
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(4);
    await world.control('PUT', '/devices/scale-1/weight', { grams: 0, stable: true });

    // A deli weight label (variable measure, prefix 21): 0.456 kg of cheddar at 12.90/kg.
    await scan(cheeseLabel(456));
    await expect.poll(() => lines().count()).toBe(5);

    const screenLines = await lines().allInnerTexts();
    const total = (await page.getByTestId('sale-total').textContent()) ?? '';
    expect(screenLines.join('\n')).toContain('Cola 2 for 1.50');
    expect(screenLines.join('\n')).toContain('1.234 kg');
    await shootBothLanguages(page, 'sale');

    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByLabel('Amount').fill('5.00');
    await page.getByRole('button', { name: 'Card' }).click();
    await expect
      .poll(() => page.getByTestId('pay-paid').textContent(), { timeout: 30_000 })
      .toContain('5.00');
    await shootBothLanguages(page, 'payment');
    await page.getByLabel('Amount').fill('20.00');
    await page.getByRole('button', { name: 'Cash' }).click();
    await page.getByTestId('receipt-change').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('Receipt printed.');
    await shootBothLanguages(page, 'receipt');

    // The receipt the simulated printer decoded says what the screen said.
    const receipts = (await (await world.control('GET', '/devices/printer-1/receipts')).json()) as {
      receipts: { id: string; text: string }[];
    };
    expect(receipts.receipts).toHaveLength(1);
    const printed = receipts.receipts[0]!.text;
    const png = await world.control('GET', `/devices/printer-1/receipts/${receipts.receipts[0]!.id}.png`);
    await import('node:fs/promises').then(async (fs) =>
      fs.writeFile(join(ARTIFACTS, 'receipt-printed.png'), Buffer.from(await png.arrayBuffer())),
    );
    for (const name of ['Whole milk 1 l', 'Cola 330 ml can', 'Bananas', 'Loose cheddar', 'Cola 2 for 1.50'])
      expect(printed).toContain(name);
    // The printer's code page has no euro sign: amounts print bare, the TOTAL line names the currency.
    const bare = (shown: string) => shown.replace(/[^\d.,-]/g, '');
    for (const text of screenLines)
      for (const amount of text.match(/-?€[\d.,]+/g) ?? []) expect(printed).toContain(bare(amount));
    expect(printed).toMatch(new RegExp(`TOTAL EUR\\s+${bare(total).replace('.', '\\.')}`));
    expect(printed).toMatch(/\[CODE128: [0-9a-f]{32}\]/);

    // HQ has the sale exactly once, completed, with the total the screen showed.
    await expect.poll(async () => (await world.hqSales()).length, { timeout: 30_000 }).toBe(1);
    const [sale] = await world.hqSales();
    expect(sale!.data.status).toBe('completed');
    await expect
      .poll(() => page.getByTestId('pending-sync').textContent(), { timeout: 20_000 })
      .toBe('All synced');
    await page.getByRole('button', { name: 'Next customer' }).click();
  }, 180_000);

  const payCash = async () => {
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('button', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Next customer' }).waitFor({ timeout: 20_000 });
  };

  it('an unknown barcode opens the look-up dialog, never a silent failure', async () => {
    shootOnFailure('an unknown barcode o'.replace(/\W+/g, '-'));
    const unknown = '4000001999996';
    await scan(unknown);
    const dialog = page.getByRole('dialog', { name: `No product for ${unknown}` });
    await dialog.waitFor({ timeout: 20_000 });
    await shootBothLanguages(page, 'unknown-barcode');
    await dialog.getByLabel('Search the catalog by name or PLU:').fill('milk');
    await dialog.getByRole('button', { name: 'Whole milk 1 l' }).click();
    await expect.poll(() => lines().count()).toBe(1);
  });

  it('a weight that never settles gives a message and no line', async () => {
    shootOnFailure('a weight that never '.replace(/\W+/g, '-'));
    await world.control('PUT', '/devices/scale-1/weight', { grams: 800, stable: false });
    await page.getByLabel('Code, PLU or name').fill('4011');
    await page.getByRole('button', { name: 'Enter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Weigh Bananas' });
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'The weight did not settle' })
      .waitFor({ timeout: 30_000 });
    await shootBothLanguages(page, 'unstable-weight');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await lines().count()).toBe(1);
    await world.control('PUT', '/devices/scale-1/weight', { grams: 0, stable: true });
  });

  it('a declined card charges nothing; the cashier takes cash instead', async () => {
    shootOnFailure('a declined card char'.replace(/\W+/g, '-'));
    expect((await world.control('POST', '/devices/terminal-1/fault', { kind: 'decline' })).status).toBe(200);
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('button', { name: 'Card' }).click();
    await page.getByRole('alert').filter({ hasText: 'Card declined' }).waitFor({ timeout: 30_000 });
    await shootBothLanguages(page, 'card-declined');
    expect(await page.getByTestId('pay-paid').textContent()).toBe('€0.00');
    await page.getByRole('button', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Next customer' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Next customer' }).click();
  });

  it('printer out of paper mid-receipt: the sale is recorded, the receipt prints when paper is back', async () => {
    shootOnFailure('printer out of paper'.replace(/\W+/g, '-'));
    const before = (await world.hqSales()).length;
    await scan(GTIN.milk);
    await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(1);
    expect((await world.control('POST', '/devices/printer-1/fault', { kind: 'paper-out' })).status).toBe(200);
    await payCash();
    await page.getByRole('alert').filter({ hasText: 'paper out' }).waitFor({ timeout: 30_000 });
    await shootBothLanguages(page, 'paper-out');
    await expect.poll(async () => (await world.hqSales()).length, { timeout: 30_000 }).toBe(before + 1);
    await world.control('DELETE', '/devices/printer-1/fault');
    await page.getByRole('button', { name: 'Reprint' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('Receipt printed.');
    await page.getByRole('button', { name: 'Next customer' }).click();
  });

  it('offline mid-sale: the lane finishes it and two more, then syncs each sale to HQ once', async () => {
    shootOnFailure('offline mid-sale: th'.replace(/\W+/g, '-'));
    const before = await world.hqSales();
    await scan(GTIN.cola);
    await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(1);
    world.lane.proxy.setLinked(false);
    await expect
      .poll(() => page.getByTestId('link-status').textContent(), { timeout: 20_000 })
      .toBe('Offline');
    await payCash();
    for (const code of [GTIN.milk, GTIN.cola]) {
      await page.getByRole('button', { name: 'Next customer' }).click();
      await scan(code);
      await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(1);
      await payCash();
    }
    await expect.poll(() => page.getByTestId('pending-sync').textContent()).toBe('3 sales waiting to sync');
    await shootBothLanguages(page, 'offline');
    expect((await world.hqSales()).length).toBe(before.length);
    world.lane.proxy.setLinked(true);
    await expect
      .poll(() => page.getByTestId('pending-sync').textContent(), { timeout: 40_000 })
      .toBe('All synced');
    const after = await world.hqSales();
    expect(after.length).toBe(before.length + 3);
    expect(new Set(after.map((s) => s.id)).size).toBe(after.length);
    expect(after.every((s) => s.data.status === 'completed')).toBe(true);
  }, 120_000);

  it('closes the shift with a count by denomination, X and Z printed, the closed shift at HQ', async () => {
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.getByRole('button', { name: 'Close shift' }).click();
    const expected = page.getByTestId('x-expected');
    await expected.waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Print X report' }).click();
    await page.getByRole('status').filter({ hasText: 'X report printed.' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Count of €100.00').fill('1');
    await page.getByLabel('Count of €5.00').fill('3');
    expect(await page.getByTestId('counted-total').textContent()).toBe('€115.00');
    await shootBothLanguages(page, 'close-shift');
    await page.getByRole('button', { name: 'Close shift and print Z' }).click();
    await page.getByRole('button', { name: 'Ana' }).waitFor({ timeout: 30_000 });
    const receipts = (await (await world.control('GET', '/devices/printer-1/receipts')).json()) as {
      receipts: { text: string }[];
    };
    const texts = receipts.receipts.map((r) => r.text);
    expect(texts.some((x) => x.includes('SHIFT REPORT (X)'))).toBe(true);
    const z = texts.find((x) => x.includes('SHIFT REPORT (Z)'));
    expect(z).toContain('115.00');
    expect(z).toContain('Variance');
    await expect
      .poll(
        async () =>
          (
            await world.db.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM documents WHERE collection = 'shifts' AND data->>'status' = 'closed'",
            )
          ).rows[0]?.n,
        { timeout: 30_000 },
      )
      .toBe(1);
  }, 90_000);

  it('a damaged local database at start: a screen says what happened and what to do, and nothing is deleted', async () => {
    shootOnFailure('damaged-database');
    // Offline, the cashier opens a shift: a record of this lane that has not reached HQ yet.
    world.lane.proxy.setLinked(false);
    await page.getByRole('button', { name: 'Ana' }).click();
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Count of €50.00').fill('1');
    await page.getByRole('button', { name: 'Open shift' }).click();
    // The status bar counts sales only; the lane's own list of unacknowledged writes holds the shift.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
            ).localStorage.getItem('storefloor.pending-writes') ?? '',
        ),
      )
      .toContain('shifts/');

    // The replica's object stores vanish (as a damaged profile or a half-done upgrade leaves them).
    await page.goto(`${world.lane.url}lane-config.json`);
    const damaged = await page.evaluate(async () => {
      const idb = (globalThis as unknown as { indexedDB: IDBFactoryLike }).indexedDB;
      const names: string[] = [];
      for (const d of await idb.databases()) {
        await new Promise<void>((resolve, reject) => {
          const open = idb.open(d.name, d.version + 1);
          open.onupgradeneeded = () => {
            for (const store of [...open.result.objectStoreNames]) open.result.deleteObjectStore(store);
          };
          open.onsuccess = () => {
            open.result.close();
            resolve();
          };
          open.onerror = () => reject(open.error);
        });
        names.push(d.name);
      }
      return names;
    });
    expect(damaged.some((n) => n.includes('storefloor-lane--'))).toBe(true);

    await page.goto(world.lane.url);
    const screen = page.getByRole('alert').filter({ hasText: 'cannot open its local database' });
    await screen.waitFor({ timeout: 30_000 });
    // The shift and its audit entries (sign-in, float count) are this lane's records not yet at the store.
    expect(await page.getByTestId('unsent-count').textContent()).toMatch(/^[1-9]\d* records? of this lane/);
    await page.screenshot({ path: join(ARTIFACTS, 'damaged-database.en.png'), fullPage: true });
    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: Storage }).localStorage.setItem(
        'storefloor.language',
        'zh-CN',
      ),
    );
    await page.reload();
    await page.getByRole('heading', { name: '本收银台无法打开本地数据库' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'damaged-database.zh-CN.png'), fullPage: true });

    // Continue on a new database: the lane loads again and can sell; the old database is still there.
    world.lane.proxy.setLinked(true);
    await page.getByRole('button', { name: '改用新数据库继续' }).click();
    await page.getByRole('button', { name: 'Ana' }).waitFor({ timeout: 60_000 });
    const after = await page.evaluate(async () =>
      (await (globalThis as unknown as { indexedDB: IDBFactoryLike }).indexedDB.databases()).map(
        (d) => d.name,
      ),
    );
    expect(after.some((n) => n.includes('storefloor-lane--'))).toBe(true);
    expect(after.some((n) => n.includes('storefloor-lane-r1--'))).toBe(true);
  }, 120_000);
});
