import { describe, expect, it } from 'vitest';
import {
  type BaggingPolicy,
  type BaggingState,
  baggingReading,
  baggingTick,
  checkBaggingPolicy,
  DEFAULT_BAGGING_POLICY,
  expectedWeightFor,
  itemScanned,
  learnUnitWeight,
  resolveIntervention,
  type ScannedItem,
  startBaggingArea,
  unitWeightsSeen,
} from './bagging-area.js';

const policy: BaggingPolicy = DEFAULT_BAGGING_POLICY;
const milk = { expectedUnitWeightGrams: 1040, weightToleranceGrams: 30 };

function scan(state: BaggingState, at: number, product = milk, quantity = 1): BaggingState {
  const item: ScannedItem = {
    lineId: `line-${at}`,
    productId: 'p-milk',
    expected: expectedWeightFor(product, quantity, policy),
    scannedAt: at,
  };
  const r = itemScanned(state, item);
  if (!r.ok) throw new Error(r.reason);
  return r.state;
}

const stable = (grams: number, at: number) => ({ grams, stable: true, at });
const moving = (grams: number, at: number) => ({ grams, stable: false, at });

describe('expected weight', () => {
  it('scales the tolerance by the store multiplier, floors it, and grows it with the quantity', () => {
    expect(expectedWeightFor(milk, 2, policy)).toEqual({
      expectedGrams: 2080,
      toleranceGrams: 60,
      source: 'catalog',
    });
    expect(expectedWeightFor(milk, 1, { ...policy, toleranceMultiplierPct: 150 }).toleranceGrams).toBe(45);
    expect(
      expectedWeightFor({ expectedUnitWeightGrams: 50, weightToleranceGrams: 1 }, 1, policy),
    ).toMatchObject({ toleranceGrams: 10 });
  });

  it('falls back to a learned weight, and to none', () => {
    const learned = { unitGrams: 400, toleranceGrams: 12, samples: 9 };
    expect(expectedWeightFor({}, 1, policy, learned)).toEqual({
      expectedGrams: 400,
      toleranceGrams: 12,
      source: 'learned',
    });
    expect(expectedWeightFor({}, 1, policy).source).toBe('none');
  });
});

describe('learning unit weights', () => {
  it('takes the median and a MAD tolerance, unmoved by an outlier', () => {
    const seen = [402, 398, 401, 399, 400, 397, 1400];
    const learned = learnUnitWeight(seen);
    expect(learned).toEqual({ unitGrams: 400, toleranceGrams: 9, samples: 7 });
  });

  it('learns nothing from too few samples', () => {
    expect(learnUnitWeight([400, 401, 399])).toBeUndefined();
  });

  it('reads bagged weights from audit entries, per unit, leaving out items bagged with a bag', () => {
    const entries: { action: string; facts: Record<string, string | number | boolean> }[] = [
      { action: 'bagging.item-bagged', facts: { productId: 'p1', deltaGrams: 800, quantity: 2 } },
      {
        action: 'bagging.item-bagged',
        facts: { productId: 'p1', deltaGrams: 440, quantity: 1, withBag: true },
      },
      { action: 'bagging.item-bagged', facts: { productId: 'p2', deltaGrams: 90, quantity: 1 } },
      { action: 'bagging.unexpected-item', facts: { productId: 'p1', deltaGrams: 5 } },
    ];
    expect(unitWeightsSeen('p1', entries)).toEqual([400]);
  });
});

describe('the bagging area', () => {
  it('accepts a scanned item whose stable weight matches', () => {
    let s = scan(startBaggingArea(0), 1000);
    s = baggingReading(s, moving(700, 1200), policy).state;
    const step = baggingReading(s, stable(1052, 1500), policy);
    expect(step.decision).toMatchObject({
      kind: 'item-bagged',
      needsAttendant: false,
      acceptedGrams: 0,
      readingGrams: 1052,
      deltaGrams: 1052,
      expectedGrams: 1040,
      toleranceGrams: 30,
    });
    expect(step.state.acceptedGrams).toBe(1052);
    expect(step.state.waitingFor).toBeUndefined();
  });

  it('allows shopper bags within the empty-bag range, up to the limit', () => {
    let s = startBaggingArea(0);
    const bag = baggingReading(s, stable(30, 10), policy);
    expect(bag.decision?.kind).toBe('bag-added');
    s = bag.state;
    const heavy = baggingReading(s, stable(30 + 250, 20), policy);
    expect(heavy.decision).toMatchObject({ kind: 'unexpected-item', needsAttendant: true, deltaGrams: 250 });
  });

  it('takes an item bagged together with an empty bag', () => {
    const s = scan(startBaggingArea(0), 0);
    const step = baggingReading(s, stable(1040 + 35, 100), policy);
    expect(step.decision).toMatchObject({ kind: 'item-bagged', withBag: true });
    expect(step.state.bags).toBe(1);
  });

  it('calls a weight mismatch when the change is not the scanned item', () => {
    const s = scan(startBaggingArea(0), 0);
    const step = baggingReading(s, stable(330, 100), policy);
    expect(step.decision).toMatchObject({ kind: 'weight-mismatch', needsAttendant: true, deltaGrams: 330 });
    expect(step.state.locked?.kind).toBe('weight-mismatch');
    expect(itemScanned(step.state, { ...step.state.waitingFor!, lineId: 'next' })).toEqual({
      ok: false,
      reason: 'locked',
    });
  });

  it('calls an unexpected item when weight appears with nothing scanned', () => {
    const step = baggingReading(startBaggingArea(1040), stable(1040 + 500, 10), policy);
    expect(step.decision).toMatchObject({ kind: 'unexpected-item', acceptedGrams: 1040, readingGrams: 1540 });
  });

  it('catches an item taken out of the bagging area, and clears when it is put back', () => {
    let s = scan(startBaggingArea(0), 0);
    s = baggingReading(s, stable(1040, 100), policy).state;
    const removed = baggingReading(s, stable(0, 5000), policy);
    expect(removed.decision).toMatchObject({ kind: 'item-removed', needsAttendant: true, deltaGrams: -1040 });
    const back = baggingReading(removed.state, stable(1041, 6000), policy);
    expect(back.decision?.kind).toBe('area-restored');
    expect(back.state.locked).toBeUndefined();
  });

  it('calls item not bagged when nothing arrives in time', () => {
    const s = scan(startBaggingArea(0), 1000);
    expect(baggingTick(s, 1000 + policy.bagTimeoutMs - 1, policy).decision).toBeUndefined();
    const late = baggingTick(s, 1000 + policy.bagTimeoutMs, policy);
    expect(late.decision).toMatchObject({
      kind: 'item-not-bagged',
      lineId: 'line-1000',
      expectedGrams: 1040,
    });
  });

  it('absorbs slow creep but calls a drifting scale once it adds up', () => {
    let s = startBaggingArea(1000);
    let at = 0;
    let grams = 1000;
    const decisions: string[] = [];
    for (let i = 0; i < 12; i++) {
      grams += 3;
      at += 1000;
      const step = baggingReading(s, stable(grams, at), policy);
      s = step.state;
      if (step.decision) decisions.push(step.decision.kind);
    }
    expect(decisions).toEqual(['scale-drift']);
    expect(s.locked).toMatchObject({ kind: 'scale-drift', acceptedGrams: 1024, driftGrams: 27 });
    const approved = resolveIntervention(s, 'approve', at + 1, policy);
    expect(approved.state).toMatchObject({ locked: undefined, acceptedGrams: 1036, driftGrams: 0 });
  });

  it('drift does not hide a theft: a real removal after creep is still caught', () => {
    let s = scan(startBaggingArea(0), 0);
    s = baggingReading(s, stable(1040, 100), policy).state;
    s = baggingReading(s, stable(1043, 200), policy).state;
    expect(s.acceptedGrams).toBe(1043);
    expect(baggingReading(s, stable(3, 300), policy).decision?.kind).toBe('item-removed');
  });

  it('calls a scale that never settles, and re-bases on its next stable reading once approved', () => {
    let s = scan(startBaggingArea(0), 0);
    for (let at = 100; at < policy.unsettledTimeoutMs; at += 100) {
      s = baggingReading(s, moving(500 + (at % 300), at), policy).state;
      expect(baggingTick(s, at, policy).decision).toBeUndefined();
    }
    const step = baggingTick(s, 100 + policy.unsettledTimeoutMs, policy);
    expect(step.decision).toMatchObject({ kind: 'scale-unsettled', needsAttendant: true });
    // Not "item not bagged" although the bag timeout passed too: the scale is the problem, not the shopper.
    const approved = resolveIntervention(step.state, 'approve', 9000, policy).state;
    expect(approved.rebaseOnStable).toBe(true);
    const rebased = baggingReading(approved, stable(1044, 9500), policy);
    expect(rebased.decision).toBeUndefined();
    expect(rebased.state.acceptedGrams).toBe(1044);
  });

  it('after a rejection stays locked until the area is back to its accepted weight', () => {
    let s = startBaggingArea(1040);
    s = baggingReading(s, stable(1540, 10), policy).state;
    const rejected = resolveIntervention(s, 'reject', 20, policy);
    expect(rejected.decision?.kind).toBe('rejected');
    expect(rejected.state).toMatchObject({ mustRestore: true });
    expect(rejected.state.locked).toBeDefined();
    const still = baggingReading(rejected.state, stable(1300, 30), policy);
    expect(still.state.locked).toBeDefined();
    const back = baggingReading(still.state, stable(1040, 40), policy);
    expect(back.decision?.kind).toBe('area-restored');
    expect(back.state.locked).toBeUndefined();
  });
});

describe('a voided item taken back out', () => {
  it('expects the weight to fall by the item, and calls anything else a mismatch', () => {
    let s = scan(startBaggingArea(0), 0);
    s = baggingReading(s, stable(1040, 100), policy).state;
    const removal = itemScanned(s, {
      lineId: 'line-0',
      productId: 'p-milk',
      expected: expectedWeightFor(milk, 1, policy),
      scannedAt: 200,
      removal: true,
    });
    if (!removal.ok) throw new Error(removal.reason);
    expect(baggingReading(removal.state, stable(6, 300), policy).decision?.kind).toBe('item-unbagged');
    expect(baggingReading(removal.state, stable(1040 + 300, 300), policy).decision?.kind).toBe(
      'weight-mismatch',
    );
  });
});

describe('policy', () => {
  it('names the field of a bad policy', () => {
    expect(checkBaggingPolicy(policy)).toEqual([]);
    expect(checkBaggingPolicy({ ...policy, emptyBagMinGrams: 90, bagTimeoutMs: -1 })).toEqual([
      { field: 'bagTimeoutMs', detail: 'must be a whole number ≥ 0, got -1' },
      { field: 'emptyBagMinGrams', detail: 'is above emptyBagMaxGrams' },
    ]);
  });
});
