import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  COUNTER_SCANNER_SCALE,
  enrollPage,
  KIOSK_GTIN,
  type KioskWorld,
  MIA,
  OLA,
  shootKiosk,
  startKioskWorld,
} from './kiosk-harness.js';
import { ARTIFACTS } from './lane-harness.js';

/**
 * A shopper at the self-checkout in Chromium, against the real edge agent (alerts cross devices there),
 * HQ and hardware-sim's scanner, two scales (the kiosk's and the bagging area's), printer and terminal;
 * an attendant answers from a second device's attendant screen, and on the kiosk itself.
 */
describe('a sale at the self-checkout kiosk', () => {
  let world: KioskWorld;
  let kiosk: Page;
  let attendant: Page;

  beforeAll(async () => {
    world = await startKioskWorld({ kioskIdleMs: 10_000 });
    const report = (who: string) => (m: { type(): string; text(): string }) => {
      if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource'))
        console.error(`[${who}]`, m.text());
    };
    kiosk = await world.browser.newPage({ viewport: { width: 1280, height: 860 } });
    kiosk.on('console', report('kiosk'));
    kiosk.on('pageerror', (e) => console.error('[kiosk error]', e));
    attendant = await (await world.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    attendant.on('console', report('attendant'));
    attendant.on('pageerror', (e) => console.error('[attendant error]', e));
    await world.bagging(0);
    await world.control('PUT', `/devices/${COUNTER_SCANNER_SCALE}/weight`, { grams: 0, stable: true });
    await kiosk.goto(world.kiosk.url);
    await enrollPage(kiosk, await world.laneCode());
    await attendant.goto(world.attendant.url);
    await enrollPage(attendant, await world.laneCode());
    await kiosk.getByRole('heading', { name: '欢迎光临' }).waitFor({ timeout: 60_000 });
    await attendant.getByRole('heading', { name: '自助收银值守' }).waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  const shootOnFailure = (name: string) =>
    onTestFailed(async () => {
      await kiosk.screenshot({ path: join(ARTIFACTS, `failed-${name}-kiosk.png`) });
      await attendant.screenshot({ path: join(ARTIFACTS, `failed-${name}-attendant.png`) });
    });
  const prompt = () => kiosk.getByTestId('bagging-prompt');
  const locked = () => kiosk.getByTestId('kiosk-locked');
  const lang = async (page: Page, name: 'English' | '中文') =>
    page.locator('.kiosk-languages').getByRole('button', { name }).click();
  const pin = async (page: Page, digits: string) => {
    for (const d of digits)
      await page.locator('.pin-keys').getByRole('button', { name: d, exact: true }).click();
    await page.locator('.pin-keys').getByRole('button', { name: 'OK' }).click();
  };
  /** The attendant answers the kiosk's open alert of `kind` from the attendant screen. */
  const answerFromAttendantScreen = async (kind: string, who: typeof MIA, decision: 'Approve' | 'Reject') => {
    const card = attendant.locator(`[data-testid="attendant-alert"][data-kind="${kind}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.click();
    await attendant.getByRole('button', { name: who.name }).click();
    await attendant.getByRole('button', { name: decision }).click();
    await pin(attendant, who.pin);
  };

  it('catches an unexpected item, an age-restricted item and a removed item; attendants answer by PIN', async () => {
    shootOnFailure('kiosk-sale');
    await shootKiosk(kiosk, 'kiosk-welcome');
    await lang(attendant, 'English');
    await attendant.getByText('No kiosk needs help.').waitFor();
    await shootKiosk(attendant, 'attendant-no-alerts');

    // Start by touching Start; in English.
    await lang(kiosk, 'English');
    await kiosk.getByRole('button', { name: 'Start' }).click();
    await kiosk.getByRole('heading', { name: 'Scan your items' }).waitFor();
    await shootKiosk(kiosk, 'kiosk-shopping-empty');

    // Milk scanned and bagged: the scale moves, then settles within the milk's tolerance.
    await world.scan(KIOSK_GTIN.milk);
    await expect.poll(() => prompt().textContent()).toBe('Place Whole milk 1 l in the bagging area.');
    await world.bagging(640, false);
    await world.bagging(1046);
    await expect.poll(() => prompt().getAttribute('data-kind')).toBe('bagged');
    await shootKiosk(kiosk, 'kiosk-shopping');

    // Something put in the bagging area without a scan: the kiosk locks, the attendant screen lists it.
    await world.bagging(1046 + 480);
    await expect.poll(() => locked().getAttribute('data-kind'), { timeout: 10_000 }).toBe('unexpected-item');
    await expect(locked().textContent()).resolves.toContain('Weight change +0.48');
    await shootKiosk(kiosk, 'kiosk-locked-unexpected-item');
    await attendant.locator('[data-testid="attendant-alert"][data-kind="unexpected-item"]').waitFor();
    await shootKiosk(attendant, 'attendant-alerts');
    await attendant.locator('[data-testid="attendant-alert"]').click();
    await shootKiosk(attendant, 'attendant-choose');
    await attendant.getByRole('button', { name: MIA.name }).click();
    await shootKiosk(attendant, 'attendant-decide');
    await attendant.getByRole('button', { name: 'Approve' }).click();
    await shootKiosk(attendant, 'attendant-pin');
    await pin(attendant, MIA.pin);
    await locked().waitFor({ state: 'detached', timeout: 10_000 });
    await attendant.getByTestId('attendant-recent').first().waitFor();
    expect(await attendant.getByTestId('attendant-recent').first().textContent()).toContain(
      'approved by Mia',
    );
    await shootKiosk(attendant, 'attendant-recent');

    // An age-restricted item: locked at once; bagged while waiting; approved from the attendant screen.
    await world.scan(KIOSK_GTIN.whisky);
    await expect.poll(() => locked().getAttribute('data-kind'), { timeout: 10_000 }).toBe('age-restricted');
    await expect(kiosk.getByTestId('locked-place-item').textContent()).resolves.toBe(
      'Place Single malt whisky 70 cl in the bagging area.',
    );
    await shootKiosk(kiosk, 'kiosk-locked-age-restricted');
    await world.bagging(1526 + 1251);
    await answerFromAttendantScreen('age-restricted', MIA, 'Approve');
    await locked().waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => prompt().getAttribute('data-kind')).toBe('bagged');
    expect(await kiosk.getByTestId('kiosk-line').count()).toBe(2);

    // The shopper takes the milk back out of the bagging area: caught.
    await world.bagging(2777 - 1046);
    await expect.poll(() => locked().getAttribute('data-kind'), { timeout: 10_000 }).toBe('item-removed');
    await shootKiosk(kiosk, 'kiosk-locked-item-removed');
    // Answered on the kiosk itself: Ola mistypes her PIN five times and is locked out (at the edge).
    await kiosk.getByRole('button', { name: 'Attendant' }).click();
    await kiosk.getByRole('button', { name: OLA.name }).click();
    await kiosk.getByRole('button', { name: 'Reject' }).click();
    await pin(kiosk, '0000');
    await expect
      .poll(() => kiosk.getByTestId('resolve-problem').textContent())
      .toBe('Wrong PIN. 4 tries left.');
    await shootKiosk(kiosk, 'kiosk-pin-wrong');
    for (let i = 0; i < 4; i++) await pin(kiosk, '0000');
    await expect
      .poll(() => kiosk.getByTestId('resolve-problem').textContent())
      .toBe('This attendant is locked after too many wrong PINs.');
    await pin(kiosk, OLA.pin);
    await expect
      .poll(() => kiosk.getByTestId('resolve-problem').textContent())
      .toBe('This attendant is locked after too many wrong PINs.');
    // Mia rejects: the shopper must put the milk back before the kiosk goes on.
    await kiosk.getByRole('button', { name: 'Back' }).click();
    await kiosk.getByRole('button', { name: 'Back' }).click();
    await kiosk.getByRole('button', { name: MIA.name }).click();
    await kiosk.getByRole('button', { name: 'Reject' }).click();
    await pin(kiosk, MIA.pin);
    await kiosk.getByRole('heading', { name: 'Please put the item back in the bagging area' }).waitFor();
    await shootKiosk(kiosk, 'kiosk-restore');
    await world.bagging(2778);
    await locked().waitFor({ state: 'detached', timeout: 10_000 });

    // Produce without a barcode: picture grid, category, touch search, weighed on the kiosk's scale.
    await kiosk.getByRole('button', { name: 'Item without barcode' }).click();
    await kiosk.getByRole('heading', { name: 'Choose your item' }).waitFor();
    await shootKiosk(kiosk, 'kiosk-produce');
    await kiosk.getByRole('button', { name: 'Fruit & veg' }).click();
    await kiosk.locator('.kiosk-letters').getByRole('button', { name: 'B', exact: true }).click();
    await kiosk.locator('.kiosk-letters').getByRole('button', { name: 'A', exact: true }).click();
    await expect.poll(() => kiosk.locator('.kiosk-tile').count()).toBe(1);
    await shootKiosk(kiosk, 'kiosk-produce-search');
    await world.control('PUT', `/devices/${COUNTER_SCANNER_SCALE}/weight`, { grams: 700, stable: false });
    await kiosk.locator('.kiosk-tile').click();
    await kiosk.getByRole('dialog', { name: 'Weigh Bananas' }).waitFor();
    await shootKiosk(kiosk, 'kiosk-weigh');
    await world.control('PUT', `/devices/${COUNTER_SCANNER_SCALE}/weight`, { grams: 1234, stable: true });
    await expect.poll(() => kiosk.getByTestId('kiosk-line').count(), { timeout: 20_000 }).toBe(3);
    await world.control('PUT', `/devices/${COUNTER_SCANNER_SCALE}/weight`, { grams: 0, stable: true });
    await expect.poll(() => prompt().textContent()).toBe('Place Bananas in the bagging area.');
    await world.bagging(2778 + 1236);
    await expect.poll(() => prompt().getAttribute('data-kind')).toBe('bagged');

    // Card only, then the shopper's receipt choice.
    const total = await kiosk.getByTestId('kiosk-total').textContent();
    await kiosk.getByRole('button', { name: 'Pay', exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Pay by card' }).waitFor();
    expect(await kiosk.getByTestId('kiosk-due').textContent()).toBe(total);
    await shootKiosk(kiosk, 'kiosk-pay');
    await kiosk.getByRole('button', { name: 'Pay by card' }).click();
    await kiosk
      .getByRole('heading', { name: 'Thank you. Do you want a receipt?' })
      .waitFor({ timeout: 30_000 });
    await shootKiosk(kiosk, 'kiosk-receipt-choice');
    await kiosk.getByRole('button', { name: 'Print receipt' }).click();
    await kiosk.getByRole('heading', { name: 'Thank you for shopping with us' }).waitFor({ timeout: 30_000 });
    await shootKiosk(kiosk, 'kiosk-thanks');
    await kiosk.getByRole('button', { name: 'Done' }).click();
    await kiosk.getByRole('heading', { name: '欢迎光临' }).waitFor();
    const receipts = (await (await world.control('GET', '/devices/printer-1/receipts')).json()) as {
      receipts: { text: string }[];
    };
    expect(receipts.receipts).toHaveLength(1);

    // At HQ (kiosk → edge agent → HQ): the sale once, age checked by Mia, the milk still on it; the audit
    // trail has every decision with its weights and every attendant step.
    const sale = await expect
      .poll(async () => (await world.hqDocuments('sales')).filter((s) => s.status === 'completed'), {
        timeout: 30_000,
      })
      .toHaveLength(1)
      .then(async () => (await world.hqDocuments('sales'))[0]!);
    expect(sale).toMatchObject({ ageVerifiedBy: MIA.id, cashierId: 'self-checkout' });
    expect((sale.lines as { voided: boolean }[]).filter((l) => !l.voided)).toHaveLength(3);
    expect((sale.tenders as { kind: string }[]).map((x) => x.kind)).toEqual(['card']);
    await expect
      .poll(async () => (await world.hqDocuments('audit_entries')).map((a) => a.action), { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          'bagging.item-bagged',
          'bagging.unexpected-item',
          'bagging.approved',
          'bagging.item-removed',
          'bagging.rejected',
          'bagging.area-restored',
          'self-checkout.alert-raised',
          'self-checkout.alert-approved',
          'self-checkout.alert-rejected',
          'attendant.pin-wrong',
          'attendant.locked-out',
          'attendant.locked-refused',
        ]),
      );
    const audit = await world.hqDocuments('audit_entries');
    expect(audit.find((a) => a.action === 'bagging.unexpected-item')).toMatchObject({
      subjectId: sale.id,
      facts: { acceptedGrams: 1046, readingGrams: 1526, deltaGrams: 480 },
    });
    expect(audit.find((a) => a.action === 'bagging.item-removed')).toMatchObject({
      facts: { acceptedGrams: 2777, readingGrams: 1731, deltaGrams: -1046 },
    });
    const approvals = audit.filter((a) => a.action === 'self-checkout.alert-approved');
    expect(approvals.map((a) => (a.facts as { kind: string }).kind).sort()).toEqual([
      'age-restricted',
      'unexpected-item',
    ]);
    expect(approvals.every((a) => a.approvedBy === MIA.id)).toBe(true);
    expect(audit.find((a) => a.action === 'attendant.locked-out')).toMatchObject({
      employeeId: OLA.id,
      facts: { failures: 5 },
    });
  }, 180_000);

  it('a void needs the attendant; an idle kiosk asks, then forgets its shopper', async () => {
    shootOnFailure('kiosk-idle');
    // The last shopper's bags are still there: the welcome screen asks to clear the area first.
    await kiosk.getByTestId('clear-area').waitFor();
    await world.bagging(0);
    await kiosk.getByTestId('clear-area').waitFor({ state: 'detached' });
    // Start by scanning.
    await world.scan(KIOSK_GTIN.cola);
    await expect.poll(() => kiosk.getByTestId('kiosk-line').count()).toBe(1);
    await world.bagging(352);
    await expect.poll(() => prompt().getAttribute('data-kind')).toBe('bagged');
    // The shopper removes the cola from the sale: a void needs the attendant, then the can comes out.
    await kiosk.getByRole('button', { name: '移除 Cola 330 ml can' }).click();
    await expect.poll(() => locked().getAttribute('data-kind'), { timeout: 10_000 }).toBe('void');
    await shootKiosk(kiosk, 'kiosk-locked-void');
    await answerFromAttendantScreen('void', MIA, 'Approve');
    await locked().waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => prompt().getAttribute('data-kind')).toBe('take-out');
    expect(await kiosk.getByTestId('kiosk-line').count()).toBe(0);
    await shootKiosk(kiosk, 'kiosk-take-out');
    await world.bagging(0);
    await expect.poll(() => prompt().getAttribute('data-kind')).toBe('scan');
    // Scanned again and bagged; then the shopper walks away.
    await world.scan(KIOSK_GTIN.cola);
    await expect.poll(() => kiosk.getByTestId('kiosk-line').count()).toBe(1);
    await world.bagging(351);
    await expect.poll(() => prompt().getAttribute('data-kind')).toBe('bagged');
    await kiosk.getByRole('dialog', { name: '您还在吗？' }).waitFor({ timeout: 20_000 });
    await shootKiosk(kiosk, 'kiosk-still-there');
    await kiosk.getByRole('heading', { name: '欢迎光临' }).waitFor({ timeout: 20_000 });
    expect(await kiosk.locator('body').textContent()).not.toContain('Cola');
    await expect
      .poll(async () => (await world.hqDocuments('sales')).filter((s) => s.status === 'cancelled').length, {
        timeout: 30_000,
      })
      .toBe(1);
  }, 60_000);
});
