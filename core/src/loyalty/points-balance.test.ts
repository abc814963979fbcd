import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoyaltyEntryDoc, PointsEntryDoc, PointsEntryKind } from '../schemas/loyalty-entries.js';
import { validateDocument } from '../schemas/validate.js';
import { couponStatus } from './coupon-status.js';
import { pointsBalance } from './points-balance.js';

let idCounter = 0;
const nextId = () => `019aa5e0-5f3a-7000-8000-${(idCounter++).toString(16).padStart(12, '0')}`;

function points(kind: PointsEntryKind, value: number, memberId = 'mem-1001'): PointsEntryDoc {
  return {
    id: nextId(),
    storeId: 'store-0042',
    kind,
    memberId,
    saleId: '',
    couponCode: '',
    points: value,
    deviceId: 'lane-1',
    employeeId: 'emp-7',
    createdAt: 1_763_900_000_000,
  };
}

const redemption: LoyaltyEntryDoc = {
  id: nextId(),
  storeId: 'store-0042',
  kind: 'coupon-redeemed',
  memberId: 'mem-1001',
  saleId: nextId(),
  couponCode: 'WELCOME-5',
  promotionId: 'promo-welcome',
  discountAmount: 500,
  currency: 'EUR',
  deviceId: 'lane-1',
  employeeId: 'emp-7',
  createdAt: 1_763_900_000_000,
};

describe('pointsBalance', () => {
  it('sums earned, spent, expired and adjusted points; coupon entries carry none', () => {
    const entries = [
      points('points-earned', 500),
      points('points-spent', -120),
      points('points-expired', -30),
      points('points-adjusted', 25),
      points('points-adjusted', -5),
      redemption,
    ];
    for (const entry of entries) expect(validateDocument('loyalty_entries', entry).ok).toBe(true);
    expect(pointsBalance(entries)).toBe(500 - 120 - 30 + 25 - 5);
    expect(pointsBalance([])).toBe(0);
  });

  it('counts a re-pushed entry once and can pick one member out of a store’s ledger', () => {
    const earn = points('points-earned', 300);
    const other = points('points-earned', 70, 'mem-2002');
    expect(pointsBalance([earn, { ...earn }, earn])).toBe(300);
    expect(pointsBalance([earn, other], 'mem-1001')).toBe(300);
    expect(pointsBalance([earn, other], 'mem-2002')).toBe(70);
  });

  it('is the same for every arrival order, with replays', () => {
    const entryArb = fc
      .record({
        kind: fc.constantFrom<PointsEntryKind>(
          'points-earned',
          'points-spent',
          'points-expired',
          'points-adjusted',
        ),
        size: fc.integer({ min: 1, max: 10_000 }),
        up: fc.boolean(),
      })
      .map(({ kind, size, up }) =>
        points(kind, kind === 'points-earned' ? size : kind === 'points-adjusted' && up ? size : -size),
      );
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), fc.array(fc.nat()), (entries, picks) => {
        const expected = entries.reduce((sum, e) => sum + e.points, 0);
        const arrived = [...entries].reverse();
        for (const p of picks)
          if (entries.length > 0) arrived.splice(p % (arrived.length + 1), 0, entries[p % entries.length]!);
        expect(pointsBalance(arrived)).toBe(expected);
        expect(couponStatus(arrived, 'WELCOME-5').state).toBe('unused');
      }),
    );
  });
});
