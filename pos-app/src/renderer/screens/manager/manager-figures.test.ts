import type { SaleDoc, ShiftDoc } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { dashboardFigures, interventionsByAction } from './dashboard-figures.js';
import { CASH_DIFFERENCE_THRESHOLD, laneCash } from './lane-cash.js';
import { dayEndProgress, type StoreDayView } from './store-day.js';

const at = (h: number) => Date.UTC(2026, 5, 1, h, 30);
function sale(id: string, over: Partial<SaleDoc> & { due: number; cash?: number; card?: number }): SaleDoc {
  const { due, cash = 0, card = 0, ...rest } = over;
  return {
    id,
    storeId: 's',
    deviceId: 'lane-1',
    shiftId: 'shift-1',
    cashierId: 'e',
    kind: 'sale',
    status: 'completed',
    businessDay: '2026-06-01',
    currency: 'EUR',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    openedAt: at(9),
    completedAt: at(9),
    lines: [
      {
        id: `${id}-l`,
        entry: 'scanned',
        productId: 'p-milk',
        description: 'Milk',
        unit: 'each',
        quantity: 1,
        unitPrice: due,
        taxClass: 'reduced',
        taxRateId: 't',
        taxRateBps: 0,
        taxLabel: 'B',
        categoryId: 'c',
        productGroupId: '',
        ageRestriction: 0,
        voided: false,
        gross: due,
        discount: 0,
        adjustments: [],
        total: due,
      },
    ],
    manualDiscounts: [],
    promotions: [],
    taxes: [],
    tenders: [
      ...(cash ? [{ id: `${id}-c`, kind: 'cash' as const, amount: cash }] : []),
      ...(card ? [{ id: `${id}-k`, kind: 'card' as const, amount: card }] : []),
    ],
    totals: {
      gross: due,
      discount: 0,
      tax: 0,
      total: due,
      cashRounding: 0,
      due,
      tendered: cash + card,
      change: cash + card - due,
    },
    ...rest,
  } as SaleDoc;
}

describe('dashboard figures', () => {
  it('sums completed sales by hour, product and tender, cash net of change, and names open sales', () => {
    const f = dashboardFigures(
      [
        sale('a', { due: 250, cash: 500 }),
        sale('b', { due: 100, card: 100, completedAt: at(14) }),
        sale('c', { due: 999, status: 'open', deviceId: 'lane-2' }),
        sale('d', { due: 999, status: 'cancelled' }),
      ],
      { timeZone: 'UTC' },
    );
    expect(f.saleCount).toBe(2);
    expect(f.takings).toBe(350);
    expect(f.averageBasket).toBe(175);
    expect(f.byHour[9]).toEqual({ hour: 9, sales: 1, takings: 250 });
    expect(f.byHour[14]).toEqual({ hour: 14, sales: 1, takings: 100 });
    expect(f.topProducts).toEqual([{ productId: 'p-milk', description: 'Milk', quantity: 2, takings: 350 }]);
    expect(f.tenders.find((t) => t.kind === 'cash')?.amount).toBe(250);
    expect(f.tenders.find((t) => t.kind === 'card')?.amount).toBe(100);
    expect(f.openSales).toEqual([{ deviceId: 'lane-2', saleId: 'c' }]);
  });

  it('reads hours in the store time zone and rounds the average basket half-up', () => {
    const f = dashboardFigures([sale('a', { due: 100, card: 100 }), sale('b', { due: 101, card: 101 })], {
      timeZone: 'Asia/Shanghai',
    });
    expect(f.byHour[17]?.sales).toBe(2);
    expect(f.averageBasket).toBe(101);
  });

  it('counts kiosk interventions from audit entries and ignores other actions', () => {
    const e = (action: string) => ({ action }) as never;
    expect(
      interventionsByAction([e('kiosk.unexpected-item'), e('kiosk.unexpected-item'), e('price.override')]),
    ).toEqual([{ action: 'kiosk.unexpected-item', count: 2 }]);
  });
});

describe('lane cash at day-end', () => {
  const shift = (over: Partial<ShiftDoc>): ShiftDoc => ({
    id: 'shift-1',
    storeId: 's',
    deviceId: 'lane-1',
    cashierId: 'e',
    status: 'closed',
    businessDay: '2026-06-01',
    currency: 'EUR',
    openingFloat: 10000,
    openedAt: at(8),
    closedAt: at(20),
    closingCount: {
      denominations: [
        { value: 5000, count: 2 },
        { value: 100, count: 2 },
      ],
      total: 10200,
    },
    ...over,
  });
  it('sets expected (float + cash sales) against counted and asks approval above the threshold', () => {
    const c = laneCash('lane-1', {
      shifts: [shift({})],
      sales: [sale('a', { due: 250, cash: 500 })],
      movements: [],
    });
    expect(c.expected).toBe(10250);
    expect(c.counted).toBe(10200);
    expect(c.difference).toBe(-50);
    expect(c.needsApproval).toBe(false);
    expect(c.denominations).toEqual([
      { value: 5000, count: 2 },
      { value: 100, count: 2 },
    ]);
    const short = laneCash('lane-1', {
      shifts: [
        shift({
          closingCount: {
            denominations: [{ value: 5000, count: 2 }],
            total: 10000 - CASH_DIFFERENCE_THRESHOLD,
          },
        }),
      ],
      sales: [sale('a', { due: 250, cash: 500 })],
      movements: [],
    });
    expect(short.needsApproval).toBe(true);
  });
  it('has no count and no difference while the shift is open', () => {
    const c = laneCash('lane-1', {
      shifts: [shift({ status: 'open', closingCount: undefined })],
      sales: [],
      movements: [],
    });
    expect(c).toMatchObject({ closed: false, counted: null, difference: null, needsApproval: false });
  });
});

describe('day-end progress', () => {
  const day = (over: Partial<StoreDayView>): StoreDayView => ({
    storeId: 's',
    businessDay: '2026-06-01',
    lanes: [],
    pending: {},
    pendingTotal: 0,
    store: { sales: { count: 10, digest: 'x' }, shifts: { count: 2, digest: 'y' } },
    hq: { state: 'unknown', reason: 'hq-unreachable' },
    complete: false,
    ...over,
  });
  const lane = (status: string) => ({
    deviceId: status,
    label: status,
    revoked: false,
    pending: {},
    shifts: [
      { id: status, status, cashierId: 'e', openedAt: 0, closedAt: null, zReport: status === 'closed' },
    ],
  });
  it('stops short of 100 % while a lane is open or HQ has not confirmed, and reaches it only when complete', () => {
    const lanes = [lane('closed'), lane('open')];
    expect(dayEndProgress(day({ pendingTotal: 6 }), lanes).percent).toBe(Math.floor(24.5 + 49 * 0.5));
    expect(dayEndProgress(day({ hq: { state: 'confirmed' } }), lanes).percent).toBeLessThan(100);
    const closed = [lane('closed'), lane('closed')];
    expect(dayEndProgress(day({}), closed).percent).toBe(98);
    expect(dayEndProgress(day({ hq: { state: 'confirmed' }, complete: true }), closed).percent).toBe(100);
  });
});
