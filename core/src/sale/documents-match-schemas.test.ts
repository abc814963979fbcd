import Ajv from 'ajv';
import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../result.js';
import {
  type CashMovementDoc,
  cashMovementsIsFinal,
  cashMovementsSchema,
} from '../schemas/cash-movements.js';
import { pricesSchema } from '../schemas/prices.js';
import { productsSchema } from '../schemas/products.js';
import { promotionsSchema } from '../schemas/promotions.js';
import { type SaleDoc, salesIsFinal, salesSchema } from '../schemas/sales.js';
import { shiftsIsFinal, shiftsSchema } from '../schemas/shifts.js';
import { taxRatesSchema } from '../schemas/tax-rates.js';
import { recordCashMovement } from '../shift/cash-movement.js';
import { closeShift, openShift } from '../shift/shift-lifecycle.js';
import { completeSale, verifyAge } from './complete-sale.js';
import { addManualDiscount, identifyMember } from './manual-discount.js';
import {
  categories,
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
import { createReturn } from './returns.js';
import { addManualLine } from './sale-lines.js';
import { addTender } from './tenders.js';

const schemas = {
  products: productsSchema,
  prices: pricesSchema,
  promotions: promotionsSchema,
  taxRates: taxRatesSchema,
  sales: salesSchema,
  shifts: shiftsSchema,
  cashMovements: cashMovementsSchema,
};

// RxDB's keywords (primaryKey, indexes, version) are not JSON Schema: strict mode off, as RxDB's validator does.
const ajv = new Ajv({ strict: false, allErrors: true });
function valid(schema: object, doc: unknown): string {
  const validate = ajv.compile(schema);
  return validate(doc) ? 'valid' : ajv.errorsText(validate.errors);
}

describe('retail document schemas', () => {
  it.each(Object.entries(schemas))('%s passes RxDB dev-mode schema checks', (_name, schema) => {
    expect(() => checkSchema(structuredClone(schema) as never)).not.toThrow();
  });

  const promos = [
    promotion(
      'wine10',
      { kind: 'percent-off', target: categories('wine'), percentBps: 1000 },
      { memberOnly: true },
    ),
    promotion('milk3', { kind: 'multi-buy', target: products('milk'), quantity: 3, price: 250 }),
    promotion(
      'spend',
      { kind: 'basket-threshold', target: noTarget, threshold: 1000, amount: 150 },
      { exclusive: true },
    ),
  ];

  function completedSale(): SaleDoc {
    const e = env(promos);
    let s = newSale({ cashRoundingStep: 5 });
    s = withLine(s, 'l1', product('milk', { taxClass: 'reduced' }), 109, e, {
      quantity: 4,
      rate: reducedRate,
    });
    s = withLine(s, 'l2', product('wine', { categoryId: 'wine', ageRestriction: 18 }), 1290, e, {
      memberAmount: 1190,
    });
    s = withLine(s, 'l3', product('apples', { unit: 'weight', taxClass: 'reduced' }), 349, e, {
      weightGrams: 1234,
      rate: reducedRate,
    });
    s = expectOk(
      addManualLine(
        s,
        { lineId: 'l4', description: 'Bouquet', unitPrice: 995, taxRate: standardRate, approvedBy: 'sup-1' },
        e,
      ),
    );
    s = expectOk(identifyMember(s, 'mem-1001', e));
    s = expectOk(
      addManualDiscount(
        s,
        { id: 'd1', lineId: 'l4', percentBps: 1000, approvedBy: 'sup-1', reason: 'Wilted' },
        e,
      ),
    );
    s = expectOk(verifyAge(s, 'emp-7'));
    s = expectOk(addTender(s, { id: 't1', kind: 'card', amount: 1000, reference: 'AUTH-1' }));
    s = expectOk(addTender(s, { id: 't2', kind: 'cash', amount: 5000 }));
    return expectOk(completeSale(s, T0 + 90_000));
  }

  it('a completed sale made by the domain is a valid SaleDoc, and final', () => {
    const sale = completedSale();
    expect(valid(salesSchema, sale)).toBe('valid');
    expect(sale.lines.some((l) => l.adjustments.some((a) => a.source === 'promotion'))).toBe(true);
    expect(sale.totals.change).toBeGreaterThan(0);
    expect(salesIsFinal(sale)).toBe(true);
    expect(salesIsFinal(newSale())).toBe(false);
    // JSON round trip loses nothing: the document is plain data.
    expect(JSON.parse(JSON.stringify(sale))).toEqual(sale);
  });

  it('a return made by the domain is a valid SaleDoc in the same collection', () => {
    const sale = completedSale();
    const r = expectOk(
      createReturn({
        id: '019ab0c0-0000-7000-8000-0000000000a1',
        storeId: 'store-0042',
        deviceId: 'lane-1',
        shiftId: 'shift-1',
        cashierId: 'emp-7',
        businessDay: '2025-11-23',
        openedAt: T0,
        original: sale,
        priorReturns: [],
        items: [{ lineId: 'l1', quantity: 2 }],
      }),
    );
    const done = expectOk(
      completeSale(expectOk(addTender(r, { id: 'r1', kind: 'cash', amount: r.totals.due })), T0),
    );
    expect(valid(salesSchema, done)).toBe('valid');
    expect(done).toMatchObject({ kind: 'return', originalSaleId: sale.id });
  });

  it('shifts, cash movements and master data fixtures are valid documents', () => {
    const shift = expectOk(
      openShift({
        id: 'shift-1',
        storeId: 'store-0042',
        deviceId: 'lane-1',
        cashierId: 'emp-7',
        businessDay: '2025-11-23',
        currency: 'EUR',
        openingFloat: 15_000,
        openedAt: T0,
      }),
    );
    const move: CashMovementDoc = expectOk(
      recordCashMovement(shift, {
        id: 'm1',
        kind: 'paid-in',
        amount: 2000,
        reason: 'Change',
        employeeId: 'sup',
        createdAt: T0,
      }),
    );
    const closed = expectOk(
      closeShift(shift, { closedAt: T0, closedBy: 'sup', count: [{ value: 5000, count: 3 }] }),
    );
    expect(valid(shiftsSchema, shift)).toBe('valid');
    expect(valid(shiftsSchema, closed)).toBe('valid');
    expect([shiftsIsFinal(shift), shiftsIsFinal(closed)]).toEqual([false, true]);
    expect(valid(cashMovementsSchema, move)).toBe('valid');
    expect(cashMovementsIsFinal(move)).toBe(true);
    expect(valid(productsSchema, product('milk', { gtins: ['3017620422003'], plu: '4011' }))).toBe('valid');
    expect(valid(pricesSchema, price('milk', 109, { memberAmount: 99 }))).toBe('valid');
    for (const p of promos) expect(valid(promotionsSchema, p)).toBe('valid');
    expect(valid(taxRatesSchema, standardRate)).toBe('valid');
  });

  it('the schemas refuse fractions of a minor unit and unknown shapes', () => {
    expect(valid(pricesSchema, price('milk', 109.5))).not.toBe('valid');
    expect(
      valid(promotionsSchema, promotion('x', { kind: 'percent-off', target: noTarget, amount: 5 } as never)),
    ).not.toBe('valid');
    const sale = completedSale();
    expect(valid(salesSchema, { ...sale, totals: { ...sale.totals, total: 10.5 } })).not.toBe('valid');
  });
});
