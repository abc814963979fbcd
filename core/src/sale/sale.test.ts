import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceInForce } from '../catalog/price-in-force.js';
import { expectOk } from '../result.js';
import type { SaleDoc } from '../schemas/sales.js';
import { cancelSale, completeSale, verifyAge } from './complete-sale.js';
import { addManualDiscount, identifyMember } from './manual-discount.js';
import { openSale } from './open-sale.js';
import { cashBalanceDue } from './recompute-sale.js';
import {
  env,
  newSale,
  noTarget,
  price,
  product,
  products,
  promotion,
  reducedRate,
  standardRate,
  T0,
  withLine,
} from './retail-fixtures.test-support.js';
import { addManualLine, addProductLine, changeQuantity, voidLine } from './sale-lines.js';
import { addTender, removeTender } from './tenders.js';

const e = env();
const milk = product('milk', { taxClass: 'reduced', categoryId: 'dairy', gtins: ['3017620422003'] });
const wine = product('wine', { ageRestriction: 18, categoryId: 'wine' });
const bananas = product('bananas', { unit: 'weight', plu: '4011', taxClass: 'reduced' });

describe('building a sale', () => {
  it('adds scanned, weighed and manual lines, with totals from the money module', () => {
    let s = newSale();
    s = withLine(s, 'l1', milk, 109, e, { quantity: 2 });
    s = withLine(s, 'l2', bananas, 199, e, { weightGrams: 1234 });
    s = expectOk(
      addManualLine(
        s,
        { lineId: 'l3', description: 'Flowers', unitPrice: 500, taxRate: standardRate, approvedBy: 'sup-1' },
        e,
      ),
    );
    expect(s.lines.map((l) => [l.gross, l.amount, l.tax, l.total])).toEqual([
      [218, 218, 11, 218],
      [246, 246, 13, 246],
      [500, 500, 83, 500],
    ]);
    expect(s.totals).toMatchObject({ gross: 964, discount: 0, tax: 107, total: 964, due: 964, paid: 0 });
    expect(s.taxes).toEqual([
      { taxRateId: 'fr-20', label: 'A 20%', rateBps: 2000, base: 417, tax: 83 },
      { taxRateId: 'fr-5.5', label: 'B 5.5%', rateBps: 550, base: 440, tax: 24 },
    ]);
  });

  it('in a tax-exclusive store, tax is added on top', () => {
    let s = newSale({ currency: 'USD', taxMode: 'exclusive' });
    const usd = expectOk(priceInForce(milk, 'store-0042', T0, [price('milk', 1000, { currency: 'USD' })]));
    s = expectOk(
      addProductLine(
        s,
        { lineId: 'l1', entry: 'scanned', product: milk, price: usd, taxRate: reducedRate },
        e,
      ),
    );
    expect(s.lines[0]).toMatchObject({ amount: 1000, tax: 55, total: 1055 });
    expect(s.totals.total).toBe(1055);
  });

  it('changes quantities and voids lines, keeping voided lines on record', () => {
    let s = withLine(newSale(), 'l1', milk, 109, e);
    s = expectOk(changeQuantity(s, 'l1', 3, e));
    expect(s.totals.total).toBe(327);
    s = expectOk(voidLine(s, 'l1', 'emp-7', e));
    expect(s.lines[0]).toMatchObject({ voided: true, voidedBy: 'emp-7', total: 0 });
    expect(s.totals.total).toBe(0);
    expect(changeQuantity(s, 'l1', 2, e)).toMatchObject({ ok: false, reason: 'line-voided' });
  });

  it('refuses bad input with a typed reason naming the field', () => {
    const s = newSale();
    const pr = expectOk(priceInForce(milk, 'store-0042', T0, [price('milk', 109)]));
    const add = (over: object) =>
      addProductLine(
        s,
        { lineId: 'x', entry: 'scanned', product: milk, price: pr, taxRate: reducedRate, ...over },
        e,
      );
    expect(add({ quantity: -2 })).toMatchObject({ ok: false, reason: 'negative-quantity', path: 'quantity' });
    expect(add({ quantity: 1.5 })).toMatchObject({ ok: false, reason: 'invalid-quantity' });
    expect(add({ weightGrams: 100 })).toMatchObject({ ok: false, reason: 'weight-not-allowed' });
    expect(add({ taxRate: standardRate })).toMatchObject({ ok: false, reason: 'tax-class-mismatch' });
    expect(add({ price: { ...pr, currency: 'CHF' } })).toMatchObject({
      ok: false,
      reason: 'currency-mismatch',
    });
    const bp = expectOk(priceInForce(bananas, 'store-0042', T0, [price('bananas', 199)]));
    expect(
      addProductLine(
        s,
        { lineId: 'b', entry: 'weighed', product: bananas, price: bp, taxRate: reducedRate },
        e,
      ),
    ).toMatchObject({ ok: false, reason: 'weight-required' });
    const manual = (over: object) =>
      addManualLine(
        s,
        {
          lineId: 'm',
          description: 'Misc',
          unitPrice: 100,
          taxRate: standardRate,
          approvedBy: 'sup',
          ...over,
        },
        e,
      );
    expect(manual({ approvedBy: '' })).toMatchObject({ ok: false, reason: 'approval-required' });
    expect(manual({ unitPrice: 99.5 })).toMatchObject({
      ok: false,
      reason: 'fraction-of-minor-unit',
      path: 'unitPrice',
    });
    expect(manual({ unitPrice: -100 })).toMatchObject({ ok: false, reason: 'negative-amount' });
    expect(openSale({ ...s, currency: 'EUX', cashRoundingStep: 1 })).toMatchObject({
      ok: false,
      reason: 'unknown-currency',
    });
    const withL = withLine(s, 'dup', milk, 109, e);
    expect(
      addProductLine(
        withL,
        { lineId: 'dup', entry: 'scanned', product: milk, price: pr, taxRate: reducedRate },
        e,
      ),
    ).toMatchObject({ ok: false, reason: 'duplicate-line-id' });
  });
});

describe('discounts on the sale', () => {
  it('promotions and manual discounts land on the lines with their explanation', () => {
    const e2 = env([
      promotion('milk2', { kind: 'multi-buy', target: products('milk'), quantity: 2, price: 180 }),
    ]);
    let s = withLine(newSale(), 'l1', milk, 109, e2, { quantity: 2 });
    s = withLine(s, 'l2', wine, 1000, e2);
    s = expectOk(
      addManualDiscount(
        s,
        { id: 'd1', lineId: 'l2', amount: 100, approvedBy: 'sup-1', reason: 'Label torn' },
        e2,
      ),
    );
    expect(s.lines[0]!.adjustments).toEqual([
      { source: 'promotion', promotionId: 'milk2', label: 'Promo milk2', amount: 38 },
    ]);
    expect(s.lines[1]!.adjustments).toMatchObject([
      { source: 'manual-line', amount: 100, approvedBy: 'sup-1' },
    ]);
    expect(s.promotions).toEqual([{ promotionId: 'milk2', label: 'Promo milk2', amount: 38 }]);
    expect(s.totals).toMatchObject({ gross: 1218, discount: 138, total: 1080 });
    expect(addManualDiscount(s, { id: 'd2', amount: 100, approvedBy: '', reason: 'x' }, e2)).toMatchObject({
      ok: false,
      reason: 'approval-required',
    });
    expect(
      addManualDiscount(s, { id: 'd3', amount: 100, percentBps: 100, approvedBy: 's', reason: 'x' }, e2),
    ).toMatchObject({ ok: false, reason: 'invalid-discount' });
  });

  it('identifying a member applies member prices from then on', () => {
    let s = withLine(newSale(), 'l1', milk, 109, e, { memberAmount: 99, quantity: 2 });
    expect(s.totals.total).toBe(218);
    s = expectOk(identifyMember(s, 'mem-1001', e));
    expect(s.totals).toMatchObject({ gross: 218, discount: 20, total: 198 });
  });
});

describe('paying', () => {
  it('gives change on cash only', () => {
    let s = withLine(newSale(), 'l1', wine, 1299, e);
    s = expectOk(verifyAge(s, 'emp-7'));
    expect(addTender(s, { id: 't1', kind: 'card', amount: 1300 })).toMatchObject({
      ok: false,
      reason: 'tender-exceeds-balance',
    });
    s = expectOk(addTender(s, { id: 't1', kind: 'cash', amount: 2000 }));
    expect(s.totals).toMatchObject({ due: 1299, paid: 2000, change: 701, cashRounding: 0 });
    s = expectOk(completeSale(s, T0 + 60_000));
    expect(s).toMatchObject({ status: 'completed', completedAt: T0 + 60_000 });
  });

  it('splits between card and cash, rounding the cash part to 0.05 in CHF', () => {
    let s = newSale({ currency: 'CHF' });
    const chf = expectOk(priceInForce(milk, 'store-0042', T0, [price('milk', 1233, { currency: 'CHF' })]));
    s = expectOk(
      addProductLine(
        s,
        { lineId: 'l1', entry: 'scanned', product: milk, price: chf, taxRate: reducedRate },
        e,
      ),
    );
    s = expectOk(addTender(s, { id: 't1', kind: 'card', amount: 1000, reference: 'AUTH42' }));
    expect(cashBalanceDue(s)).toBe(235);
    s = expectOk(addTender(s, { id: 't2', kind: 'cash', amount: 235 }));
    expect(s.totals).toMatchObject({ total: 1233, cashRounding: 2, due: 1235, paid: 1235, change: 0 });
    expect(expectOk(completeSale(s, T0)).status).toBe('completed');
  });

  it('refuses to complete an unpaid sale, an empty one, or an unverified age-restricted one', () => {
    const s = withLine(newSale(), 'l1', wine, 1000, e);
    expect(completeSale(newSale(), T0)).toMatchObject({ ok: false, reason: 'empty-sale' });
    const part = expectOk(addTender(s, { id: 't', kind: 'card', amount: 500 }));
    expect(completeSale(part, T0)).toMatchObject({ ok: false, reason: 'insufficient-payment' });
    const paid = expectOk(addTender(part, { id: 't2', kind: 'wallet', amount: 500 }));
    expect(completeSale(paid, T0)).toMatchObject({ ok: false, reason: 'age-verification-required' });
    expect(cancelSale(paid, T0)).toMatchObject({ ok: false, reason: 'tenders-present' });
    const back = expectOk(removeTender(expectOk(removeTender(paid, 't')), 't2'));
    expect(expectOk(cancelSale(back, T0)).status).toBe('cancelled');
  });

  it('a completed sale refuses every change with a typed error', () => {
    let s = withLine(newSale(), 'l1', milk, 109, e);
    s = expectOk(addTender(s, { id: 't', kind: 'cash', amount: 200 }));
    const done = expectOk(completeSale(s, T0));
    const refused = { ok: false, reason: 'sale-completed' };
    expect(withLineResult(done)).toMatchObject(refused);
    expect(changeQuantity(done, 'l1', 2, e)).toMatchObject(refused);
    expect(voidLine(done, 'l1', 'emp', e)).toMatchObject(refused);
    expect(addTender(done, { id: 't2', kind: 'cash', amount: 1 })).toMatchObject(refused);
    expect(removeTender(done, 't')).toMatchObject(refused);
    expect(addManualDiscount(done, { id: 'd', amount: 1, approvedBy: 's', reason: 'r' }, e)).toMatchObject(
      refused,
    );
    expect(completeSale(done, T0 + 1)).toMatchObject(refused);
    expect(cancelSale(done, T0 + 1)).toMatchObject(refused);
    expect(identifyMember(done, 'm', e)).toMatchObject(refused);
  });
});

function withLineResult(s: SaleDoc) {
  const pr = expectOk(priceInForce(milk, 'store-0042', T0, [price('milk', 109)]));
  return addProductLine(
    s,
    { lineId: 'new', entry: 'scanned', product: milk, price: pr, taxRate: reducedRate },
    e,
  );
}

describe('sale invariants', () => {
  const catalogue = [
    milk,
    product('bread'),
    product('cheese', { unit: 'weight' }),
    product('cola', { productGroupId: 'drinks' }),
  ];
  const promos = [
    promotion('bread3', { kind: 'multi-buy', target: products('bread'), quantity: 3, price: 500 }),
    promotion('drinks', { kind: 'mix-match', productGroupId: 'drinks', quantity: 2, price: 150 }),
    promotion('spend', { kind: 'basket-threshold', target: noTarget, threshold: 2000, amount: 300 }),
  ];
  const steps = fc.array(
    fc.record({
      product: fc.integer({ min: 0, max: catalogue.length - 1 }),
      amount: fc.integer({ min: 1, max: 5000 }),
      quantity: fc.integer({ min: 1, max: 6 }),
      grams: fc.integer({ min: 1, max: 2000 }),
    }),
    { minLength: 1, maxLength: 25 },
  );

  it('line totals sum to the sale total, tax summary to the total tax, in every tax setting', () => {
    fc.assert(
      fc.property(
        steps,
        fc.constantFrom('inclusive', 'exclusive'),
        fc.constantFrom('line', 'document'),
        (adds, taxMode, taxRounding) => {
          const e2 = env(promos);
          let s = newSale({ taxMode: taxMode as 'inclusive', taxRounding: taxRounding as 'line' });
          adds.forEach((a, i) => {
            const p = catalogue[a.product]!;
            s = withLine(
              s,
              `l${String(i).padStart(3, '0')}`,
              p,
              a.amount,
              e2,
              p.unit === 'weight' ? { weightGrams: a.grams } : { quantity: a.quantity },
            );
          });
          const live = s.lines.filter((l) => !l.voided);
          expect(live.reduce((t, l) => t + l.total, 0)).toBe(s.totals.total);
          expect(s.taxes.reduce((t, x) => t + x.tax, 0)).toBe(s.totals.tax);
          expect(live.reduce((t, l) => t + l.tax, 0)).toBe(s.totals.tax);
          expect(s.totals.gross - s.totals.discount).toBe(live.reduce((t, l) => t + l.amount, 0));
          for (const l of live) expect(l.amount).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 80 },
    );
  });
});
