import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../barcode/parse-barcode.js';
import { maskPhone } from '../loyalty/mask-phone.js';
import { memberByCard, memberByPhone } from '../loyalty/member-lookup.js';
import { pointsEntryFor } from '../loyalty/points-earned.js';
import { expectOk } from '../result.js';
import type { MemberDoc } from '../schemas/members.js';
import type { SaleDoc } from '../schemas/sales.js';
import { validateDocument } from '../schemas/validate.js';
import { checkCompletedSale } from './check-completed-sale.js';
import { completeSale } from './complete-sale.js';
import { applyCoupon, couponRedemptions, couponReversals, pricingEnvForSale } from './coupons.js';
import { planRefund } from './refund-plan.js';
import { env, newSale, product, products, promotion, T0, withLine } from './retail-fixtures.test-support.js';
import { createReturn } from './returns.js';
import { resumeSale, suspendedBaskets, suspendSale } from './suspend.js';
import { addTender } from './tenders.js';

const tea = product('tea');
const milk = product('milk', { taxClass: 'reduced' });
const teaCoupon = promotion(
  'promo-tea-coupon',
  { kind: 'amount-off', target: products('tea'), amount: 50 },
  { couponCodes: ['TEA-50-0001', 'TEA-50-0002'], receiptText: 'Coupon tea -0.50' },
);
const clock = { instant: T0, weekday: 7, minuteOfDay: 13 * 60 };

function basket() {
  let sale = newSale();
  sale = withLine(sale, 'l1', tea, 300, env(), { quantity: 2 });
  sale = withLine(sale, 'l2', milk, 119, env());
  return sale;
}

describe('coupons at the lane', () => {
  it('a coupon promotion never applies unless its code is presented', () => {
    const sale = withLine(newSale(), 'l1', tea, 300, env([teaCoupon]));
    expect(sale.totals.discount).toBe(0);
  });

  it('applies once, is recorded as a redemption, and a used code is refused', () => {
    const ctx = { ...clock, promotions: [teaCoupon], ledger: [] };
    const withCoupon = expectOk(applyCoupon(basket(), 'TEA-50-0001', ctx));
    expect(withCoupon.totals.discount).toBe(100);
    expect(withCoupon.lines[0]!.adjustments[0]!.label).toBe('Coupon tea -0.50');
    expect(applyCoupon(withCoupon, 'TEA-50-0001', ctx)).toMatchObject({
      ok: false,
      reason: 'coupon-on-sale',
    });
    expect(applyCoupon(basket(), 'NOPE', ctx)).toMatchObject({ ok: false, reason: 'unknown-coupon' });
    const paid = expectOk(addTender(withCoupon, { id: 't1', kind: 'cash', amount: 2000 }));
    const done = expectOk(completeSale(paid, T0 + 1));
    expect(validateDocument('sales', done).ok).toBe(true);
    expect(checkCompletedSale(done).ok).toBe(true);
    let n = 0;
    const ledger = couponRedemptions(done, () => `019ab0c0-0000-7000-8000-00000000010${n++}`, 'emp-7', T0);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ couponCode: 'TEA-50-0001', discountAmount: 100 });
    expect(validateDocument('loyalty_entries', ledger[0]).ok).toBe(true);
    expect(applyCoupon(basket(), 'TEA-50-0001', { ...ctx, ledger })).toMatchObject({
      ok: false,
      reason: 'coupon-used',
    });
    expect(applyCoupon(basket(), 'TEA-50-0002', { ...ctx, ledger }).ok).toBe(true);

    // Returning the milk alone keeps the coupon spent; returning both teas gives it back.
    const ret = (id: string, lineId: string, quantity: number, prior: SaleDoc[] = []) => {
      const open = expectOk(
        createReturn({
          id,
          storeId: done.storeId,
          deviceId: 'lane-2',
          shiftId: 'shift-2',
          cashierId: 'emp-8',
          businessDay: done.businessDay,
          openedAt: T0 + 2,
          original: done,
          priorReturns: prior,
          items: [{ lineId, quantity }],
        }),
      );
      const paid = expectOk(addTender(open, { id: `${id}-t`, kind: 'cash', amount: open.totals.total }));
      return expectOk(completeSale(paid, T0 + 3));
    };
    const ids = {
      newId: () => '019ab0c0-0000-7000-8000-000000000200',
      saleId: '019ab0c0-0000-7000-8000-000000000071',
      deviceId: 'lane-2',
      employeeId: 'emp-8',
      createdAt: T0,
    };
    const milkBack = ret('019ab0c0-0000-7000-8000-000000000070', 'l2', 1);
    expect(couponReversals(done, [milkBack], ledger, ids)).toEqual([]);
    const teaBack = ret('019ab0c0-0000-7000-8000-000000000071', 'l1', 2, [milkBack]);
    const reversals = couponReversals(done, [milkBack, teaBack], ledger, ids);
    expect(reversals).toMatchObject([
      { kind: 'coupon-reversed', reversesId: ledger[0]!.id, couponCode: 'TEA-50-0001' },
    ]);
    expect(validateDocument('loyalty_entries', reversals[0]).ok).toBe(true);
    expect(couponReversals(done, [milkBack, teaBack], [...ledger, ...reversals], ids)).toEqual([]);
  });
});

describe('suspend and resume', () => {
  it('a suspended basket is resumed once by a sale of another lane, and never counts as a sale', () => {
    const ctx = { ...clock, promotions: [teaCoupon], ledger: [] };
    const open = expectOk(applyCoupon({ ...basket(), memberId: 'mem-1' }, 'TEA-50-0001', ctx));
    const parked = expectOk(suspendSale(open, T0 + 5));
    expect(validateDocument('sales', parked).ok).toBe(true);
    expect(checkCompletedSale(parked).ok).toBe(true);
    expect(suspendedBaskets([parked]).map((s) => s.id)).toEqual([parked.id]);
    const input = {
      suspended: parked,
      storeSales: [parked],
      id: '019ab0c0-0000-7000-8000-000000000099',
      deviceId: 'lane-2',
      shiftId: 'shift-2',
      cashierId: 'emp-8',
      businessDay: '2025-11-23',
      openedAt: T0 + 10,
    };
    const resumed = expectOk(resumeSale(input, pricingEnvForSale([teaCoupon], parked, clock)));
    expect(resumed).toMatchObject({ resumesSaleId: parked.id, memberId: 'mem-1', deviceId: 'lane-2' });
    expect(resumed.totals).toEqual(open.totals);
    expect(suspendedBaskets([parked, resumed])).toEqual([]);
    expect(
      resumeSale(
        { ...input, id: '019ab0c0-0000-7000-8000-000000000098', storeSales: [parked, resumed] },
        env(),
      ),
    ).toMatchObject({ ok: false, reason: 'already-resumed' });
    expect(suspendSale(parked, T0)).toMatchObject({ ok: false, reason: 'sale-suspended' });
    expect(suspendSale(newSale(), T0)).toMatchObject({ ok: false, reason: 'nothing-to-suspend' });
  });
});

describe('members, points and refunds', () => {
  const member: MemberDoc = {
    id: 'mem-1',
    storeId: 'store-0042',
    cardNumber: '0420000000017',
    name: 'Li Wei',
    tier: 'standard',
    email: '',
    phone: '+86 138 1234 1234',
    active: true,
    updatedAt: T0,
  };
  it('finds a member by card, member QR or phone and masks the phone', () => {
    expect(expectOk(memberByCard([member], '0420000000017')).id).toBe('mem-1');
    expect(expectOk(memberByCard([member], 'member:0420000000017')).id).toBe('mem-1');
    expect(expectOk(memberByPhone([member], '13812341234')).id).toBe('mem-1');
    expect(memberByPhone([member], '13900000000')).toMatchObject({ ok: false, reason: 'unknown-member' });
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('+86 138****1234');
    expect(maskPhone('0086-13812341234')).toBe('+86 138****1234');
  });

  it('earns points on a member sale and refunds to the tender kinds paid', () => {
    const sale = { ...basket(), memberId: 'mem-1' };
    const card = expectOk(addTender(sale, { id: 't1', kind: 'card', amount: 500, reference: 'AUTH1' }));
    const cash = expectOk(addTender(card, { id: 't2', kind: 'cash', amount: 500 }));
    const done = expectOk(completeSale(cash, T0 + 1));
    const earned = pointsEntryFor(done, '019ab0c0-0000-7000-8000-000000000050', 'emp-7', T0);
    expect(earned).toMatchObject({ kind: 'points-earned', points: 7, memberId: 'mem-1' });
    expect(validateDocument('loyalty_entries', earned).ok).toBe(true);
    const ret = expectOk(
      createReturn({
        id: '019ab0c0-0000-7000-8000-000000000060',
        storeId: done.storeId,
        deviceId: 'lane-2',
        shiftId: 'shift-2',
        cashierId: 'emp-8',
        businessDay: done.businessDay,
        openedAt: T0 + 2,
        original: done,
        priorReturns: [],
        items: [
          { lineId: 'l1', quantity: 2 },
          { lineId: 'l2', quantity: 1 },
        ],
      }),
    );
    expect(planRefund(done, [], ret.totals.total)).toEqual([
      { kind: 'card', amount: 500, originalTenderId: 't1', reference: 'AUTH1' },
      { kind: 'cash', amount: 219, originalTenderId: 't2' },
    ]);
  });

  it('reads the receipt barcode (the sale id without dashes) as a receipt code', () => {
    const r = parseBarcode('019ab0c000007000800000000000abcd');
    expect(r).toMatchObject({
      ok: true,
      kind: 'internal',
      type: 'receipt',
      payload: '019ab0c0-0000-7000-8000-00000000abcd',
    });
  });
});
