import { join } from 'node:path';
import { type StockMovementDoc, stockOnHand, withGs1CheckDigit } from '@storefloor/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Lane } from '../../edge-agent/test/support/lane.js';
import { ARTIFACTS, shootBothLanguages } from './lane-harness.js';
import {
  BUSINESS_DAY,
  CASHIER_PIN,
  GTIN,
  MANAGER_PIN,
  type ManagerWorld,
  STORE_ID,
  startManagerWorld,
  type TillLane,
} from './manager-harness.js';

/**
 * The store manager's day-end in Chromium against the real edge agent (its process), HQ and hardware-sim.
 * Two lanes trade through the agent by real replication; lane 2 drops off the LAN mid-day and comes back
 * late. The bar stays short of 100 % until HQ confirms the day's counts and digests.
 */
describe('the manager closes the day', () => {
  let world: ManagerWorld;
  let page: Page;
  let lane1: TillLane;
  let lane2: TillLane;

  beforeAll(async () => {
    world = await startManagerWorld();
    page = await world.browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('pageerror', (e) => console.error('[page error]', e));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        console.error('[page]', m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  const shootOnFailure = (name: string) =>
    onTestFailed(async () => {
      await page.screenshot({ path: join(ARTIFACTS, `failed-manager-${name}.png`), fullPage: true });
    });
  const progress = async () =>
    Number.parseInt((await page.getByTestId('day-progress').textContent()) ?? '', 10);
  const hqAudits = async () =>
    (await world.hq.documents('audit_entries', STORE_ID)).map(
      (d) => d.data as { action: string; approvedBy: string },
    );

  it('signs in with a manager PIN only and watches the lanes trade on the dashboard', async () => {
    shootOnFailure('dashboard');
    await page.goto(world.manager.url);
    await page.getByLabel('注册码').fill(await world.laneCode());
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByRole('button', { name: 'Mia Manager' }).waitFor({ timeout: 60_000 });
    await page.locator('.status-bar select').selectOption('en');
    await shootBothLanguages(page, 'manager-sign-in');
    // Only managers are offered at the manager's screen, and a cashier's PIN does not open it.
    expect(await page.getByRole('button', { name: 'Ana', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Mia Manager' }).click();
    await page.getByLabel('PIN').fill(CASHIER_PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('PIN').fill(MANAGER_PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('dashboard').waitFor();

    lane1 = await world.till('lane 1');
    lane2 = await world.till('lane 2');
    await lane1.openShift('emp-ana', 10_000);
    await lane2.openShift('emp-mia', 10_000);
    await lane1.sell(
      [
        { product: 1, unitPrice: 250 },
        { product: 2, unitPrice: 199 },
      ],
      'cash',
    );
    await lane1.sell([{ product: 1, unitPrice: 250 }], 'card');
    await lane1.sell([{ product: 3, unitPrice: 320 }], 'cash');
    await lane2.sell([{ product: 2, unitPrice: 199 }], 'card');
    await lane1.settled();
    await lane2.settled();
    await expect.poll(() => page.getByTestId('kpi-sales').textContent(), { timeout: 30_000 }).toBe('4');
    await expect.poll(() => page.getByTestId('kpi-takings').textContent()).toBe('€12.18');
    await expect.poll(() => page.getByTestId('dashboard-lanes').locator('tbody tr').count()).toBe(2);
    await shootBothLanguages(page, 'manager-dashboard');
  });

  it("shows every lane's devices: the printer's paper pulled out in hardware-sim shows on the Devices screen", async () => {
    shootOnFailure('devices');
    await page.getByRole('button', { name: 'Devices', exact: true }).click();
    await page.getByTestId('devices').waitFor();
    // The manager's own page is a lane with a device host (hardware-sim's devices) and reports them; the two
    // tills of this test have no renderer, so the agent has never heard from them: offline.
    const own = page.locator('[data-testid="lane-devices"][data-online="true"]');
    const printer = own.getByTestId('device-printer');
    await expect.poll(() => printer.textContent(), { timeout: 30_000 }).toBe('online');
    expect(await own.getByTestId('device-scanner').textContent()).toBe('online');
    const till1 = page.locator('[data-testid="lane-devices"][data-lane="lane 1"]');
    expect(await till1.getByTestId('lane-heard').textContent()).toBe('never heard from');
    expect(await till1.getByTestId('lane-online').textContent()).toBe('offline');
    expect(await page.getByTestId('no-labels').textContent()).toBe('No shelf labels at this store.');
    expect(await page.getByRole('alert').count()).toBe(0);
    // An empty platter is a scale at rest; a weight that does not settle is shown.
    expect(await own.getByTestId('device-scale').textContent()).toBe('online');
    expect(
      (await world.control('PUT', '/devices/scale-1/weight', { grams: 480, stable: false })).status,
    ).toBe(200);
    await expect
      .poll(() => own.getByTestId('device-scale').textContent(), { timeout: 30_000 })
      .toBe('weight unstable');

    expect((await world.control('POST', '/devices/printer-1/fault', { kind: 'paper-near-end' })).status).toBe(
      200,
    );
    await expect.poll(() => printer.textContent(), { timeout: 30_000 }).toBe('paper low');
    expect((await world.control('POST', '/devices/printer-1/fault', { kind: 'paper-out' })).status).toBe(200);
    await expect.poll(() => printer.textContent(), { timeout: 30_000 }).toBe('paper out');
    // What the manager sees is what the agent was told by the lane.
    const reported = (await fetch(`${world.agent.url}/api/devices`, {
      headers: { authorization: `Bearer ${lane1.identity.token}` },
    }).then((r) => r.json())) as {
      lanes: { online: boolean; devices?: { role: string; reason?: string }[] }[];
    };
    expect(reported.lanes.find((l) => l.online)?.devices?.find((d) => d.role === 'printer')?.reason).toBe(
      'paper-out',
    );
    await shootBothLanguages(page, 'manager-devices-paper-out');

    await world.control('DELETE', '/devices/printer-1/fault');
    await world.control('PUT', '/devices/scale-1/weight', { grams: 0, stable: true });
    await expect.poll(() => printer.textContent(), { timeout: 30_000 }).toBe('online');
    await expect.poll(() => own.getByTestId('device-scale').textContent()).toBe('online');
    await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
  });

  it('waits for the offline lane and HQ, names the open sale, and needs the PIN for a cash difference', async () => {
    shootOnFailure('day-end');
    // Lane 2 loses the LAN and goes on selling; lane 1 leaves a sale open and closes its drawer 20.00 short.
    await lane2.offline();
    await lane2.sell([{ product: 1, unitPrice: 250 }], 'cash');
    await lane2.sell([{ product: 3, unitPrice: 320 }], 'card');
    await lane1.sell([{ product: 2, unitPrice: 199 }], 'card', 'open');
    // Expected in lane 1's drawer: 100.00 float + 4.49 + 3.20 cash = 107.69; counted 87.69.
    await lane1.closeShift([
      { value: 5000, count: 1 },
      { value: 2000, count: 1 },
      { value: 1000, count: 1 },
      { value: 500, count: 1 },
      { value: 200, count: 1 },
      { value: 50, count: 1 },
      { value: 10, count: 1 },
      { value: 5, count: 1 },
      { value: 2, count: 2 },
    ]);
    await lane1.settled();

    await page.getByRole('button', { name: 'Day-end close' }).click();
    await page.getByTestId('day-end').waitFor();
    const row1 = page.locator('[data-testid="day-lane"][data-lane="lane 1"]');
    const row2 = page.locator('[data-testid="day-lane"][data-lane="lane 2"]');
    await expect
      .poll(() => row1.getByTestId('lane-difference').textContent(), { timeout: 30_000 })
      .toContain('-€20.00');
    await expect.poll(() => row2.textContent()).toContain('open');
    await expect.poll(() => page.getByTestId('open-sale').textContent()).toContain('lane 1');
    expect(await progress()).toBeLessThan(100);
    await shootBothLanguages(page, 'manager-day-end-waiting');

    // The difference: a cashier's PIN does not sign it off, a manager's with a reason does (audited, at HQ).
    await row1.getByRole('button', { name: 'Approve difference' }).click();
    await page.getByLabel('Manager PIN').fill(CASHIER_PIN);
    await page.getByLabel('Reason').fill('float miscounted');
    await page.getByTestId('pin-dialog').getByRole('button', { name: 'Approve difference' }).click();
    await page.getByText('Not a manager’s PIN.').waitFor();
    await shootBothLanguages(page, 'manager-cash-difference-pin');
    await page.getByLabel('Manager PIN').fill(MANAGER_PIN);
    await page.getByTestId('pin-dialog').getByRole('button', { name: 'Approve difference' }).click();
    await row1.getByText('approved').waitFor();

    // The open sale: force-closed with a reason, audited.
    await page.getByTestId('open-sale').getByRole('button', { name: 'Force close' }).click();
    await page.getByLabel('Manager PIN').fill(MANAGER_PIN);
    await page.getByLabel('Reason').fill('shopper left the lane');
    await page.getByTestId('pin-dialog').getByRole('button', { name: 'Force close' }).click();
    await expect.poll(() => page.getByTestId('open-sale').count()).toBe(0);
    // The day-end decisions are audited beside the sign-ins (the cashier's PIN typed at the manager's screen
    // is there too, as a failed sign-in).
    const dayEndAudits = async () => (await hqAudits()).filter((a) => a.action.startsWith('day-end.'));
    await expect
      .poll(async () => (await dayEndAudits()).map((a) => a.action).sort(), { timeout: 30_000 })
      .toEqual(['day-end.cash-difference', 'day-end.force-close-sale']);
    expect((await dayEndAudits()).every((a) => a.approvedBy === 'emp-mia')).toBe(true);
    expect((await hqAudits()).map((a) => a.action)).toContain('sign-in.failed');
    expect(await progress()).toBeLessThan(100);
  });

  it('reaches 100 % only once lane 2 is back and HQ has confirmed the day, then prints the report', async () => {
    shootOnFailure('day-end-close');
    // HQ is down when lane 2 comes back late: everything is closed at the store, but HQ has not confirmed.
    await world.hq.stop();
    lane2.online();
    await lane2.closeShift([
      { value: 5000, count: 2 },
      { value: 200, count: 1 },
      { value: 50, count: 1 },
    ]);
    await lane2.settled();
    const row2 = page.locator('[data-testid="day-lane"][data-lane="lane 2"]');
    await expect.poll(() => row2.textContent(), { timeout: 30_000 }).toContain('closed');
    await expect.poll(() => page.getByTestId('hq-state').textContent()).toBe('HQ has not confirmed the day');
    expect(await progress()).toBeLessThan(100);
    expect(await progress()).toBeGreaterThan(0);
    await shootBothLanguages(page, 'manager-day-end-hq-down');

    await world.hq.start();
    await expect.poll(progress, { timeout: 60_000 }).toBe(100);
    await expect.poll(() => page.getByTestId('hq-state').textContent()).toBe('HQ confirmed the day');
    await expect.poll(() => page.getByTestId('day-closed').textContent()).toBe('Day closed');
    await page.getByRole('button', { name: 'Print day-end report' }).click();
    await page.getByText('Day-end report printed.').waitFor({ timeout: 20_000 });
    await shootBothLanguages(page, 'manager-day-end-closed');
    const day = await fetch(`${world.agent.url}/api/day/${BUSINESS_DAY}`, {
      headers: { authorization: `Bearer ${lane1.identity.token}` },
    }).then((r) => r.json() as Promise<{ complete: boolean }>);
    expect(day.complete).toBe(true);
  });

  it('counts a shelf and receives a delivery by scanning; on hand shows at the edge and at HQ', async () => {
    shootOnFailure('stock');
    const scan = async (code: string) => {
      const r = await world.control('POST', '/devices/scanner-1/scan', { code });
      expect(r.status, await r.clone().text()).toBe(200);
    };
    await page.getByRole('button', { name: 'Stock', exact: true }).click();
    await page.getByTestId('stock').waitFor();
    const milkOnHand = page.locator(
      '[data-testid="stock-row"][data-product="prod-000001"] [data-testid="on-hand"]',
    );
    await expect.poll(() => milkOnHand.textContent()).toBe('no stock lines');
    // An unknown product: a clear message and nothing added to the count.
    await scan(withGs1CheckDigit('400000139999'));
    await expect
      .poll(() => page.getByTestId('stock-notice').textContent())
      .toContain('No product has the code');
    expect(await page.getByTestId('stock-session').locator('tbody tr').count()).toBe(0);
    for (let i = 0; i < 3; i++) {
      await scan(GTIN.milk);
      await expect.poll(() => page.getByLabel('Quantity of Whole milk 1 l').inputValue()).toBe(String(i + 1));
    }
    await scan(GTIN.cola);
    await page.getByLabel('Quantity of Cola 330 ml').fill('5');
    await shootBothLanguages(page, 'manager-stock-count');
    await page.getByRole('button', { name: 'Save count' }).click();
    await expect.poll(() => milkOnHand.textContent()).toBe('3');

    // A delivery of 6 milk, scanned once and the quantity typed.
    await page.getByRole('button', { name: 'Receive a delivery' }).click();
    await scan(GTIN.milk);
    await page.getByLabel('Quantity of Whole milk 1 l').fill('6');
    await page.getByRole('button', { name: 'Save delivery' }).click();
    await expect.poll(() => milkOnHand.textContent()).toBe('9');
    await shootBothLanguages(page, 'manager-stock-on-hand');

    const onHandOf = (docs: StockMovementDoc[], productId: string) => {
      const r = stockOnHand(STORE_ID, productId, docs);
      return r.ok ? r.value.quantity : Number.NaN;
    };
    // At HQ, from its stored ledger.
    await expect
      .poll(
        async () => {
          const docs = (await world.hq.documents('stock_movements', STORE_ID)).map(
            (d) => d.data as unknown as StockMovementDoc,
          );
          return [onHandOf(docs, 'prod-000001'), onHandOf(docs, 'prod-000002')];
        },
        { timeout: 30_000 },
      )
      .toEqual([9, 5]);
    // At the edge: another lane's replica pulled from the agent.
    const edge = await Lane.open(lane1.identity);
    try {
      edge.replicate(world.agent.url);
      await expect
        .poll(
          async () => {
            const docs = (await edge.db.stock_movements.find().exec()).map(
              (d) => d.toJSON() as unknown as StockMovementDoc,
            );
            return [onHandOf(docs, 'prod-000001'), onHandOf(docs, 'prod-000002')];
          },
          { timeout: 30_000 },
        )
        .toEqual([9, 5]);
    } finally {
      await edge.close();
    }
  }, 120_000);
});
