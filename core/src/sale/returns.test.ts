import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../result.js';
import type { SaleDoc } from '../schemas/sales.js';
import { completeSale } from './complete-sale.js';
import { addManualDiscount } from './manual-discount.js';
import { env, newSale, noTarget, product, promotion, T0, withLine } from './retail-fixtures.test-support.js';
import { createReturn, refundableTotal } from './returns.js';
import { addManualLine } from './sale-lines.js';
import { addTender } from './tenders.js';

const e = env([
  promotion('spend', { kind: 'basket-threshold', target: noTarget, threshold: 0, amount: 300 }),
]);
const shirt = product('shirt', { categoryId: 'apparel' });
const socks = product('socks', { categoryId: 'apparel' });

function paidSale(build: (s: SaleDoc) => SaleDoc): SaleDoc {
  const s = build(newSale());
  // A fully discounted basket is completed without a tender.
  const paid =
    s.totals.total === 0 ? s : expectOk(addTender(s, { id: 'pay', kind: 'card', amount: s.totals.total }));
  return expectOk(completeSale(paid, T0));
}

let seq = 0;
function returnOf(original: SaleDoc, prior: SaleDoc[], items: { lineId: string; quantity: number }[]) {
  seq += 1;
  return createReturn({
    id: `019ab0c0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    storeId: 'store-0042',
    deviceId: 'lane-2',
    shiftId: 'shift-2',
    cashierId: 'emp-8',
    businessDay: '2025-11-24',
    openedAt: T0 + 86_400_000,
    original,
    priorReturns: prior,
    items,
  });
}

function refund(r: SaleDoc): SaleDoc {
  // Giving back an item that cost nothing refunds nothing: no tender, and the return still completes.
  const paid =
    r.totals.due === 0 ? r : expectOk(addTender(r, { id: 'refund', kind: 'card', amount: r.totals.due }));
  return expectOk(completeSale(paid, T0));
}

describe('returns', () => {
  // Shirt 30.00 + 3 socks at 5.00 = 45.00, 3.00 off the basket: shirt pays 28.00, the socks 15.00 − 1.00.
  const sale = paidSale((s) =>
    withLine(withLine(s, 'l1', shirt, 3000, e), 'l2', socks, 500, e, { quantity: 3 }),
  );

  it('refunds what was actually paid for the line, basket discount prorated', () => {
    expect(sale.lines.map((l) => l.total)).toEqual([2800, 1400]);
    const r = expectOk(returnOf(sale, [], [{ lineId: 'l1', quantity: 1 }]));
    expect(r).toMatchObject({ kind: 'return', originalSaleId: sale.id, status: 'open' });
    expect(r.lines[0]).toMatchObject({ originalLineId: 'l1', quantity: 1, total: 2800, tax: 467 });
    expect(r.totals).toMatchObject({ total: 2800, tax: 467, due: 2800 });
    expect(r.taxes).toEqual([{ taxRateId: 'fr-20', label: 'A 20%', rateBps: 2000, base: 2333, tax: 467 }]);
  });

  it('partial returns of one line never add up to more than was paid for it', () => {
    const r1 = refund(expectOk(returnOf(sale, [], [{ lineId: 'l2', quantity: 1 }])));
    const r2 = refund(expectOk(returnOf(sale, [r1], [{ lineId: 'l2', quantity: 1 }])));
    const r3 = refund(expectOk(returnOf(sale, [r1, r2], [{ lineId: 'l2', quantity: 1 }])));
    expect([r1, r2, r3].map((r) => r.totals.total)).toEqual([467, 466, 467]);
    expect(returnOf(sale, [r1, r2, r3], [{ lineId: 'l2', quantity: 1 }])).toMatchObject({
      ok: false,
      reason: 'return-exceeds-sold',
    });
    expect(refundableTotal(sale, [r1, r2, r3])).toBe(2800);
  });

  it('refuses what cannot be returned, naming why', () => {
    expect(returnOf(sale, [], [{ lineId: 'l2', quantity: 4 }])).toMatchObject({
      reason: 'return-exceeds-sold',
    });
    expect(returnOf(sale, [], [{ lineId: 'l2', quantity: -1 }])).toMatchObject({
      reason: 'negative-quantity',
    });
    expect(returnOf(sale, [], [{ lineId: 'nope', quantity: 1 }])).toMatchObject({ reason: 'unknown-line' });
    expect(returnOf(sale, [], [])).toMatchObject({ reason: 'empty-return' });
    expect(returnOf(newSale(), [], [{ lineId: 'l1', quantity: 1 }])).toMatchObject({
      reason: 'original-not-completed',
    });
    const r = expectOk(returnOf(sale, [], [{ lineId: 'l1', quantity: 1 }]));
    expect(addTender(r, { id: 'x', kind: 'card', amount: 2801 })).toMatchObject({
      reason: 'tender-exceeds-balance',
    });
    expect(completeSale(r, T0)).toMatchObject({ reason: 'refund-incomplete' });
    expect(addManualDiscount(r, { id: 'd', amount: 1, approvedBy: 's', reason: 'r' }, e)).toMatchObject({
      reason: 'not-a-return',
    });
  });

  it('open returns and returns of other sales do not use up what can be returned', () => {
    const open = expectOk(returnOf(sale, [], [{ lineId: 'l2', quantity: 3 }]));
    expect(expectOk(returnOf(sale, [open], [{ lineId: 'l2', quantity: 3 }])).totals.total).toBe(1400);
  });

  it('whatever the sequence of partial returns, refunds never exceed what was paid, and reach it exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.integer({ min: 1, max: 5000 }), q: fc.integer({ min: 1, max: 7 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 0, max: 2000 }),
        fc.array(fc.record({ line: fc.nat(4), q: fc.integer({ min: 1, max: 4 }) }), { maxLength: 12 }),
        (lines, basketOff, attempts) => {
          const e2 = env([
            promotion('off', { kind: 'basket-threshold', target: noTarget, threshold: 0, amount: basketOff }),
          ]);
          const original = paidSale((s0) => {
            let s = s0;
            lines.forEach((l, i) => {
              s = withLine(s, `l${i}`, product(`p${i}`), l.a, e2, { quantity: l.q });
            });
            return expectOk(
              addManualLine(
                s,
                {
                  lineId: 'zz',
                  description: 'Bag',
                  unitPrice: 10,
                  taxRate: {
                    id: 'fr-20',
                    storeId: '*',
                    taxClass: 'standard',
                    rateBps: 2000,
                    label: 'A 20%',
                    validFrom: 0,
                    createdAt: 0,
                  },
                  approvedBy: 'sup',
                },
                e2,
              ),
            );
          });
          const done: SaleDoc[] = [];
          for (const a of attempts) {
            const l = original.lines[a.line % original.lines.length]!;
            const r = returnOf(original, done, [{ lineId: l.id, quantity: a.q }]);
            if (r.ok) done.push(refund(r.value));
          }
          const refunded = done.reduce((t, r) => t + r.totals.total, 0);
          expect(refunded).toBeLessThanOrEqual(original.totals.total);
          for (const l of original.lines) {
            const back = done.flatMap((r) => r.lines).filter((x) => x.originalLineId === l.id);
            expect(back.reduce((t, x) => t + x.quantity, 0)).toBeLessThanOrEqual(l.quantity);
            expect(back.reduce((t, x) => t + x.total, 0)).toBeLessThanOrEqual(l.total);
          }
          const rest = original.lines
            .map((l) => ({
              lineId: l.id,
              quantity:
                l.quantity -
                done
                  .flatMap((r) => r.lines)
                  .filter((x) => x.originalLineId === l.id)
                  .reduce((t, x) => t + x.quantity, 0),
            }))
            .filter((i) => i.quantity > 0);
          if (rest.length > 0) done.push(refund(expectOk(returnOf(original, done, rest))));
          expect(done.reduce((t, r) => t + r.totals.total, 0)).toBe(original.totals.total);
          expect(done.reduce((t, r) => t + r.totals.tax, 0)).toBe(original.totals.tax);
        },
      ),
      { numRuns: 60 },
    );
  });
});
