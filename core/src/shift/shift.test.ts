import { describe, expect, it } from 'vitest';
import { expectOk } from '../result.js';
import { completeSale } from '../sale/complete-sale.js';
import { addManualDiscount } from '../sale/manual-discount.js';
import {
  env,
  newSale,
  product,
  products,
  promotion,
  reducedRate,
  T0,
  withLine,
} from '../sale/retail-fixtures.test-support.js';
import { createReturn } from '../sale/returns.js';
import { addTender } from '../sale/tenders.js';
import type { SaleDoc } from '../schemas/sales.js';
import type { ShiftDoc } from '../schemas/shifts.js';
import { recordCashMovement } from './cash-movement.js';
import { closeShift, openShift } from './shift-lifecycle.js';
import { xReport, zReport } from './shift-report.js';

const e = env([
  promotion('bread2', { kind: 'multi-buy', target: products('bread'), quantity: 2, price: 400 }),
]);
const bread = product('bread');
const milk = product('milk', { taxClass: 'reduced' });

function shift(id: string, deviceId: string): ShiftDoc {
  return expectOk(
    openShift({
      id,
      storeId: 'store-0042',
      deviceId,
      cashierId: 'emp-7',
      businessDay: '2025-11-23',
      currency: 'EUR',
      openingFloat: 15_000,
      openedAt: T0,
    }),
  );
}

function sale(
  id: string,
  shiftId: string,
  build: (s: SaleDoc) => SaleDoc,
  pay: (s: SaleDoc) => SaleDoc,
): SaleDoc {
  const s = build(newSale({ id, shiftId }));
  return expectOk(completeSale(pay(s), T0 + 1000));
}

describe('shift lifecycle', () => {
  it('opens with a float, refuses bad input, closes with a count by denomination', () => {
    expect(openShift({ ...shift('s', 'lane-1'), openingFloat: 100.5 })).toMatchObject({
      ok: false,
      reason: 'fraction-of-minor-unit',
    });
    expect(openShift({ ...shift('s', 'lane-1'), currency: 'EURO' })).toMatchObject({
      ok: false,
      reason: 'unknown-currency',
    });
    const closed = expectOk(
      closeShift(shift('s1', 'lane-1'), {
        closedAt: T0 + 8 * 3_600_000,
        closedBy: 'sup-1',
        count: [
          { value: 200, count: 10 },
          { value: 5000, count: 2 },
          { value: 10, count: 0 },
        ],
      }),
    );
    expect(closed.closingCount).toEqual({
      denominations: [
        { value: 5000, count: 2 },
        { value: 200, count: 10 },
      ],
      total: 12_000,
    });
    expect(closeShift(closed, { closedAt: T0, closedBy: 'x', count: [] })).toMatchObject({
      reason: 'shift-closed',
    });
    expect(
      closeShift(shift('s2', 'l'), { closedAt: T0, closedBy: 'x', count: [{ value: 7, count: 1 }] }),
    ).toMatchObject({
      reason: 'unknown-denomination',
    });
    expect(
      closeShift(shift('s2', 'l'), { closedAt: T0, closedBy: 'x', count: [{ value: 200, count: 2.5 }] }),
    ).toMatchObject({
      reason: 'invalid-count',
    });
    expect(
      recordCashMovement(closed, {
        id: 'm',
        kind: 'drop',
        amount: 100,
        reason: 'safe',
        employeeId: 'e',
        createdAt: T0,
      }),
    ).toMatchObject({
      reason: 'shift-closed',
    });
  });
});

describe('X and Z reports from the ledgers', () => {
  const s1 = shift('shift-1', 'lane-1');
  const s2 = shift('shift-2', 'lane-2');
  // Sale A on lane 1: 2 breads at 2.50 (2 for 4.00) + milk 1.09 = 5.09, cash 10.00 → change 4.91.
  const a = sale(
    '019ab0c0-0000-7000-8000-00000000000a',
    'shift-1',
    (s) =>
      withLine(withLine(s, 'l1', bread, 250, e, { quantity: 2 }), 'l2', milk, 109, e, { rate: reducedRate }),
    (s) => expectOk(addTender(s, { id: 't', kind: 'cash', amount: 1000 })),
  );
  // Sale B on lane 2: milk ×10 with a 1.00 manual basket discount = 9.90, card.
  const b = sale(
    '019ab0c0-0000-7000-8000-00000000000b',
    'shift-2',
    (s) =>
      expectOk(
        addManualDiscount(
          withLine(s, 'l1', milk, 109, e, { quantity: 10 }),
          { id: 'd', amount: 100, approvedBy: 'sup', reason: 'Goodwill' },
          e,
        ),
      ),
    (s) => expectOk(addTender(s, { id: 't', kind: 'card', amount: 990 })),
  );
  // Return of one bread from sale A on lane 1, refunded in cash: 2.00.
  const ret = (() => {
    const r = expectOk(
      createReturn({
        id: '019ab0c0-0000-7000-8000-0000000000c1',
        storeId: 'store-0042',
        deviceId: 'lane-1',
        shiftId: 'shift-1',
        cashierId: 'emp-7',
        businessDay: '2025-11-23',
        openedAt: T0 + 5000,
        original: a,
        priorReturns: [],
        items: [{ lineId: 'l1', quantity: 1 }],
      }),
    );
    return expectOk(
      completeSale(expectOk(addTender(r, { id: 'r', kind: 'cash', amount: r.totals.due })), T0 + 6000),
    );
  })();
  const open = newSale({ id: '019ab0c0-0000-7000-8000-0000000000ff', shiftId: 'shift-1' });
  const paidOut = expectOk(
    recordCashMovement(s1, {
      id: 'm1',
      kind: 'paid-out',
      amount: 500,
      reason: 'Window cleaner',
      employeeId: 'sup',
      createdAt: T0,
    }),
  );
  const drop = expectOk(
    recordCashMovement(s1, {
      id: 'm2',
      kind: 'drop',
      amount: 10_000,
      reason: 'Safe',
      employeeId: 'sup',
      createdAt: T0,
    }),
  );
  const sales = [a, b, ret, open];

  it('X report of the open lane-1 shift: expected cash from float, cash sales, refunds and movements', () => {
    const x = expectOk(xReport({ shifts: [s1], sales, movements: [paidOut, drop] }));
    expect(x.sales).toMatchObject({ count: 1, gross: 609, discount: 100, due: 509 });
    expect(x.returns).toMatchObject({ count: 1, due: 200 });
    expect(x.discounts).toMatchObject({
      promotions: 100,
      manual: 0,
      byPromotion: [{ promotionId: 'bread2', amount: 100 }],
    });
    expect(x.tenders).toEqual([{ kind: 'cash', received: 509, refunded: 200, net: 309 }]);
    expect(x.cash).toEqual({
      openingFloat: 15_000,
      sales: 509,
      refunds: 200,
      paidIn: 0,
      paidOut: 500,
      drops: 10_000,
      expected: 15_000 + 509 - 200 - 500 - 10_000,
    });
    expect(x.net).toBe(309);
  });

  it('Z report needs every shift closed, then sums both lanes with tax per rate and the variance', () => {
    expect(zReport({ shifts: [s1, s2], sales, movements: [] })).toMatchObject({
      ok: false,
      reason: 'shift-open',
    });
    const c1 = expectOk(
      closeShift(s1, {
        closedAt: T0,
        closedBy: 'sup',
        count: [
          { value: 1000, count: 4 },
          { value: 500, count: 1 },
          { value: 5, count: 1 },
        ],
      }),
    );
    const c2 = expectOk(
      closeShift(s2, { closedAt: T0, closedBy: 'sup', count: [{ value: 5000, count: 3 }] }),
    );
    expect(c1.status).toBe('closed');
    const z = expectOk(zReport({ shifts: [c1, c2], sales, movements: [paidOut, drop] }));
    expect(z.shiftIds).toEqual(['shift-1', 'shift-2']);
    expect(z.sales).toMatchObject({ count: 2, due: 509 + 990 });
    expect(z.discounts).toMatchObject({ promotions: 100, manual: 100 });
    // Tax per rate: sales minus the return, each figure summed from the documents.
    const bySale = (d: SaleDoc, id: string) => d.taxes.find((t) => t.taxRateId === id)?.tax ?? 0;
    expect(z.taxes.map((t) => [t.taxRateId, t.tax])).toEqual([
      ['fr-20', bySale(a, 'fr-20') - bySale(ret, 'fr-20')],
      ['fr-5.5', bySale(a, 'fr-5.5') + bySale(b, 'fr-5.5')],
    ]);
    expect(z.tenders).toEqual([
      { kind: 'cash', received: 509, refunded: 200, net: 309 },
      { kind: 'card', received: 990, refunded: 0, net: 990 },
    ]);
    const expected = 30_000 + 509 - 200 - 500 - 10_000;
    expect(z.cash).toMatchObject({ expected, counted: 4505 + 15_000, variance: 4505 + 15_000 - expected });
  });

  it('refuses shifts of two stores or currencies in one report', () => {
    expect(xReport({ shifts: [s1, { ...s2, storeId: 'other' }], sales, movements: [] })).toMatchObject({
      reason: 'mixed-stores',
    });
    expect(xReport({ shifts: [], sales, movements: [] })).toMatchObject({ reason: 'no-shifts' });
  });
});
