import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids/id-generator.js';
import { indexPromotions } from '../pricing/index.js';
import { expectOk } from '../result.js';
import { addManualLine, addTender, completeSale, openSale } from '../sale/index.js';
import { closeShift, openShift, recordCashMovement } from '../shift/index.js';
import { collections } from './collections.js';
import type { TaxRateDoc } from './tax-rates.js';
import { validateDocument } from './validate.js';

const T0 = 1_763_900_000_000;
const standardRate: TaxRateDoc = {
  id: 'tax-std',
  storeId: '*',
  taxClass: 'standard',
  rateBps: 2000,
  label: 'A 20%',
  validFrom: 0,
  createdAt: 0,
};

/** The registry accepts the transactions the domain (../sale, ../shift) builds, exactly as they are pushed. */
describe('documents made by the domain pass the registry', () => {
  const nextId = createIdGenerator({ now: () => T0 });

  it('a shift, its cash movement and its close', () => {
    const shift = expectOk(
      openShift({
        id: nextId(),
        storeId: 'store-0042',
        deviceId: 'lane-1',
        cashierId: 'emp-7',
        businessDay: '2025-11-23',
        currency: 'EUR',
        openingFloat: 15_000,
        openedAt: T0,
      }),
    );
    const move = expectOk(
      recordCashMovement(shift, {
        id: nextId(),
        kind: 'paid-in',
        amount: 2000,
        reason: 'Change',
        employeeId: 'sup-1',
        createdAt: T0,
      }),
    );
    const closed = expectOk(
      closeShift(shift, { closedAt: T0, closedBy: 'sup-1', count: [{ value: 5000, count: 3 }] }),
    );
    expect(validateDocument('shifts', { ...shift, _deleted: false })).toMatchObject({ ok: true });
    expect(validateDocument('shifts', closed)).toMatchObject({ ok: true });
    expect(validateDocument('cash_movements', move)).toMatchObject({ ok: true });
    expect(collections.shifts.isFinal?.(shift)).toBe(false);
    expect(collections.shifts.isFinal?.(closed)).toBe(true);
    // A transaction id that is not a device-made UUIDv7 is refused by the registry.
    expect(validateDocument('shifts', { ...shift, id: 'shift-1' })).toMatchObject({ ok: false, path: 'id' });
  });

  it('a completed sale', () => {
    let sale = expectOk(
      openSale({
        id: nextId(),
        storeId: 'store-0042',
        deviceId: 'lane-1',
        shiftId: nextId(),
        cashierId: 'emp-7',
        businessDay: '2025-11-23',
        currency: 'EUR',
        taxMode: 'inclusive',
        taxRounding: 'line',
        openedAt: T0,
      }),
    );
    expect(validateDocument('sales', sale)).toMatchObject({ ok: true });
    expect(collections.sales.isFinal?.(sale)).toBe(false);
    sale = expectOk(
      addManualLine(
        sale,
        { lineId: 'l1', description: 'Bouquet', unitPrice: 995, taxRate: standardRate, approvedBy: 'sup-1' },
        { promotions: indexPromotions([]), instant: T0, weekday: 7, minuteOfDay: 780 },
      ),
    );
    sale = expectOk(addTender(sale, { id: 't1', kind: 'cash', amount: 2000 }));
    const done = expectOk(completeSale(sale, T0 + 60_000));
    expect(validateDocument('sales', done)).toMatchObject({ ok: true });
    expect(collections.sales.isFinal?.(done)).toBe(true);
    const tampered = { ...done, totals: { ...done.totals, change: 1004.5 } };
    expect(validateDocument('sales', tampered)).toMatchObject({ ok: false, path: 'totals.change' });
  });
});
