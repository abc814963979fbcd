import {
  addManualLine,
  addTender,
  completeSale,
  indexPromotions,
  openSale,
  type PricingEnv,
  type SaleDoc,
  type TaxRateDoc,
} from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { completePostVoid, openPostVoid, type PostVoidInput } from './post-void.js';

/** The void of a cash sale as the dialog makes it: opened, nothing to give back but cash, completed. */
function postVoid(input: PostVoidInput & { tenderId: string }) {
  const opened = openPostVoid(input);
  return opened.ok ? completePostVoid(opened.value.open, input.tenderId, input.now) : opened;
}

const T0 = Date.UTC(2026, 2, 3, 10);
const env: PricingEnv = { promotions: indexPromotions([]), instant: T0, weekday: 2, minuteOfDay: 600 };
const rate: TaxRateDoc = {
  id: 'tax-a',
  storeId: '*',
  taxClass: 'standard',
  rateBps: 2300,
  label: 'A 23%',
  validFrom: 0,
  createdAt: 0,
};

function completed(tenders: { kind: 'cash' | 'card'; amount: number }[], cashRoundingStep = 1): SaleDoc {
  const opened = openSale({
    id: 'sale-1',
    storeId: 's1',
    deviceId: 'lane-1',
    shiftId: 'shift-1',
    cashierId: 'ana',
    businessDay: '2026-03-03',
    currency: 'EUR',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep,
    openedAt: T0,
  });
  if (!opened.ok) throw new Error(opened.reason);
  let sale = opened.value;
  for (const [i, price] of [119, 89].entries()) {
    const r = addManualLine(
      sale,
      {
        lineId: `l${i}`,
        description: `item ${i}`,
        unitPrice: price,
        quantity: i + 1,
        taxRate: rate,
        approvedBy: 'bo',
      },
      env,
    );
    if (!r.ok) throw new Error(r.reason);
    sale = r.value;
  }
  for (const [i, t] of tenders.entries()) {
    const r = addTender(sale, { id: `t${i}`, ...t });
    if (!r.ok) throw new Error(r.reason);
    sale = r.value;
  }
  const done = completeSale(sale, T0 + 1);
  if (!done.ok) throw new Error(done.reason);
  return done.value;
}

const input = (original: SaleDoc, priorReturns: SaleDoc[] = []) => ({
  id: 'void-1',
  tenderId: 'void-1-cash',
  original,
  priorReturns,
  storeId: 's1',
  deviceId: 'lane-1',
  shiftId: 'shift-2',
  cashierId: 'ana',
  businessDay: '2026-03-03',
  now: T0 + 60_000,
});

describe('post-void of a completed sale', () => {
  it('is a completed return of every line, refunding in cash exactly what was paid', () => {
    const sale = completed([{ kind: 'cash', amount: 500 }]);
    expect(sale.totals.due).toBe(119 + 2 * 89);
    const voided = postVoid(input(sale));
    expect(voided.ok).toBe(true);
    if (!voided.ok) return;
    expect(voided.value).toMatchObject({
      id: 'void-1',
      kind: 'return',
      status: 'completed',
      originalSaleId: 'sale-1',
      shiftId: 'shift-2',
      deviceId: 'lane-1',
    });
    expect(voided.value.lines.map((l) => [l.originalLineId, l.quantity, l.total])).toEqual([
      ['l0', 1, 119],
      ['l1', 2, 178],
    ]);
    expect(voided.value.tenders).toEqual([{ id: 'void-1-cash', kind: 'cash', amount: 297 }]);
    expect(voided.value.totals.tax).toBe(sale.totals.tax);
  });

  it('refuses a sale already partly returned, and a return', () => {
    const cash = completed([{ kind: 'cash', amount: 297 }]);
    const once = postVoid(input(cash));
    if (!once.ok) throw new Error(once.reason);
    expect(postVoid({ ...input(cash, [once.value]), id: 'void-2' })).toMatchObject({
      ok: false,
      reason: 'already-returned',
    });
    expect(postVoid(input(once.value))).toMatchObject({ ok: false, reason: 'not-a-return' });
  });

  it('follows the cash rounding of the store (CHF-like step of 5)', () => {
    const sale = completed([{ kind: 'cash', amount: 300 }], 5);
    const voided = postVoid(input(sale));
    if (!voided.ok) throw new Error(voided.reason);
    expect(voided.value.tenders[0]?.amount).toBe(voided.value.totals.due);
    expect(voided.value.totals.due % 5).toBe(0);
  });

  it('opens the void of a card + cash sale with what goes back to each tender, and completes it in cash', () => {
    const sale = completed([
      { kind: 'card', amount: 200 },
      { kind: 'cash', amount: 100 },
    ]);
    const opened = openPostVoid(input(sale));
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.value.parts.map((p) => [p.kind, p.amount, p.originalTenderId])).toEqual([
      ['card', 200, 't0'],
      ['cash', 97, 't1'],
    ]);
    // The card part went back on the terminal (a tender of the lane's refund); the rest leaves the drawer.
    const cardBack = addTender(opened.value.open, { id: 'refund-card', kind: 'card', amount: 200 });
    if (!cardBack.ok) throw new Error(cardBack.reason);
    const done = completePostVoid(cardBack.value, 'void-cash', T0 + 60_000);
    if (!done.ok) throw new Error(done.reason);
    expect(done.value.status).toBe('completed');
    expect(done.value.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['card', 200],
      ['cash', 97],
    ]);
  });
});
