import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  ARTIFACTS,
  GTIN,
  type LaneWorld,
  MANAGER,
  PIN,
  SUPERVISOR,
  shootBothLanguages,
  startLaneWorld,
} from './lane-harness.js';

interface Audit {
  action: string;
  employeeId: string;
  approvedBy: string;
  subjectCollection: string;
  subjectId: string;
  facts: Record<string, string | number | boolean>;
}

/**
 * The cashier lane's supervised actions in Chromium against a real HQ, hardware-sim and the lane host:
 * the wrong-PIN lock-out, the float counted by denomination, reprint, post-void, no-sale, cash in and out,
 * price override and discounts, badge sign-in. Every action is checked in HQ's audit entries.
 */
describe('supervised actions at the lane', () => {
  let world: LaneWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startLaneWorld();
    page = await world.browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (e) => console.error('[page error]', e));
    await page.goto(world.lane.url);
    await page.getByLabel('注册码').fill(await world.newEnrollmentCode());
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByRole('button', { name: 'Ana' }).waitFor({ timeout: 60_000 });
    await page.locator('.status-bar select').selectOption('en');
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  const shootOnFailure = (name: string) =>
    onTestFailed(async () => {
      await page.screenshot({ path: join(ARTIFACTS, `failed-supervisor-${name}.png`) });
    });
  const scan = async (code: string) => {
    const r = await world.control('POST', '/devices/scanner-1/scan', { code });
    expect(r.status, await r.clone().text()).toBe(200);
  };
  const docs = async <T>(collection: string): Promise<T[]> =>
    (
      await world.db.query<{ data: T }>('SELECT data FROM documents WHERE collection = $1 ORDER BY id', [
        collection,
      ])
    ).rows.map((r) => r.data);
  const audits = (action: string) =>
    docs<Audit>('audit_entries').then((all) => all.filter((a) => a.action === action));
  const receipts = async () =>
    (
      (await (await world.control('GET', '/devices/printer-1/receipts')).json()) as {
        receipts: { id: string; text: string }[];
      }
    ).receipts;
  const drawerKicks = () =>
    (world.sim.registry.get('printer-1') as unknown as { drawerKicks(): unknown[] }).drawerKicks().length;
  const approval = () => page.getByRole('dialog', { name: 'Approval needed' });
  const approveWithPin = async (pin: string) => {
    await approval().getByLabel('Approver PIN').fill(pin);
    await approval().getByRole('button', { name: 'OK' }).click();
  };
  const lines = () => page.getByTestId('sale-line');
  const message = () => page.getByTestId('supervisor-message');

  it('five wrong PINs lock the cashier at this lane, each audited at HQ; a supervisor unlocks', async () => {
    shootOnFailure('lock');
    await shootBothLanguages(page, 'supervisor-sign-in');
    await page.getByRole('button', { name: 'Ana' }).click();
    for (let i = 1; i <= 4; i++) {
      await page.getByLabel('PIN').fill('0000');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: `${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left` })
        .waitFor({ timeout: 30_000 });
    }
    await shootBothLanguages(page, 'supervisor-wrong-pin');
    await page.getByLabel('PIN').fill('1111');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const lock = page.getByTestId('lock-screen');
    await lock.waitFor({ timeout: 30_000 });
    expect(await lock.textContent()).toContain('Ana typed a wrong PIN 5 times and is locked at this lane');
    await shootBothLanguages(page, 'supervisor-lock-screen');

    // HQ has every failure and the lock, naming the employee.
    await expect.poll(async () => (await audits('sign-in.failed')).length, { timeout: 40_000 }).toBe(5);
    await expect.poll(async () => (await audits('sign-in.locked')).length, { timeout: 40_000 }).toBe(1);
    const failed = await audits('sign-in.failed');
    expect(failed.every((a) => a.employeeId === 'emp-ana')).toBe(true);
    expect(failed.map((a) => a.facts.failures).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await audits('sign-in.locked'))[0]).toMatchObject({
      employeeId: 'emp-ana',
      facts: { failures: 5 },
    });

    // The right PIN does not get past a lock; Ana cannot unlock herself; the supervisor's PIN on the keypad does.
    await page.getByRole('button', { name: 'Supervisor unlock' }).click();
    await approval().waitFor();
    await shootBothLanguages(page, 'supervisor-approval');
    await approveWithPin(PIN);
    await approval()
      .getByRole('alert')
      .filter({ hasText: 'No supervisor has this PIN.' })
      .waitFor({ timeout: 30_000 });
    for (const digit of SUPERVISOR.pin)
      await approval().getByRole('button', { name: digit, exact: true }).click();
    await approval().getByRole('button', { name: 'OK' }).click();
    await lock.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Open shift' }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await audits('sign-in.unlocked')).length, { timeout: 40_000 }).toBe(1);
    expect((await audits('sign-in.unlocked'))[0]).toMatchObject({
      employeeId: 'emp-ana',
      approvedBy: 'emp-bo',
    });
    expect((await audits('approval.refused')).some((a) => a.facts.refusal === 'wrong-pin')).toBe(true);
  }, 180_000);

  it('opens the shift with the float counted by denomination', async () => {
    shootOnFailure('float');
    await page.getByLabel('Count of €50.00').fill('1');
    await page.getByLabel('Count of €20.00').fill('2');
    await page.getByLabel('Count of €1.00').fill('10');
    await expect.poll(() => page.getByTestId('float-total').textContent()).toBe('€100.00');
    await shootBothLanguages(page, 'supervisor-open-shift');
    await page.getByRole('button', { name: 'Open shift' }).click();
    await expect
      .poll(() => page.getByTestId('link-status').textContent(), { timeout: 20_000 })
      .toBe('Online');
    await shootBothLanguages(page, 'supervisor-function-keys');
    await expect
      .poll(async () => (await docs<{ openingFloat: number }>('shifts')).map((s) => s.openingFloat), {
        timeout: 40_000,
      })
      .toEqual([10_000]);
    await expect.poll(async () => (await audits('shift.open')).length, { timeout: 40_000 }).toBe(1);
    expect((await audits('shift.open'))[0]!.facts).toMatchObject({
      openingFloat: 10_000,
      'count.5000': 1,
      'count.2000': 2,
      'count.100': 10,
    });
  }, 120_000);

  it('reprints the last receipt on demand, marked REPRINT by the printer', async () => {
    shootOnFailure('reprint');
    await scan(GTIN.milk);
    await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('button', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Next customer' }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('Receipt printed.');
    await page.getByRole('button', { name: 'Next customer' }).click();
    const before = (await receipts()).length;
    await page.keyboard.press('F10');
    await message().filter({ hasText: 'reprinted' }).waitFor({ timeout: 30_000 });
    const after = await receipts();
    expect(after).toHaveLength(before + 1);
    const copy = after.at(-1)!.text;
    expect(copy).toContain('REPRINT');
    expect(copy).toContain('Whole milk 1 l');
    expect(after.at(-2)!.text).not.toContain('REPRINT');
    await expect.poll(async () => (await audits('receipt.reprint')).length, { timeout: 40_000 }).toBe(1);
  }, 120_000);

  it('post-voids a completed sale with a supervisor approval: the void reaches HQ once, audited', async () => {
    shootOnFailure('post-void');
    await expect.poll(async () => (await world.hqSales()).length, { timeout: 40_000 }).toBe(1);
    const [original] = await world.hqSales();
    const kicks = drawerKicks();
    await page.getByRole('button', { name: /Post-void/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Void a completed sale' });
    await dialog.getByTestId('void-candidate').first().waitFor({ timeout: 20_000 });
    await shootBothLanguages(page, 'supervisor-post-void');
    await dialog.getByTestId('void-candidate').first().click();
    await approval().getByLabel('Reason').fill('Customer changed their mind');
    await shootBothLanguages(page, 'supervisor-post-void-approval');
    await approveWithPin(PIN);
    await approval()
      .getByRole('alert')
      .filter({ hasText: 'No supervisor has this PIN.' })
      .waitFor({ timeout: 30_000 });
    await approveWithPin(SUPERVISOR.pin);
    await message().filter({ hasText: 'Sale voided: give back €1.19 in cash.' }).waitFor({ timeout: 30_000 });
    await shootBothLanguages(page, 'supervisor-post-void-done');
    expect(drawerKicks()).toBe(kicks + 1);
    expect((await receipts()).at(-1)!.text).toContain('VOID');

    await expect
      .poll(() => page.getByTestId('pending-sync').textContent(), { timeout: 40_000 })
      .toBe('All synced');
    const sales = await world.hqSales();
    const voids = sales.filter((s) => s.data.originalSaleId === original!.id);
    expect(voids).toHaveLength(1);
    expect(voids[0]!.data).toMatchObject({ kind: 'return', status: 'completed' });
    expect((voids[0]!.data.totals as { due: number }).due).toBe(119);
    await expect.poll(async () => (await audits('sale.post-void')).length, { timeout: 40_000 }).toBe(1);
    expect((await audits('sale.post-void'))[0]).toMatchObject({
      employeeId: 'emp-ana',
      approvedBy: 'emp-bo',
      subjectCollection: 'sales',
      subjectId: original!.id,
      facts: { voidId: voids[0]!.id, amount: 119, reason: 'Customer changed their mind' },
    });
    // A sale cannot be voided twice.
    await page.getByRole('button', { name: /Post-void/ }).click();
    await expect.poll(() => dialog.getByTestId('void-candidate').first().isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 120_000);

  it('post-voids a card sale: the card is refunded on the terminal, nothing leaves the drawer', async () => {
    shootOnFailure('post-void-card');
    const before = (await world.hqSales()).length;
    await scan(GTIN.milk);
    await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('button', { name: 'Card' }).click();
    await page.getByRole('button', { name: 'Next customer' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next customer' }).click();
    await expect.poll(async () => (await world.hqSales()).length, { timeout: 40_000 }).toBe(before + 1);
    const kicks = drawerKicks();
    await page.getByRole('button', { name: /Post-void/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Void a completed sale' });
    await dialog.getByTestId('void-candidate').first().waitFor({ timeout: 20_000 });
    await dialog.getByTestId('void-candidate').first().click();
    await approval().getByLabel('Reason').fill('Charged the wrong shopper');
    await approveWithPin(SUPERVISOR.pin);
    await message()
      .filter({ hasText: 'Sale voided: €1.19 refunded to the card or wallet it was paid with.' })
      .waitFor({ timeout: 60_000 });
    await shootBothLanguages(page, 'supervisor-post-void-card');
    expect(drawerKicks()).toBe(kicks);
    // The terminal refunded the payment once, by the original's POI transaction.
    const log = (await (await world.control('GET', '/devices/terminal-1/transactions')).json()) as {
      transactions: { type: string; minor: number; reversedMinor?: number }[];
    };
    expect(log.transactions.filter((x) => x.type === 'refund').map((x) => x.minor)).toEqual([119]);
    await expect
      .poll(
        async () =>
          (await world.hqSales()).filter(
            (s) => s.data.kind === 'return' && (s.data.tenders as { kind: string }[])[0]?.kind === 'card',
          ).length,
        { timeout: 40_000 },
      )
      .toBe(1);
  }, 120_000);

  it('no-sale, cash in and cash out each need the right role, open the drawer and are audited', async () => {
    shootOnFailure('cash');
    const kicks = drawerKicks();
    // No-sale: the supervisor scans their badge in the approval dialog.
    await page.keyboard.press('F7');
    await page.getByLabel('Reason').fill('Change for the next lane');
    await shootBothLanguages(page, 'supervisor-no-sale');
    await page.getByRole('button', { name: 'Ask for approval' }).click();
    await approval().waitFor();
    await scan(SUPERVISOR.badge);
    await message().filter({ hasText: 'Drawer opened (no sale), recorded.' }).waitFor({ timeout: 30_000 });
    // The badge was the approval's: the sale screen behind the dialog neither sold nor refused it.
    expect(await page.locator('.notice').count()).toBe(0);
    expect(drawerKicks()).toBe(kicks + 1);

    await page.getByRole('button', { name: /Cash in/ }).click();
    await page.getByLabel('Amount (EUR)').fill('20.00');
    await page.getByLabel('Reason').fill('Coins from the safe');
    await shootBothLanguages(page, 'supervisor-cash-in');
    await page.getByRole('button', { name: 'Ask for approval' }).click();
    await approveWithPin(SUPERVISOR.pin);
    await message().filter({ hasText: 'Cash in €20.00 recorded.' }).waitFor({ timeout: 30_000 });

    // Cash out needs a manager: the supervisor is refused, the manager approves.
    await page.getByRole('button', { name: /Cash out/ }).click();
    await page.getByLabel('Amount (EUR)').fill('5.00');
    await page.getByLabel('Reason').fill('Window cleaner');
    await page.getByRole('button', { name: 'Ask for approval' }).click();
    await approveWithPin(SUPERVISOR.pin);
    await approval()
      .getByRole('alert')
      .filter({ hasText: 'No manager has this PIN.' })
      .waitFor({ timeout: 30_000 });
    await shootBothLanguages(page, 'supervisor-cash-out-refused');
    await approveWithPin(MANAGER.pin);
    await message().filter({ hasText: 'Cash out €5.00 recorded.' }).waitFor({ timeout: 30_000 });
    expect(drawerKicks()).toBe(kicks + 3);

    await expect
      .poll(async () => (await docs<{ kind: string; amount: number }>('cash_movements')).length, {
        timeout: 40_000,
      })
      .toBe(2);
    const movements = await docs<{ kind: string; amount: number; employeeId: string; reason: string }>(
      'cash_movements',
    );
    expect(movements.map((m) => [m.kind, m.amount, m.employeeId]).sort()).toEqual([
      ['paid-in', 2000, 'emp-ana'],
      ['paid-out', 500, 'emp-ana'],
    ]);
    await expect.poll(async () => (await audits('cash.paid-out')).length, { timeout: 40_000 }).toBe(1);
    expect((await audits('drawer.no-sale'))[0]).toMatchObject({
      employeeId: 'emp-ana',
      approvedBy: 'emp-bo',
      facts: { reason: 'Change for the next lane', drawer: 'opened' },
    });
    expect((await audits('cash.paid-in'))[0]).toMatchObject({
      approvedBy: 'emp-bo',
      facts: { amount: 2000 },
    });
    expect((await audits('cash.paid-out'))[0]).toMatchObject({
      approvedBy: 'emp-cy',
      subjectCollection: 'cash_movements',
      facts: { amount: 500, reason: 'Window cleaner' },
    });
  }, 120_000);

  it('a price override and a basket discount with a manager approval are explained on screen and receipt', async () => {
    shootOnFailure('discount');
    await scan(GTIN.cola);
    await expect.poll(() => lines().count(), { timeout: 20_000 }).toBe(1);
    await page.keyboard.press('F2');
    await page.getByLabel('Value').fill('0.50');
    await page.getByLabel('Reason').fill('Dented can');
    await shootBothLanguages(page, 'supervisor-price-override');
    await page.getByRole('button', { name: 'Ask for approval' }).click();
    await approveWithPin(MANAGER.pin);
    await page.getByTestId('line-promotion').filter({ hasText: 'Price override: Dented can' }).waitFor();
    expect(await page.getByTestId('sale-total').textContent()).toBe('€0.50');

    await page.keyboard.press('F4');
    // F12 (pay) does not leave the sale while the discount dialog is open.
    await page.keyboard.press('F12');
    await page.getByLabel('Value').fill('10');
    await page.getByLabel('Reason').fill('Loyal customer');
    await shootBothLanguages(page, 'supervisor-basket-discount');
    await page.getByRole('button', { name: 'Ask for approval' }).click();
    await approveWithPin(MANAGER.pin);
    await expect.poll(() => page.getByTestId('sale-total').textContent()).toBe('€0.45');
    await shootBothLanguages(page, 'supervisor-discounted-sale');
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('button', { name: 'Cash' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('Receipt printed.');
    const printed = (await receipts()).at(-1)!.text;
    expect(printed).toContain('Price override: Dented can');
    expect(printed).toContain('Loyal customer');
    // Every reduction of the line is printed under it, and the receipt sums what the customer saved.
    expect(printed).toMatch(/Saved\s+0\.44/);
    await page.getByRole('button', { name: 'Next customer' }).click();
    await expect.poll(async () => (await audits('discount.basket')).length, { timeout: 40_000 }).toBe(1);
    expect((await audits('price.override'))[0]).toMatchObject({
      approvedBy: 'emp-cy',
      facts: { oldUnitPrice: 89, newUnitPrice: 50, discount: 39 },
    });
  }, 120_000);

  it('signs in by scanning a badge', async () => {
    shootOnFailure('badge');
    await page.getByRole('button', { name: 'Close shift' }).click();
    await page.getByRole('button', { name: 'Close shift and print Z' }).click();
    await page.getByRole('button', { name: 'Ana' }).waitFor({ timeout: 30_000 });
    await scan(SUPERVISOR.badge);
    await page.getByRole('heading', { name: 'Open shift' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.status-bar').textContent()).toContain('Bo');
    await expect
      .poll(async () => (await audits('sign-in')).map((a) => [a.employeeId, a.facts.method]), {
        timeout: 40_000,
      })
      .toEqual([
        ['emp-ana', 'pin'],
        ['emp-bo', 'badge'],
      ]);
  }, 90_000);
});
