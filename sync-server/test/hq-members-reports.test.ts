import { randomBytes } from 'node:crypto';
import { type LoyaltyEntryDoc, pointsBalance, uuidv7 as uuidv7At } from '@storefloor/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { admin, buildHqApp, engines, enrollDevice } from './hq-harness.js';

const { engines: available } = await engines();
const uuidv7 = (): string => uuidv7At(Date.now(), (n) => randomBytes(n));

type Headers = { authorization: string };

function sale(
  storeId: string,
  deviceId: string,
  businessDay: string,
  kind: 'sale' | 'return',
  lines: { productId: string; quantity: number; unitPrice: number; rateBps: number }[],
  tender: 'cash' | 'card',
  cashGiven?: number,
) {
  const docLines = lines.map((line, i) => {
    const gross = line.unitPrice * line.quantity;
    const tax = Math.round((gross * line.rateBps) / (10_000 + line.rateBps));
    return {
      id: `L${i}`,
      entry: 'scanned',
      productId: line.productId,
      description: line.productId,
      unit: 'each',
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxClass: 'standard',
      taxRateId: `T${line.rateBps}`,
      taxRateBps: line.rateBps,
      taxLabel: `${line.rateBps / 100}%`,
      categoryId: '',
      productGroupId: '',
      ageRestriction: 0,
      voided: false,
      gross,
      discount: 0,
      amount: gross,
      tax,
      total: gross,
      adjustments: [],
    };
  });
  const total = docLines.reduce((sum, line) => sum + line.total, 0);
  const tax = docLines.reduce((sum, line) => sum + line.tax, 0);
  const rates = new Map<number, { base: number; tax: number }>();
  for (const line of docLines) {
    const rate = rates.get(line.taxRateBps) ?? { base: 0, tax: 0 };
    rate.base += line.amount - line.tax;
    rate.tax += line.tax;
    rates.set(line.taxRateBps, rate);
  }
  const paid = cashGiven ?? total;
  return {
    id: uuidv7(),
    storeId,
    deviceId,
    shiftId: 'shift-1',
    cashierId: 'E1',
    kind,
    status: 'completed',
    businessDay,
    currency: 'EUR',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    openedAt: 1_740_000_000_000,
    completedAt: 1_740_000_060_000,
    lines: docLines,
    manualDiscounts: [],
    promotions: [],
    taxes: [...rates].map(([bps, r]) => ({
      taxRateId: `T${bps}`,
      label: `${bps / 100}%`,
      rateBps: bps,
      ...r,
    })),
    tenders: [{ id: 'T1', kind: tender, amount: paid }],
    totals: {
      gross: total,
      discount: 0,
      tax,
      total,
      cashRounding: 0,
      due: total,
      paid,
      change: paid - total,
    },
  };
}

describe.each(available)('members and reports on $name', (engine) => {
  let app: FastifyInstance;
  let db: Database;
  let dispose: () => Promise<void>;
  let lane: { deviceId: string; headers: Headers };
  let otherStoreLane: { deviceId: string; headers: Headers };

  const push = async (headers: Headers, collection: string, docs: object[]) => {
    const response = await app.inject({
      method: 'POST',
      url: `/sync/${collection}/push`,
      headers,
      payload: docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual([]);
  };

  beforeAll(async () => {
    ({ db, dispose } = await engine.open());
    app = await buildHqApp(db);
    lane = await enrollDevice(app, 'S1');
    otherStoreLane = await enrollDevice(app, 'S2');
    const members = [
      'id,storeId,cardNumber,name,tier,phone,email',
      'M1,S1,CARD-0001,jane doe,gold,+49 170 1234567,jane@example.com',
      'M2,S1,CARD-0002,Émile Zola,standard,+33 6 12 34 56 78,',
      'M3,S2,CARD-0001,Card Thief,standard,,',
    ].join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/admin/import/members',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: members,
    });
    expect(imported.json()).toMatchObject({
      accepted: 2,
      rejected: [{ line: 4, reason: expect.stringMatching(/^card-in-use/), field: 'cardNumber' }],
    });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await dispose();
  }, 60_000);

  it('a lane of another store looks a member up masked, by card or phone', async () => {
    const byCard = await app.inject({
      url: '/api/members/lookup?card=CARD-0001',
      headers: otherStoreLane.headers,
    });
    expect(byCard.statusCode, byCard.body).toBe(200);
    expect(byCard.json()).toEqual({
      members: [
        {
          id: 'M1',
          homeStoreId: 'S1',
          nameInitial: 'J.',
          phoneLast4: '4567',
          tier: 'gold',
          pointsBalance: 0,
        },
      ],
    });
    expect(byCard.body).not.toMatch(/jane|doe|1234567|example/i);
    const byPhone = await app.inject({
      url: `/api/members/lookup?phone=${encodeURIComponent('+33612345678')}`,
      headers: lane.headers,
    });
    expect(byPhone.json().members).toEqual([
      expect.objectContaining({ id: 'M2', nameInitial: 'É.', phoneLast4: '5678' }),
    ]);
    const none = await app.inject({ url: '/api/members/lookup?card=NOPE', headers: lane.headers });
    expect([none.statusCode, none.json().error.code]).toEqual([404, 'member-not-found']);
    const both = await app.inject({
      url: '/api/members/lookup?card=CARD-0001&phone=12345',
      headers: lane.headers,
    });
    expect([both.statusCode, both.json().error.code]).toEqual([400, 'member-lookup-invalid']);
    const asAdmin = await app.inject({ url: '/api/members/lookup?card=CARD-0001', headers: admin });
    expect(asAdmin.statusCode).toBe(401);
  });

  it('points balance is the sum of ledger entries; a re-pushed entry counts once', async () => {
    const entry = (
      storeId: string,
      deviceId: string,
      kind: 'points-earned' | 'points-spent',
      points: number,
    ): LoyaltyEntryDoc => ({
      id: uuidv7(),
      storeId,
      kind,
      memberId: 'M1',
      saleId: '',
      couponCode: '',
      points,
      deviceId,
      employeeId: 'E1',
      createdAt: 1_740_000_000_000,
    });
    const earnHome = entry('S1', lane.deviceId, 'points-earned', 500);
    const earnAway = entry('S2', otherStoreLane.deviceId, 'points-earned', 300);
    const spendAway = entry('S2', otherStoreLane.deviceId, 'points-spent', -120);
    // A coupon in the same ledger carries no points and leaves the balance alone.
    const coupon: LoyaltyEntryDoc = {
      id: uuidv7(),
      storeId: 'S2',
      kind: 'coupon-redeemed',
      memberId: 'M1',
      saleId: uuidv7(),
      couponCode: 'WELCOME-5',
      promotionId: 'promo-welcome',
      discountAmount: 500,
      currency: 'EUR',
      deviceId: otherStoreLane.deviceId,
      employeeId: 'E1',
      createdAt: 1_740_000_000_000,
    };
    await push(lane.headers, 'loyalty_entries', [earnHome]);
    await push(otherStoreLane.headers, 'loyalty_entries', [earnAway, spendAway, coupon]);
    // The away lane was offline and retries the same batch: same ids, a no-op.
    await push(otherStoreLane.headers, 'loyalty_entries', [earnAway, spendAway, coupon]);
    const balance = await app.inject({ url: '/api/admin/members/M1/points', headers: admin });
    expect(balance.json()).toEqual({
      memberId: 'M1',
      balance: 680,
      entries: 3,
      byKind: { 'points-earned': 800, 'points-spent': -120 },
    });
    // HQ's figure is core's definition of the balance over what the lanes wrote.
    expect(balance.json().balance).toBe(pointsBalance([earnHome, earnAway, spendAway, coupon, earnAway]));
    const lookup = await app.inject({
      url: '/api/members/lookup?card=CARD-0001',
      headers: otherStoreLane.headers,
    });
    expect(lookup.json().members[0].pointsBalance).toBe(680);
  });

  it('sales report totals equal the sum of the sales pushed by the lanes', async () => {
    const day = '2025-03-01';
    const s1 = [
      sale(
        'S1',
        lane.deviceId,
        day,
        'sale',
        [{ productId: 'P1', quantity: 2, unitPrice: 1299, rateBps: 1900 }],
        'card',
      ),
      sale(
        'S1',
        lane.deviceId,
        day,
        'sale',
        [
          { productId: 'P1', quantity: 1, unitPrice: 1299, rateBps: 1900 },
          { productId: 'P2', quantity: 3, unitPrice: 249, rateBps: 700 },
        ],
        'cash',
        5000,
      ),
      sale(
        'S1',
        lane.deviceId,
        day,
        'return',
        [{ productId: 'P2', quantity: 1, unitPrice: 249, rateBps: 700 }],
        'cash',
      ),
      sale(
        'S1',
        lane.deviceId,
        '2025-03-02',
        'sale',
        [{ productId: 'P2', quantity: 1, unitPrice: 249, rateBps: 700 }],
        'card',
      ),
    ];
    const open = {
      ...sale(
        'S1',
        lane.deviceId,
        day,
        'sale',
        [{ productId: 'P1', quantity: 9, unitPrice: 1299, rateBps: 1900 }],
        'card',
      ),
      status: 'open',
    };
    await push(lane.headers, 'sales', [...s1, open]);
    await push(otherStoreLane.headers, 'sales', [
      sale(
        'S2',
        otherStoreLane.deviceId,
        day,
        'sale',
        [{ productId: 'P1', quantity: 1, unitPrice: 1299, rateBps: 1900 }],
        'card',
      ),
    ]);
    // A re-push of the same completed sales is a no-op and must not count twice.
    await push(lane.headers, 'sales', s1.slice(0, 2));

    const response = await app.inject({
      url: `/api/admin/reports/sales?from=${day}&to=${day}&storeId=S1`,
      headers: admin,
    });
    expect(response.statusCode, response.body).toBe(200);
    const [report, ...others] = response.json().days;
    expect(others).toEqual([]);
    const sales = s1.slice(0, 2);
    const sum = (docs: typeof s1, pick: (doc: (typeof s1)[number]) => number) =>
      docs.reduce((t, d) => t + pick(d), 0);
    expect(report.sales).toEqual({
      count: 2,
      gross: sum(sales, (d) => d.totals.gross),
      discount: 0,
      tax: sum(sales, (d) => d.totals.tax),
      total: sum(sales, (d) => d.totals.total),
    });
    expect(report.returns).toEqual({ count: 1, tax: s1[2]?.totals.tax, total: s1[2]?.totals.total });
    expect(report.net.total).toBe(report.sales.total - report.returns.total);
    expect(report.tenders).toEqual([
      { kind: 'card', taken: s1[0]?.totals.total, refunded: 0 },
      { kind: 'cash', taken: s1[1]?.totals.total, refunded: s1[2]?.totals.total },
    ]);
    const taxTotal = report.taxes.reduce((t: number, rate: { salesTax: number }) => t + rate.salesTax, 0);
    expect(taxTotal).toBe(report.sales.tax);
    expect(report.taxes.map((r: { rateBps: number }) => r.rateBps)).toEqual([700, 1900]);

    const products = await app.inject({
      url: `/api/admin/reports/products?from=${day}&to=${day}&storeId=S1`,
      headers: admin,
    });
    expect(products.json().rows).toEqual([
      expect.objectContaining({ productId: 'P1', kind: 'sale', quantity: 3, total: 3 * 1299 }),
      expect.objectContaining({ productId: 'P2', kind: 'return', quantity: 1, total: 249 }),
      expect.objectContaining({ productId: 'P2', kind: 'sale', quantity: 3, total: 3 * 249 }),
    ]);
    const bad = await app.inject({
      url: '/api/admin/reports/sales?from=2025-03-02&to=2025-03-01',
      headers: admin,
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid-report-query']);
  });

  it('stock on hand = the count checkpoint + movements it does not include', async () => {
    let sequence = 0;
    const line = { storeId: 'S1', productId: 'P1', unit: 'unit', deviceId: lane.deviceId, sourceId: '' };
    const movement = (kind: string, quantity: number) => ({
      ...line,
      id: uuidv7(),
      kind,
      quantity,
      deviceSequence: ++sequence,
      reason: '',
      employeeId: 'E1',
      occurredAt: 1_740_000_000_000,
    });
    const before = [movement('receipt', 100), movement('sale', 7), movement('sale', 3)];
    // The count is a line of the same ledger and takes the lane's next sequence; it includes the three before.
    const count = {
      ...line,
      id: uuidv7(),
      kind: 'count',
      quantity: 85,
      includes: [{ deviceId: lane.deviceId, deviceSequence: 3 }],
      deviceSequence: ++sequence,
      reason: 'cycle count',
      employeeId: 'E1',
      occurredAt: 1_740_000_100_000,
    };
    const after = [movement('sale', 4), movement('receipt', 20)];
    // Arrival order differs from the order on the lane: the count first, then the older movements.
    await push(lane.headers, 'stock_movements', [count]);
    await push(lane.headers, 'stock_movements', [...after, ...before]);
    // A sale line carrying a count's marks is refused with the field named.
    const bad = await app.inject({
      method: 'POST',
      url: '/sync/stock_movements/push',
      headers: lane.headers,
      payload: [{ assumedMasterState: null, newDocumentState: { ...movement('sale', 1), includes: [] } }],
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'invalid-document']);
    expect(bad.body).toMatch(/includes: not allowed for this kind/);
    const response = await app.inject({ url: '/api/admin/reports/stock?storeId=S1', headers: admin });
    expect(response.json().products).toEqual([
      expect.objectContaining({
        productId: 'P1',
        quantity: 85 - 4 + 20,
        countId: count.id,
        movementsApplied: 2,
      }),
    ]);
  });

  it('day-end status shows lanes without pushes and whether the Z report arrived', async () => {
    const shift = (status: 'open' | 'closed') => ({
      id: uuidv7(),
      storeId: 'S1',
      deviceId: lane.deviceId,
      cashierId: 'E1',
      status,
      businessDay: '2025-03-01',
      currency: 'EUR',
      openingFloat: 10_000,
      openedAt: 1_740_000_000_000,
      ...(status === 'closed' ? { closedAt: 1_740_030_000_000, closedBy: 'E1' } : {}),
    });
    const openShift = shift('open');
    await push(lane.headers, 'shifts', [openShift]);
    const idle = await enrollDevice(app, 'S1');
    const status = async () =>
      (
        await app.inject({
          url: '/api/admin/reports/day-end?businessDay=2025-03-01&storeId=S1',
          headers: admin,
        })
      ).json().stores[0];
    const before = await status();
    expect(before).toMatchObject({
      storeId: 'S1',
      shifts: { open: 1, closed: 0 },
      zReportReceived: false,
      complete: false,
    });
    expect(before.devices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ deviceId: lane.deviceId, stale: false, missingStockMovements: 0 }),
        expect.objectContaining({ deviceId: idle.deviceId, stale: true, lastPushAt: null }),
      ]),
    );
    await app.inject({
      method: 'POST',
      url: '/sync/shifts/push',
      headers: lane.headers,
      payload: [
        {
          assumedMasterState: openShift,
          newDocumentState: { ...openShift, status: 'closed', closedAt: 1_740_030_000_000, closedBy: 'E1' },
        },
      ],
    });
    const after = await status();
    expect(after).toMatchObject({ shifts: { open: 0, closed: 1 }, zReportReceived: true, complete: false });
    await app.inject({ method: 'DELETE', url: `/api/admin/devices/${idle.deviceId}`, headers: admin });
    expect((await status()).complete).toBe(true);
  });
});
