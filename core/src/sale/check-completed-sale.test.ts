import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../result.js';
import type { SaleDoc } from '../schemas/sales.js';
import { validateDocument } from '../schemas/validate.js';
import { checkCompletedSale } from './check-completed-sale.js';
import { completeSale } from './complete-sale.js';
import { addManualDiscount, identifyMember } from './manual-discount.js';
import { balanceDue, cashBalanceDue } from './recompute-sale.js';
import {
  categories,
  env,
  newSale,
  noTarget,
  product,
  products,
  promotion,
  standardRate,
  T0,
  withLine,
} from './retail-fixtures.test-support.js';
import { createReturn } from './returns.js';
import { addManualLine, voidLine } from './sale-lines.js';
import { addTender } from './tenders.js';

const catalogue = [
  product('milk', { taxClass: 'reduced', categoryId: 'dairy' }),
  product('bread'),
  product('cheese', { unit: 'weight', taxClass: 'reduced' }),
  product('cola', { productGroupId: 'drinks' }),
  product('yoghurt', { taxClass: 'reduced', categoryId: 'dairy' }),
];
const promos = [
  promotion('bread3', { kind: 'multi-buy', target: products('bread'), quantity: 3, price: 500 }),
  promotion('drinks', { kind: 'mix-match', productGroupId: 'drinks', quantity: 2, price: 150 }),
  promotion('spend', { kind: 'basket-threshold', target: noTarget, threshold: 2000, amount: 300 }),
  promotion('dairy', { kind: 'percent-off', target: categories('dairy'), percentBps: 1000 }),
];
const e = env(promos);

function pay(s: SaleDoc, cashFirst: boolean): SaleDoc {
  let paid = s;
  if (!cashFirst && paid.totals.total > 1) {
    paid = expectOk(addTender(paid, { id: 'card', kind: 'card', amount: Math.floor(paid.totals.total / 2) }));
  }
  const cash = cashBalanceDue(paid);
  if (cash > 0) paid = expectOk(addTender(paid, { id: 'cash', kind: 'cash', amount: cash + 250 }));
  // A rest that cash rounding takes to nothing (0.01 at a 0.05 step) is paid by card.
  const rest = balanceDue(paid);
  if (paid.totals.paid < paid.totals.due && rest > 0) {
    paid = expectOk(addTender(paid, { id: 'rest', kind: 'card', amount: rest }));
  }
  return expectOk(completeSale(paid, T0 + 60_000));
}

/** A completed sale built only through core's own operations, from seeded random steps. */
const completedSales = fc
  .record({
    adds: fc.array(
      fc.record({
        product: fc.integer({ min: 0, max: catalogue.length - 1 }),
        amount: fc.integer({ min: 1, max: 5000 }),
        quantity: fc.integer({ min: 1, max: 6 }),
        grams: fc.integer({ min: 1, max: 2000 }),
        member: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    taxMode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
    taxRounding: fc.constantFrom('line' as const, 'document' as const),
    cashRoundingStep: fc.constantFrom(1, 5, 10),
    voidFirst: fc.boolean(),
    manual: fc.boolean(),
    basketDiscount: fc.integer({ min: 0, max: 300 }),
    member: fc.boolean(),
    cashFirst: fc.boolean(),
  })
  .map((plan) => {
    let s = newSale({
      taxMode: plan.taxMode,
      taxRounding: plan.taxRounding,
      cashRoundingStep: plan.cashRoundingStep,
    });
    plan.adds.forEach((a, i) => {
      const p = catalogue[a.product]!;
      s = withLine(s, `l${String(i).padStart(2, '0')}`, p, a.amount, e, {
        ...(p.unit === 'weight' ? { weightGrams: a.grams } : { quantity: a.quantity }),
        ...(a.member === undefined ? {} : { memberAmount: a.member }),
      });
    });
    if (plan.manual) {
      s = expectOk(
        addManualLine(
          s,
          {
            lineId: 'm1',
            description: 'Flowers',
            unitPrice: 799,
            taxRate: standardRate,
            approvedBy: 'sup-1',
          },
          e,
        ),
      );
    }
    if (plan.voidFirst && s.lines.length > 1) s = expectOk(voidLine(s, s.lines[0]!.id, 'sup-1', e));
    if (plan.member) s = expectOk(identifyMember(s, 'mem-1', e));
    if (plan.basketDiscount > 0 && s.totals.total > plan.basketDiscount) {
      s = expectOk(
        addManualDiscount(
          s,
          { id: 'd1', amount: plan.basketDiscount, approvedBy: 'sup-1', reason: 'Goodwill' },
          e,
        ),
      );
    }
    return pay(s, plan.cashFirst);
  });

describe('checkCompletedSale', () => {
  it('accepts every sale core itself completed: promotions, member prices, voids, manual lines, split tenders', () => {
    fc.assert(
      fc.property(completedSales, (sale) => {
        expect(validateDocument('sales', sale).ok).toBe(true);
        expect(checkCompletedSale(sale)).toEqual({ ok: true, value: sale });
      }),
      { numRuns: 300 },
    );
  });

  it('accepts the returns core makes of them', () => {
    fc.assert(
      fc.property(completedSales, (sale) => {
        const live = sale.lines.filter((l) => !l.voided);
        const r = expectOk(
          createReturn({
            id: '019ab0c0-0000-7000-8000-00000000f001',
            storeId: sale.storeId,
            deviceId: 'lane-2',
            shiftId: 'shift-2',
            cashierId: 'emp-8',
            businessDay: '2025-11-24',
            openedAt: T0 + 86_400_000,
            original: sale,
            priorReturns: [],
            items: [{ lineId: live[0]!.id, quantity: 1 }],
          }),
        );
        const refunded =
          r.totals.due === 0
            ? r
            : expectOk(addTender(r, { id: 'refund', kind: 'card', amount: r.totals.due }));
        const done = expectOk(completeSale(refunded, T0 + 86_460_000));
        expect(checkCompletedSale(done)).toMatchObject({ ok: true });
      }),
      { numRuns: 60 },
    );
  });

  // The example: lines adding to 9.95, a total of 9 × 10^12.
  const sale = pay(
    withLine(withLine(newSale(), 'l1', catalogue[1]!, 500, e), 'l2', catalogue[0]!, 495, e),
    false,
  );

  it('refuses a total the lines do not add up to, naming the rule', () => {
    expect(sale.totals.total).toBe(945);
    const tampered = { ...sale, totals: { ...sale.totals, total: 9_000_000_000_000 } };
    const result = checkCompletedSale(tampered);
    expect(result).toMatchObject({ ok: false, reason: 'sale-inconsistent', path: 'totals.total' });
    expect(result.ok || result.detail).toContain('sum of the lines’ totals');
  });

  it('names the first broken rule of each kind of tampering', () => {
    const line0 = sale.lines[0]!;
    const cases: [string, SaleDoc][] = [
      ['lines[0].gross', { ...sale, lines: [{ ...line0, unitPrice: 1 }, ...sale.lines.slice(1)] }],
      ['lines[0].discount', { ...sale, lines: [{ ...line0, discount: 5 }, ...sale.lines.slice(1)] }],
      ['lines[0].tax', { ...sale, lines: [{ ...line0, tax: line0.tax + 1 }, ...sale.lines.slice(1)] }],
      ['lines[1].taxRateBps', { ...sale, lines: [line0, { ...sale.lines[1]!, taxRateId: line0.taxRateId }] }],
      ['taxes', { ...sale, taxes: [] }],
      ['totals.paid', { ...sale, tenders: sale.tenders.slice(1) }],
      ['totals.change', { ...sale, totals: { ...sale.totals, change: sale.totals.change + 100 } }],
      [
        'promotions',
        {
          ...sale,
          lines: [
            { ...line0, adjustments: [{ source: 'promotion', promotionId: 'ghost', label: 'x', amount: 0 }] },
            ...sale.lines.slice(1),
          ],
        },
      ],
      ['completedAt', { ...sale, completedAt: undefined } as unknown as SaleDoc],
      [
        'totals',
        {
          ...sale,
          lines: [{ ...line0, unitPrice: Number.MAX_SAFE_INTEGER, quantity: 7 }, ...sale.lines.slice(1)],
        },
      ],
    ];
    for (const [path, tampered] of cases) {
      expect(checkCompletedSale(tampered), path).toMatchObject({ ok: false, path });
    }
  });

  it('refuses a completed sale paid short, however consistent its figures', () => {
    const underpaid = withLine(newSale(), 'l1', catalogue[1]!, 500, e);
    const stated = { ...underpaid, status: 'completed' as const, completedAt: T0 };
    expect(checkCompletedSale(stated)).toMatchObject({ ok: false, path: 'status' });
  });
});
