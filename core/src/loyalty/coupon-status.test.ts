import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CouponRedeemedDoc, CouponReversedDoc, LoyaltyEntryDoc } from '../schemas/loyalty-entries.js';
import { validateDocument } from '../schemas/validate.js';
import { couponStatus } from './coupon-status.js';

let idCounter = 0;
const nextId = () => `019aa5e0-5f3a-7000-8000-${(idCounter++).toString(16).padStart(12, '0')}`;

function redeem(couponCode: string, saleId = nextId()): CouponRedeemedDoc {
  return {
    id: nextId(),
    storeId: 'store-0042',
    kind: 'coupon-redeemed',
    memberId: '',
    saleId,
    couponCode,
    promotionId: 'promo-welcome',
    discountAmount: 500,
    currency: 'EUR',
    deviceId: 'lane-1',
    employeeId: 'emp-7',
    createdAt: 1_763_900_000_000,
  };
}

function reverse(redemption: CouponRedeemedDoc): CouponReversedDoc {
  return {
    ...redemption,
    id: nextId(),
    kind: 'coupon-reversed',
    saleId: nextId(),
    reversesId: redemption.id,
    deviceId: 'lane-2',
  };
}

describe('couponStatus', () => {
  it('goes from unused to redeemed, and back to usable when the sale is returned', () => {
    const used = redeem('WELCOME-5');
    const undone = reverse(used);
    for (const entry of [used, undone]) expect(validateDocument('loyalty_entries', entry).ok).toBe(true);
    expect(couponStatus([], 'WELCOME-5')).toEqual({
      couponCode: 'WELCOME-5',
      state: 'unused',
      standingRedemptionIds: [],
      reversedRedemptionIds: [],
    });
    expect(couponStatus([used], 'WELCOME-5')).toMatchObject({
      state: 'redeemed',
      standingRedemptionIds: [used.id],
    });
    expect(couponStatus([used, undone], 'WELCOME-5')).toMatchObject({
      state: 'reversed',
      standingRedemptionIds: [],
      reversedRedemptionIds: [used.id],
    });
    const usedAgain = redeem('WELCOME-5');
    expect(couponStatus([used, undone, usedAgain], 'WELCOME-5')).toMatchObject({
      state: 'redeemed',
      standingRedemptionIds: [usedAgain.id],
    });
  });

  it('looks only at the coupon asked about', () => {
    const other = redeem('SUMMER-10');
    expect(couponStatus([other, reverse(other)], 'WELCOME-5').state).toBe('unused');
    const used = redeem('WELCOME-5');
    expect(couponStatus([other, used], 'SUMMER-10').standingRedemptionIds).toEqual([other.id]);
  });

  it('knows a coupon was used and given back when the reversal arrives before the redemption', () => {
    const used = redeem('WELCOME-5');
    const undone = reverse(used);
    expect(couponStatus([undone], 'WELCOME-5')).toMatchObject({
      state: 'reversed',
      reversedRedemptionIds: [used.id],
    });
  });

  it('is the same for every arrival order, with replays and duplicate reversals', () => {
    const scenario = fc.array(
      fc.record({ reversed: fc.boolean(), reversedTwice: fc.boolean(), code: fc.constantFrom('A-1', 'B-2') }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        scenario,
        fc.infiniteStream(fc.integer()),
        fc.array(fc.nat(), { maxLength: 6 }),
        (steps, keys, replays) => {
          const ledger: LoyaltyEntryDoc[] = [];
          const standing = new Set<string>();
          for (const step of steps) {
            const used = redeem(step.code);
            ledger.push(used);
            if (step.code === 'A-1') standing.add(used.id);
            if (step.reversed) {
              ledger.push(reverse(used));
              if (step.reversedTwice) ledger.push(reverse(used));
              standing.delete(used.id);
            }
          }
          const expected = couponStatus(ledger, 'A-1');
          expect(new Set(expected.standingRedemptionIds)).toEqual(standing);
          const arrived = [...ledger];
          for (const r of replays) if (ledger.length > 0) arrived.push(ledger[r % ledger.length]!);
          const order = [...keys.take(arrived.length)];
          const shuffled = arrived
            .map((e, i) => ({ e, k: order[i]! }))
            .sort((a, b) => a.k - b.k)
            .map(({ e }) => e);
          expect(couponStatus(shuffled, 'A-1')).toEqual(expected);
        },
      ),
    );
  });
});
