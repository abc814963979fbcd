import { checkBaggedWeight } from '../catalog/bagged-weight.js';
import type { ProductDoc } from '../schemas/products.js';

/**
 * The bagging area of a self-checkout as commercial kiosks run it: after each scan the kiosk waits for a
 * stable change on the bagging scale and decides whether the scanned item was bagged. Pure: readings and
 * clock ticks go in, a new state and at most one decision come out; the kiosk records every decision.
 */

/** The store's bagging rules. Integer grams and milliseconds; the multiplier is in percent. */
export interface BaggingPolicy {
  /** Store-wide tolerance multiplier in percent of each product's own tolerance (100 = as catalogued). */
  readonly toleranceMultiplierPct: number;
  /** No tolerance is narrower than this (a scale's own resolution and repeatability). */
  readonly minToleranceGrams: number;
  /** A shopper's own empty bag weighs between these, inclusive. */
  readonly emptyBagMinGrams: number;
  readonly emptyBagMaxGrams: number;
  /** How many own bags one shopper may put down. */
  readonly maxBags: number;
  /** A scanned item not bagged within this is "item not bagged". */
  readonly bagTimeoutMs: number;
  /** The scale in motion this long without one stable reading is "scale unsettled". */
  readonly unsettledTimeoutMs: number;
  /** Stable changes this small are noise or creep, absorbed into the accepted weight. */
  readonly noiseGrams: number;
  /** Absorbed creep beyond this (either way) since the last decision is "scale drift". */
  readonly maxDriftGrams: number;
}

export const DEFAULT_BAGGING_POLICY: BaggingPolicy = {
  toleranceMultiplierPct: 100,
  minToleranceGrams: 10,
  emptyBagMinGrams: 5,
  emptyBagMaxGrams: 60,
  maxBags: 3,
  bagTimeoutMs: 15_000,
  unsettledTimeoutMs: 8_000,
  noiseGrams: 4,
  maxDriftGrams: 25,
};

export type BaggingPolicyProblem = { readonly field: keyof BaggingPolicy; readonly detail: string };

/** Checks a policy (from store settings or a config file); each problem names its field. */
export function checkBaggingPolicy(policy: BaggingPolicy): BaggingPolicyProblem[] {
  const problems: BaggingPolicyProblem[] = [];
  for (const [field, value] of Object.entries(policy) as [keyof BaggingPolicy, number][]) {
    if (!Number.isInteger(value) || value < 0)
      problems.push({ field, detail: `must be a whole number ≥ 0, got ${value}` });
  }
  if (policy.emptyBagMinGrams > policy.emptyBagMaxGrams)
    problems.push({ field: 'emptyBagMinGrams', detail: 'is above emptyBagMaxGrams' });
  if (policy.noiseGrams >= policy.minToleranceGrams)
    problems.push({ field: 'noiseGrams', detail: 'must be below minToleranceGrams' });
  return problems;
}

/** What produce weighed on the kiosk's own scale should weigh in the bagging area. */
export function weighedWeight(grams: number, policy: BaggingPolicy): ExpectedWeight {
  return {
    expectedGrams: grams,
    toleranceGrams: Math.max(policy.minToleranceGrams, Math.ceil(grams * 0.03)),
    source: 'weighed',
  };
}

/** A unit weight learned from weights seen when the product was bagged or weighed. */
export interface LearnedWeight {
  readonly unitGrams: number;
  readonly toleranceGrams: number;
  readonly samples: number;
}

/** Fewer samples than this teach nothing. */
export const MIN_LEARNING_SAMPLES = 5;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * A robust unit weight from unit weights seen at lanes and kiosks: the median, and a tolerance of three
 * scaled median absolute deviations (1.4826·MAD estimates σ for normal data) but at least 2 % of the weight,
 * so one mis-bagged outlier neither moves the estimate nor widens it.
 */
export function learnUnitWeight(
  unitWeightsGrams: readonly number[],
  minSamples = MIN_LEARNING_SAMPLES,
): LearnedWeight | undefined {
  const usable = unitWeightsGrams.filter((g) => Number.isFinite(g) && g > 0).sort((a, b) => a - b);
  if (usable.length < minSamples) return undefined;
  const unitGrams = median(usable);
  const mad = median(usable.map((g) => Math.abs(g - unitGrams)).sort((a, b) => a - b));
  const toleranceGrams = Math.max(Math.ceil(3 * 1.4826 * mad), Math.ceil(unitGrams * 0.02));
  return { unitGrams, toleranceGrams, samples: usable.length };
}

/** Where an expected weight came from; 'weighed' is produce weighed on the kiosk's own scale. */
export type WeightSource = 'catalog' | 'learned' | 'weighed' | 'none';

export interface ExpectedWeight {
  readonly expectedGrams: number;
  readonly toleranceGrams: number;
  readonly source: WeightSource;
}

type WeightFacts = Pick<ProductDoc, 'expectedUnitWeightGrams' | 'weightToleranceGrams'>;

/**
 * What `quantity` units should weigh: the catalog's weight and tolerance, else a learned one, with the
 * store's multiplier and the policy's floor applied to the tolerance.
 */
export function expectedWeightFor(
  product: WeightFacts,
  quantity: number,
  policy: BaggingPolicy,
  learned?: LearnedWeight,
): ExpectedWeight {
  const facts: { unit: number; tolerance: number; source: WeightSource } | undefined =
    product.expectedUnitWeightGrams
      ? {
          unit: product.expectedUnitWeightGrams,
          tolerance: product.weightToleranceGrams ?? 0,
          source: 'catalog',
        }
      : learned
        ? { unit: learned.unitGrams, tolerance: learned.toleranceGrams, source: 'learned' }
        : undefined;
  if (!facts) return { expectedGrams: 0, toleranceGrams: 0, source: 'none' };
  const scaled = Math.ceil((facts.tolerance * policy.toleranceMultiplierPct) / 100);
  const check = checkBaggedWeight(
    {
      expectedUnitWeightGrams: facts.unit,
      weightToleranceGrams: Math.max(scaled, policy.minToleranceGrams),
    },
    quantity,
    0,
  );
  return { expectedGrams: check.expectedGrams, toleranceGrams: check.toleranceGrams, source: facts.source };
}

export type BaggingDecisionKind =
  | 'item-bagged'
  | 'item-unbagged'
  | 'bag-added'
  | 'item-not-bagged'
  | 'unexpected-item'
  | 'weight-mismatch'
  | 'item-removed'
  | 'scale-unsettled'
  | 'scale-drift'
  | 'area-restored'
  | 'approved'
  | 'rejected';

/** Decisions that lock the kiosk until an attendant acts. */
export const INTERVENTION_DECISIONS: ReadonlySet<BaggingDecisionKind> = new Set([
  'item-not-bagged',
  'unexpected-item',
  'weight-mismatch',
  'item-removed',
  'scale-unsettled',
  'scale-drift',
]);

/** One decision and the weights it was made on: what the kiosk records in the audit trail. */
export interface BaggingDecision {
  readonly kind: BaggingDecisionKind;
  readonly needsAttendant: boolean;
  /** The accepted weight of the area before, the stable reading now, and their difference. */
  readonly acceptedGrams: number;
  readonly readingGrams: number;
  readonly deltaGrams: number;
  readonly expectedGrams: number;
  readonly toleranceGrams: number;
  readonly weightSource: WeightSource;
  readonly productId: string;
  readonly lineId: string;
  /** Creep absorbed since the last decision. */
  readonly driftGrams: number;
  readonly bags: number;
  /** An item-bagged decision where an empty bag went down with the item. */
  readonly withBag: boolean;
  readonly at: number;
}

export interface ScannedItem {
  readonly lineId: string;
  readonly productId: string;
  readonly expected: ExpectedWeight;
  readonly scannedAt: number;
  /** A voided item the shopper takes back out of the area (the weight must fall by it). */
  readonly removal?: boolean;
}

export interface BaggingState {
  /** The weight of everything accepted in the area (bags and bagged items). */
  readonly acceptedGrams: number;
  /** The last stable reading. */
  readonly lastStableGrams: number;
  /** When the scale started moving, while it has not settled since. */
  readonly unstableSince: number | undefined;
  readonly driftGrams: number;
  readonly bags: number;
  /** The item scanned and not yet bagged. */
  readonly waitingFor: ScannedItem | undefined;
  /** The intervention the kiosk is locked on. */
  readonly locked: BaggingDecision | undefined;
  /** After a rejection: the area must go back to `acceptedGrams` before the kiosk unlocks. */
  readonly mustRestore: boolean;
  /** The next stable reading becomes the accepted weight (after an approved unsettled or drifting scale). */
  readonly rebaseOnStable: boolean;
}

export interface BaggingStep {
  readonly state: BaggingState;
  readonly decision?: BaggingDecision;
}

export interface BaggingReading {
  readonly grams: number;
  readonly stable: boolean;
  readonly at: number;
}

export function startBaggingArea(initialGrams: number): BaggingState {
  return {
    acceptedGrams: initialGrams,
    lastStableGrams: initialGrams,
    unstableSince: undefined,
    driftGrams: 0,
    bags: 0,
    waitingFor: undefined,
    locked: undefined,
    mustRestore: false,
    rebaseOnStable: false,
  };
}

function decide(
  state: BaggingState,
  kind: BaggingDecisionKind,
  at: number,
  readingGrams: number,
  item?: ScannedItem,
): BaggingDecision {
  return {
    kind,
    needsAttendant: INTERVENTION_DECISIONS.has(kind),
    acceptedGrams: state.acceptedGrams,
    readingGrams,
    deltaGrams: readingGrams - state.acceptedGrams,
    expectedGrams: item?.expected.expectedGrams ?? 0,
    toleranceGrams: item?.expected.toleranceGrams ?? 0,
    weightSource: item?.expected.source ?? 'none',
    productId: item?.productId ?? '',
    lineId: item?.lineId ?? '',
    driftGrams: state.driftGrams,
    bags: state.bags,
    withBag: false,
    at,
  };
}

function lock(state: BaggingState, decision: BaggingDecision): BaggingStep {
  return { state: { ...state, locked: decision, mustRestore: false }, decision };
}

export type ScanRefusal = 'locked' | 'waiting-for-item';

/** A scanned item: the kiosk now waits for it in the bagging area. Refused while locked or waiting. */
export function itemScanned(
  state: BaggingState,
  item: ScannedItem,
): { ok: true; state: BaggingState } | { ok: false; reason: ScanRefusal } {
  if (state.locked) return { ok: false, reason: 'locked' };
  if (state.waitingFor) return { ok: false, reason: 'waiting-for-item' };
  return { ok: true, state: { ...state, waitingFor: item } };
}

/** The scanned item was taken off the sale (voided) before it was bagged. */
export function itemWithdrawn(state: BaggingState, lineId: string): BaggingState {
  return state.waitingFor?.lineId === lineId ? { ...state, waitingFor: undefined } : state;
}

function isBag(delta: number, state: BaggingState, policy: BaggingPolicy): boolean {
  return delta >= policy.emptyBagMinGrams && delta <= policy.emptyBagMaxGrams && state.bags < policy.maxBags;
}

/** A reading from the bagging scale: motion is remembered, a stable change is decided on. */
export function baggingReading(
  state: BaggingState,
  reading: BaggingReading,
  policy: BaggingPolicy,
): BaggingStep {
  if (!reading.stable) {
    return state.unstableSince === undefined ? { state: { ...state, unstableSince: reading.at } } : { state };
  }
  const grams = reading.grams;
  const settled: BaggingState = { ...state, unstableSince: undefined, lastStableGrams: grams };
  if (settled.rebaseOnStable) {
    return {
      state: { ...settled, acceptedGrams: grams, rebaseOnStable: false, driftGrams: 0 },
    };
  }
  const delta = grams - settled.acceptedGrams;
  if (settled.locked) {
    const restorable =
      settled.mustRestore ||
      settled.locked.kind === 'unexpected-item' ||
      settled.locked.kind === 'item-removed' ||
      (settled.locked.kind === 'weight-mismatch' && settled.waitingFor === undefined);
    if (restorable && Math.abs(delta) <= policy.noiseGrams) {
      const restored = decide(settled, 'area-restored', reading.at, grams, settled.waitingFor);
      return { state: { ...settled, locked: undefined, mustRestore: false }, decision: restored };
    }
    return { state: settled };
  }
  if (Math.abs(delta) <= policy.noiseGrams) {
    // Creep: absorbed into the accepted weight, but only so far (a slow leak of weight is a slow theft too).
    const drifted = settled.driftGrams + (grams - state.lastStableGrams);
    const creeping = { ...settled, acceptedGrams: grams, driftGrams: drifted };
    if (Math.abs(drifted) > policy.maxDriftGrams) {
      return lock(
        creeping,
        decide({ ...creeping, acceptedGrams: state.acceptedGrams }, 'scale-drift', reading.at, grams),
      );
    }
    return { state: creeping };
  }
  const item = settled.waitingFor;
  if (item?.removal) {
    const matches =
      item.expected.source === 'none'
        ? delta < 0
        : Math.abs(-delta - item.expected.expectedGrams) <= item.expected.toleranceGrams;
    if (!matches) return lock(settled, decide(settled, 'weight-mismatch', reading.at, grams, item));
    return {
      state: { ...settled, acceptedGrams: grams, waitingFor: undefined, driftGrams: 0 },
      decision: decide(settled, 'item-unbagged', reading.at, grams, item),
    };
  }
  if (delta < 0) return lock(settled, decide(settled, 'item-removed', reading.at, grams, item));
  if (!item) {
    if (isBag(delta, settled, policy)) {
      const decision = decide(settled, 'bag-added', reading.at, grams);
      return { state: { ...settled, acceptedGrams: grams, bags: settled.bags + 1, driftGrams: 0 }, decision };
    }
    return lock(settled, decide(settled, 'unexpected-item', reading.at, grams));
  }
  const bagged = (withBag: boolean): BaggingStep => ({
    state: {
      ...settled,
      acceptedGrams: grams,
      waitingFor: undefined,
      driftGrams: 0,
      bags: settled.bags + (withBag ? 1 : 0),
    },
    decision: { ...decide(settled, 'item-bagged', reading.at, grams, item), withBag },
  });
  if (item.expected.source === 'none') return bagged(false);
  const { expectedGrams, toleranceGrams } = item.expected;
  const off = delta - expectedGrams;
  if (Math.abs(off) <= toleranceGrams) return bagged(false);
  // The item and an empty bag put down together.
  if (off > 0 && settled.bags < policy.maxBags) {
    if (off >= policy.emptyBagMinGrams - toleranceGrams && off <= policy.emptyBagMaxGrams + toleranceGrams)
      return bagged(true);
  }
  return lock(settled, decide(settled, 'weight-mismatch', reading.at, grams, item));
}

/** The clock: an item never bagged, or a scale that never settles, becomes an intervention. */
export function baggingTick(state: BaggingState, now: number, policy: BaggingPolicy): BaggingStep {
  if (state.locked) return { state };
  if (state.unstableSince !== undefined && now - state.unstableSince >= policy.unsettledTimeoutMs) {
    return lock(state, decide(state, 'scale-unsettled', now, state.lastStableGrams, state.waitingFor));
  }
  const item = state.waitingFor;
  if (item && state.unstableSince === undefined && now - item.scannedAt >= policy.bagTimeoutMs) {
    return lock(state, decide(state, 'item-not-bagged', now, state.lastStableGrams, item));
  }
  return { state };
}

/**
 * An attendant's answer to the intervention the kiosk is locked on. Approve: what is in the area now is
 * accepted (an unsettled or drifting scale is re-based on its next stable reading). Reject: the area must go
 * back to the accepted weight before the kiosk unlocks (the kiosk voids a rejected item's line itself).
 */
export function resolveIntervention(
  state: BaggingState,
  answer: 'approve' | 'reject',
  at: number,
  policy: BaggingPolicy,
): BaggingStep {
  const locked = state.locked;
  if (!locked) return { state };
  const decision = {
    ...decide(state, answer === 'approve' ? 'approved' : 'rejected', at, state.lastStableGrams),
    lineId: locked.lineId,
    productId: locked.productId,
  };
  if (answer === 'approve') {
    const rebase =
      locked.kind === 'scale-unsettled' ||
      (locked.kind === 'scale-drift' && state.unstableSince !== undefined);
    return {
      state: {
        ...state,
        locked: undefined,
        mustRestore: false,
        waitingFor: undefined,
        acceptedGrams: state.lastStableGrams,
        driftGrams: 0,
        rebaseOnStable: rebase,
      },
      decision,
    };
  }
  const restored = Math.abs(state.lastStableGrams - state.acceptedGrams) <= policy.noiseGrams;
  return {
    state: {
      ...state,
      waitingFor: undefined,
      driftGrams: 0,
      locked: restored ? undefined : locked,
      mustRestore: !restored,
      rebaseOnStable: locked.kind === 'scale-unsettled' || locked.kind === 'scale-drift',
    },
    decision,
  };
}

/**
 * Unit weights seen when items were bagged, from the store's audit trail (`bagging.item-bagged` entries
 * with `productId`, `deltaGrams`, `quantity`) and from lines weighed at staffed lanes (`weightGrams`).
 */
export function unitWeightsSeen(
  productId: string,
  entries: readonly { action: string; facts: Record<string, string | number | boolean> }[],
): number[] {
  const seen: number[] = [];
  for (const e of entries) {
    if (e.action !== 'bagging.item-bagged' || e.facts.productId !== productId) continue;
    if (e.facts.withBag === true) continue;
    const delta = Number(e.facts.deltaGrams);
    const quantity = Number(e.facts.quantity ?? 1);
    if (Number.isFinite(delta) && quantity > 0) seen.push(Math.round(delta / quantity));
  }
  return seen;
}
