import { join } from 'node:path';
import { buildServer } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  ADMIN_TOKEN,
  ARTIFACTS,
  GTIN,
  type LaneWorld,
  shootBothLanguages,
  signInAndOpenShift,
  startLaneWorld,
} from './lane-harness.js';

/**
 * HQ refuses a completed sale for good (here: over its per-document size limit, 413 document-too-large; the
 * same path as a forged or schema-invalid sale). The lane keeps the sale, keeps pushing everything else, and
 * says so on its status bar, apart from "waiting to sync". Real HQ on PGlite, hardware-sim, lane host, Chromium.
 */
describe('a sale HQ refuses', () => {
  let world: LaneWorld;
  let page: Page;
  // A one-line sale is about 1,260 bytes of JSON, a shift about 250 and an audit entry about 360 (measured
  // on this lane): HQ takes the others and refuses the sale.
  const MAX_DOCUMENT_BYTES = 900;
  const docs = async (collection: string) =>
    (
      await world.db.query<{ id: string; size: number }>(
        'SELECT id, length(data::text)::int AS size FROM documents WHERE collection = $1',
        [collection],
      )
    ).rows;

  beforeAll(async () => {
    world = await startLaneWorld({ hqLimits: { maxDocumentBytes: MAX_DOCUMENT_BYTES } });
    page = await world.browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (e) => console.error('[page error]', e));
    await page.goto(world.lane.url);
    await page.getByLabel('注册码').fill(await world.newEnrollmentCode());
    await page.getByRole('button', { name: '注册' }).click();
    await signInAndOpenShift(page);
  }, 180_000);
  let fixedHq: FastifyInstance | undefined;
  afterAll(async () => {
    await fixedHq?.close();
    await world?.stop();
  });

  it('shows "1 sale refused by HQ" apart from the sales waiting, and the shift still reaches HQ', async () => {
    onTestFailed(async () => {
      await page.screenshot({ path: join(ARTIFACTS, 'failed-sale-refused-by-hq.png') });
    });
    await expect.poll(() => page.getByTestId('device-not-ready').count(), { timeout: 30_000 }).toBe(0);
    const scanned = await world.control('POST', '/devices/scanner-1/scan', { code: GTIN.milk });
    expect(scanned.status).toBe(200);
    await page.getByTestId('sale-line').first().waitFor();
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('button', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Next customer' }).waitFor({ timeout: 20_000 });

    await expect
      .poll(() => page.getByTestId('refused-sync').textContent(), { timeout: 40_000 })
      .toBe('1 sale refused by HQ');
    // Not counted as waiting: nothing else waits, so the waiting pill is gone.
    await expect.poll(() => page.getByTestId('pending-sync').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('refused-sync').getAttribute('title')).toMatch(/Kept on this lane/);
    // HQ has the lane's shift and audit entries (the collections were not blocked), not the sale.
    await expect.poll(async () => (await docs('shifts')).length, { timeout: 20_000 }).toBe(1);
    expect(await docs('sales')).toEqual([]);

    // The cashier goes on selling: the next sale, refused too, adds to the count and blocks nothing.
    await page.getByRole('button', { name: 'Next customer' }).click();
    await world.control('POST', '/devices/scanner-1/scan', { code: GTIN.cola });
    await page.getByTestId('sale-line').first().waitFor();
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('button', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Next customer' }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('refused-sync').textContent(), { timeout: 40_000 })
      .toBe('2 sales refused by HQ');
    await shootBothLanguages(page, 'sale-refused-by-hq');
    await page.locator('.status-bar select').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('refused-sync').textContent()).toBe('2 笔交易被总部拒收');
    await page.locator('.status-bar select').selectOption('en');
  });

  it('once HQ takes them (its limit raised, restarted), the lane sends the parked sales when its link is back', async () => {
    const port = Number(new URL(world.hqUrl).port);
    await world.hq.close();
    await expect
      .poll(() => page.getByTestId('link-status').textContent(), { timeout: 20_000 })
      .toBe('Offline');
    fixedHq = await buildServer({ db: world.db, adminToken: ADMIN_TOKEN, logger: false });
    await fixedHq.listen({ port, host: '127.0.0.1' });
    await expect.poll(async () => (await docs('sales')).length, { timeout: 40_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('refused-sync').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('pending-sync').textContent()).toBe('All synced');
  });
});
