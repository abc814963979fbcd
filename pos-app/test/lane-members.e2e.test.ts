import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ARTIFACTS, GTIN, shootBothLanguages } from './lane-harness.js';
import { bootLane, COUPON, MEMBER, startTwoLaneWorld, type TwoLaneWorld } from './two-lane-harness.js';

/**
 * Members, coupons, suspend/resume and returns across two lanes of one store, each a real lane (Vite
 * renderer in Chromium, RxDB on Dexie, lane host on hardware-sim) replicating with the same HQ.
 */
describe('members, coupons, suspended sales and returns at two lanes', () => {
  let world: TwoLaneWorld;
  let lane1: Page;
  let lane2: Page;
  let saleId = '';
  let receiptBarcode = '';

  const watch = (page: Page, name: string) => {
    page.on('pageerror', (e) => console.error(`[${name} page error]`, e));
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource'))
        console.error(`[${name}]`, m.text());
    });
  };

  beforeAll(async () => {
    world = await startTwoLaneWorld();
    lane1 = await world.browser.newPage({ viewport: { width: 1280, height: 860 } });
    lane2 = await world.browser.newPage({ viewport: { width: 1280, height: 860 } });
    watch(lane1, 'lane 1');
    watch(lane2, 'lane 2');
    await bootLane(lane1, world.lanes[0].url, await world.newEnrollmentCode());
    await bootLane(lane2, world.lanes[1].url, await world.newEnrollmentCode());
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  const scan = async (lane: 1 | 2, code: string) => {
    const r = await world.control('POST', `/devices/scanner-${lane}/scan`, { code });
    expect(r.status, await r.clone().text()).toBe(200);
  };
  const lines = (page: Page) => page.getByTestId('sale-line');
  const shootOnFailure = (name: string) =>
    onTestFailed(async () => {
      await lane1.screenshot({ path: join(ARTIFACTS, `failed-${name}-lane1.png`) });
      await lane2.screenshot({ path: join(ARTIFACTS, `failed-${name}-lane2.png`) });
    });
  const completedSales = async () =>
    (await world.hqDocs('sales')).filter((s) => s.data.kind === 'sale' && s.data.status === 'completed');

  it('a member found by phone (shown masked) with a coupon: points and the coupon on the receipt, at HQ once', async () => {
    shootOnFailure('member-coupon');
    await lane1.getByRole('button', { name: 'Member (⇧F4)' }).click();
    const memberDialog = lane1.getByRole('dialog', { name: 'Identify the member' });
    await memberDialog.getByLabel('Card, member QR or phone number').fill(MEMBER.keyedPhone);
    await shootBothLanguages(lane1, 'member-dialog');
    await memberDialog.getByRole('button', { name: 'Identify' }).click();
    await expect.poll(() => lane1.getByTestId('member-name').textContent()).toBe(MEMBER.name);
    expect(await lane1.getByTestId('member-phone').textContent()).toBe(MEMBER.masked);
    await expect.poll(() => lane1.getByTestId('member-points').textContent()).toBe('0 points');

    await scan(1, GTIN.milk);
    await expect.poll(() => lines(lane1).count(), { timeout: 20_000 }).toBe(1);
    await scan(1, GTIN.milk);
    await expect.poll(() => lines(lane1).count()).toBe(2);
    await scan(1, GTIN.cola);
    await expect.poll(() => lines(lane1).count()).toBe(3);
    // The member price of milk applies (1.09 instead of 1.19).
    await expect.poll(() => lane1.getByTestId('sale-total').textContent()).toBe('€3.07');

    await lane1.getByRole('button', { name: 'Coupon (⇧F6)' }).click();
    const couponDialog = lane1.getByRole('dialog', { name: 'Apply a coupon' });
    await couponDialog.getByLabel('Coupon code (scan or key)').fill(COUPON.code);
    await shootBothLanguages(lane1, 'coupon-dialog');
    await couponDialog.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => lane1.getByTestId('line-promotion').filter({ hasText: COUPON.receiptText }).count())
      .toBe(2);
    const shown = (await lines(lane1).allInnerTexts()).join('\n');
    expect(shown).toContain(COUPON.receiptText);
    expect(await lane1.getByTestId('sale-coupons').textContent()).toContain(COUPON.code);
    await expect.poll(() => lane1.getByTestId('sale-total').textContent()).toBe('€2.67');
    // Never the full phone number anywhere on the screen.
    const body = (await lane1.locator('body').innerText()).replace(/\s/g, '');
    expect(body).not.toContain(MEMBER.keyedPhone);
    await shootBothLanguages(lane1, 'sale-member-coupon');

    // Split: 1.00 on the card, the rest in cash.
    await lane1.getByRole('button', { name: /Pay/ }).click();
    await lane1.getByLabel('Amount').fill('1.00');
    await lane1.getByRole('button', { name: 'Card' }).click();
    await expect
      .poll(() => lane1.getByTestId('pay-paid').textContent(), { timeout: 30_000 })
      .toContain('1.00');
    await lane1.getByLabel('Amount').fill('5.00');
    await lane1.getByRole('button', { name: 'Cash' }).click();
    await expect
      .poll(() => lane1.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('Receipt printed.');

    const receipts = (await (await world.control('GET', '/devices/printer-1/receipts')).json()) as {
      receipts: { id: string; text: string }[];
    };
    expect(receipts.receipts).toHaveLength(1);
    const printed = receipts.receipts[0]!.text;
    const png = await world.control('GET', `/devices/printer-1/receipts/${receipts.receipts[0]!.id}.png`);
    await writeFile(join(ARTIFACTS, 'member-receipt-printed.png'), Buffer.from(await png.arrayBuffer()));
    expect(printed).toContain(`Member: ${MEMBER.name} ${MEMBER.masked}`);
    expect(printed.replace(/\s/g, '')).not.toContain(MEMBER.keyedPhone);
    expect(printed).toContain(COUPON.code);
    expect(printed).toContain(COUPON.receiptText);
    expect(printed).toMatch(/Points earned\s+2\b/);
    expect(printed).toMatch(/Points balance\s+2\b/);
    receiptBarcode = /\[CODE128: ([0-9a-f]{32})\]/.exec(printed)?.[1] ?? '';
    expect(receiptBarcode).not.toBe('');

    await expect.poll(async () => (await completedSales()).length, { timeout: 30_000 }).toBe(1);
    const [sale] = await completedSales();
    saleId = sale!.id;
    expect(sale!.data).toMatchObject({ memberId: MEMBER.id, coupons: [{ code: COUPON.code }] });
    await expect
      .poll(async () => (await world.hqDocs('loyalty_entries')).map((e) => e.data.kind).sort(), {
        timeout: 30_000,
      })
      .toEqual(['coupon-redeemed', 'points-earned']);
    const entries = await world.hqDocs('loyalty_entries');
    expect(entries.every((e) => e.data.saleId === saleId)).toBe(true);
    expect(entries.find((e) => e.data.kind === 'points-earned')!.data.points).toBe(2);
    expect(entries.find((e) => e.data.kind === 'coupon-redeemed')!.data).toMatchObject({
      couponCode: COUPON.code,
      discountAmount: 40,
    });
    await lane1.getByRole('button', { name: 'Next customer' }).click();
  }, 180_000);

  it('the used coupon is refused at the other lane; the member card finds the points there', async () => {
    shootOnFailure('coupon-used');
    await scan(2, MEMBER.card);
    await expect
      .poll(() => lane2.getByTestId('member-name').textContent(), { timeout: 20_000 })
      .toBe(MEMBER.name);
    await expect
      .poll(() => lane2.getByTestId('member-points').textContent(), { timeout: 30_000 })
      .toBe('2 points');
    await scan(2, GTIN.milk);
    await expect.poll(() => lines(lane2).count(), { timeout: 20_000 }).toBe(1);
    await lane2.getByRole('button', { name: 'Coupon (⇧F6)' }).click();
    const dialog = lane2.getByRole('dialog', { name: 'Apply a coupon' });
    await expect
      .poll(
        async () => {
          await dialog.getByLabel('Coupon code (scan or key)').fill(COUPON.code);
          await dialog.getByRole('button', { name: 'Apply' }).click();
          return dialog
            .getByTestId('coupon-error')
            .textContent({ timeout: 5000 })
            .catch(() => '');
        },
        { timeout: 30_000 },
      )
      .toBe('this coupon was already used');
    await shootBothLanguages(lane2, 'coupon-used');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await lane2.getByTestId('line-promotion').filter({ hasText: COUPON.receiptText }).count()).toBe(0);
    // Lane 2 parks this basket for later (it goes on in the suspend test below).
    await lane2.getByRole('button', { name: 'Suspend (⇧F8)' }).click();
    await expect.poll(() => lines(lane2).count()).toBe(0);
  }, 120_000);

  it('returns two lines of that sale at the other lane: card refunded on its terminal, the rest in cash', async () => {
    shootOnFailure('return');
    await scan(2, receiptBarcode);
    await lane2.getByTestId('return-original').waitFor({ timeout: 30_000 });
    await expect.poll(() => lane2.getByTestId('return-line').count()).toBe(3);
    await lane2.getByLabel('Return Whole milk 1 l').first().fill('1');
    await lane2.getByLabel('Return Cola 330 ml can').fill('1');
    // 1.09 − 0.20 for the milk, 0.89 for the cola: what was paid for each line.
    await expect.poll(() => lane2.getByTestId('return-total').textContent()).toBe('€1.78');
    expect(await lane2.getByTestId('refund-part').allInnerTexts()).toEqual(['€1.00', '€0.78']);
    await shootBothLanguages(lane2, 'return-lines');
    await lane2.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect
      .poll(() => lane2.getByTestId('return-done').textContent(), { timeout: 60_000 })
      .toBe('Refunded €1.78.');
    await shootBothLanguages(lane2, 'return-done');

    // The terminal of lane 2 refunded the card; the return is at HQ once, completed, with both tenders.
    const log = (await (await world.control('GET', '/devices/terminal-2/transactions')).json()) as unknown;
    expect(JSON.stringify(log)).toContain('refund');
    await expect
      .poll(
        async () =>
          (await world.hqDocs('sales')).filter(
            (s) => s.data.kind === 'return' && s.data.status === 'completed',
          ).length,
        { timeout: 30_000 },
      )
      .toBe(1);
    const ret = (await world.hqDocs('sales')).find((s) => s.data.kind === 'return')!;
    expect(ret.data).toMatchObject({ originalSaleId: saleId, totals: { total: 178 } });
    expect((ret.data.tenders as { kind: string; amount: number }[]).map((t) => [t.kind, t.amount])).toEqual([
      ['card', 100],
      ['cash', 78],
    ]);

    // The return takes back the points of what it refunded (1 of 2); the coupon stays spent, since one
    // of the two milks it discounted was kept.
    await expect
      .poll(async () => (await world.hqDocs('loyalty_entries')).map((e) => e.data.kind).sort(), {
        timeout: 30_000,
      })
      .toEqual(['coupon-redeemed', 'points-adjusted', 'points-earned']);
    const adjusted = (await world.hqDocs('loyalty_entries')).find((e) => e.data.kind === 'points-adjusted')!;
    expect(adjusted.data).toMatchObject({ points: -1, saleId: ret.id, memberId: MEMBER.id });

    // Scanning the receipt again: the returned cola is no longer offered, one milk still is.
    await lane2.getByLabel('Receipt code').fill(receiptBarcode);
    await lane2.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => lane2.getByLabel('Return Cola 330 ml can').isDisabled()).toBe(true);
    await lane2.getByRole('button', { name: 'Back to the sale' }).click();
  }, 180_000);

  it('suspended at one lane, resumed at the other: one sale at HQ, the basket never counted', async () => {
    shootOnFailure('suspend-resume');
    const salesBefore = (await completedSales()).length;
    await scan(1, GTIN.milk);
    await scan(1, GTIN.cola);
    await expect.poll(() => lines(lane1).count(), { timeout: 20_000 }).toBe(2);
    await lane1.getByRole('button', { name: 'Suspend (⇧F8)' }).click();
    await expect.poll(() => lines(lane1).count()).toBe(0);
    await lane1.getByRole('alert').filter({ hasText: 'any lane can resume it' }).waitFor();

    // Lane 2 sees both parked baskets (its own from before and lane 1's).
    await lane2.getByRole('button', { name: 'Resume (⇧F9)' }).click();
    await expect.poll(() => lane2.getByTestId('suspended-basket').count(), { timeout: 30_000 }).toBe(2);
    await shootBothLanguages(lane2, 'resume-list');
    await lane2
      .getByTestId('suspended-basket')
      .filter({ hasText: '2 lines' })
      .getByRole('button', { name: 'Resume this sale' })
      .click();
    await expect.poll(() => lines(lane2).count(), { timeout: 20_000 }).toBe(2);
    await lane2.getByRole('button', { name: /Pay/ }).click();
    await lane2.getByRole('button', { name: 'Cash' }).click();
    await lane2.getByRole('button', { name: 'Next customer' }).waitFor({ timeout: 20_000 });
    await lane2.getByRole('button', { name: 'Next customer' }).click();

    // Lane 1 no longer offers its basket: only lane 2's own parked one is left.
    await lane1.getByRole('button', { name: 'Resume (⇧F9)' }).click();
    await expect.poll(() => lane1.getByTestId('suspended-basket').count(), { timeout: 30_000 }).toBe(1);
    await shootBothLanguages(lane1, 'resume-list-after');
    await lane1.getByRole('button', { name: /Back to the sale/ }).click();

    await expect.poll(async () => (await completedSales()).length, { timeout: 30_000 }).toBe(salesBefore + 1);
    const sales = await world.hqDocs('sales');
    const suspended = sales.filter((s) => s.data.status === 'suspended');
    expect(suspended).toHaveLength(2);
    const resumed = sales.filter((s) => s.data.resumesSaleId !== undefined);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.data.status).toBe('completed');
    const parked = suspended.find((s) => s.id === resumed[0]!.data.resumesSaleId)!;
    expect(parked.data.deviceId).not.toBe(resumed[0]!.data.deviceId);
    expect((parked.data.tenders as unknown[]).length).toBe(0);
  }, 180_000);
});
