import { checkBaggedWeight, mulDivRound } from '@storefloor/core';
import type { CartCoupon, CartItem } from './cart-catalog.js';

/** What a staff member is asked to look at; checkout waits until every one is resolved. */
export type CartAlertKind =
  /** The cart got heavier with no scan before it. */
  | 'unscanned-item'
  /** The weight that came after a scan (or a removal) is not the scanned item's. */
  | 'weight-mismatch'
  /** The cart got lighter with no item scanned out. */
  | 'unexpected-removal';

export type CartResolution = 'approve' | 'remove' | 'rescan';

export interface CartAlert {
  readonly id: string;
  readonly kind: CartAlertKind;
  readonly deltaGrams: number;
  /** For a mismatch: the line concerned and what its item should have weighed. */
  readonly lineId?: string;
  readonly expectedGrams?: number;
  readonly raisedAt: number;
  readonly resolved?: { readonly action: CartResolution; readonly employeeId: string; readonly at: number };
}

export interface CartLine {
  readonly lineId: string;
  readonly code: string;
  readonly productId: string;
  readonly quantity: number;
  /** Net grams of a weighed item (from its variable-measure label). */
  readonly weightGrams?: number;
  /** Staff added it by rescanning an unscanned item. */
  readonly addedBy?: string;
}

/** A weight change the session waits for: an item going in after its scan, or out after a scan-out. */
interface Expectation {
  readonly kind: 'in' | 'out';
  readonly lineId: string;
  readonly expectedGrams: number;
  readonly toleranceGrams: number;
  /** The catalog has no weight for the item: any change in the right direction is taken. */
  readonly unknown: boolean;
}

export interface CartSessionState {
  readonly cartId: string;
  readonly sessionId: string;
  readonly memberId: string | undefined;
  readonly startedAt: number;
  readonly lines: readonly CartLine[];
  readonly expectations: readonly Expectation[];
  readonly alerts: readonly CartAlert[];
  /** Last stable weight of the basket. */
  readonly grams: number;
  readonly status: 'shopping' | 'paid';
  readonly nextLine: number;
  /** Coupons presented (checked unused when scanned); they price the basket and the sale. */
  readonly coupons?: readonly CartCoupon[];
  /** The employee who checked the shopper's age for the age-restricted items (core's `verifyAge`). */
  readonly ageVerifiedBy?: string;
}

export interface WeightPolicy {
  /** Store-wide multiplier of the catalog's tolerances, in percent (100 = as the catalog says). */
  readonly tolerancePercent: number;
  /** Changes of at most this many grams are noise (a hand resting on the basket), never an alert. */
  readonly noiseGrams: number;
}

export const DEFAULT_WEIGHT_POLICY: WeightPolicy = { tolerancePercent: 100, noiseGrams: 5 };

export function newCartSession(
  cartId: string,
  sessionId: string,
  memberId: string | undefined,
  at: number,
): CartSessionState {
  return {
    cartId,
    sessionId,
    memberId,
    startedAt: at,
    lines: [],
    expectations: [],
    alerts: [],
    grams: 0,
    status: 'shopping',
    nextLine: 1,
  };
}

export const openAlerts = (s: CartSessionState) => s.alerts.filter((a) => a.resolved === undefined);

function expectation(
  kind: 'in' | 'out',
  lineId: string,
  item: CartItem,
  quantity: number,
  policy: WeightPolicy,
): Expectation {
  if (item.weightGrams !== undefined) {
    // A weighed item's label says its net weight; the scale's own tolerance plus the store's noise margin.
    return {
      kind,
      lineId,
      expectedGrams: item.weightGrams,
      toleranceGrams:
        mulDivRound(item.product.weightToleranceGrams ?? 0, policy.tolerancePercent, 100) + policy.noiseGrams,
      unknown: false,
    };
  }
  const check = checkBaggedWeight(item.product, quantity, 0);
  return {
    kind,
    lineId,
    expectedGrams: check.expectedGrams,
    toleranceGrams: mulDivRound(check.toleranceGrams, policy.tolerancePercent, 100),
    unknown: check.verdict === 'unknown',
  };
}

/** A scan: a new line, and the weight its item should add. */
export function scanned(
  s: CartSessionState,
  code: string,
  item: CartItem,
  quantity: number,
  policy: WeightPolicy,
  addedBy?: string,
): CartSessionState {
  const lineId = `${s.sessionId}-${s.nextLine}`;
  const line: CartLine = {
    lineId,
    code,
    productId: item.product.id,
    quantity,
    ...(item.weightGrams !== undefined ? { weightGrams: item.weightGrams } : {}),
    ...(addedBy ? { addedBy } : {}),
  };
  return {
    ...s,
    lines: [...s.lines, line],
    // A staff rescan is of an item already in the basket: its weight is already there.
    expectations: addedBy
      ? s.expectations
      : [...s.expectations, expectation('in', lineId, item, quantity, policy)],
    nextLine: s.nextLine + 1,
  };
}

/** A scan-out: the last line of that code loses one unit, and the weight should drop by one item. */
export function removed(
  s: CartSessionState,
  code: string,
  item: CartItem | undefined,
  policy: WeightPolicy,
): CartSessionState | undefined {
  const line = [...s.lines].reverse().find((l) => l.code === code);
  if (!line || !item) return undefined;
  const lines =
    line.quantity > 1
      ? s.lines.map((l) => (l === line ? { ...l, quantity: l.quantity - 1 } : l))
      : s.lines.filter((l) => l !== line);
  return { ...s, lines, expectations: [...s.expectations, expectation('out', line.lineId, item, 1, policy)] };
}

/**
 * A stable weight: the change since the last one is matched against the first expectation in its
 * direction (core's `checkBaggedWeight` with the store's tolerance multiplier); a change nobody announced
 * raises an alert. Unstable readings are not passed here.
 */
export function weighed(
  s: CartSessionState,
  grams: number,
  policy: WeightPolicy,
  alertId: string,
  at: number,
): { state: CartSessionState; alert: CartAlert | undefined } {
  const delta = grams - s.grams;
  const next = { ...s, grams };
  if (Math.abs(delta) <= policy.noiseGrams) return { state: next, alert: undefined };
  const direction = delta > 0 ? 'in' : 'out';
  const waiting = s.expectations.filter((e) => e.kind === direction);
  const raise = (alert: CartAlert, expectations = s.expectations) => ({
    state: { ...next, expectations, alerts: [...s.alerts, alert] },
    alert,
  });
  if (waiting.length === 0)
    return raise({
      id: alertId,
      kind: direction === 'in' ? 'unscanned-item' : 'unexpected-removal',
      deltaGrams: delta,
      raisedAt: at,
    });
  // The shopper may put several scanned items in at once: the change may be the first one, two, … of them.
  const moved = Math.abs(delta);
  let expected = 0;
  let tolerance = 0;
  let unknown = false;
  for (let k = 0; k < waiting.length; k++) {
    const w = waiting[k] as Expectation;
    expected += w.expectedGrams;
    tolerance += w.toleranceGrams;
    unknown ||= w.unknown;
    const fits = unknown ? moved >= expected - tolerance : Math.abs(moved - expected) <= tolerance;
    if (fits) {
      const taken = new Set(waiting.slice(0, k + 1));
      return {
        state: { ...next, expectations: s.expectations.filter((x) => !taken.has(x)) },
        alert: undefined,
      };
    }
  }
  const e = waiting[0] as Expectation;
  const rest = s.expectations.filter((x) => x !== e);
  return raise(
    {
      id: alertId,
      kind: 'weight-mismatch',
      deltaGrams: delta,
      lineId: e.lineId,
      expectedGrams: direction === 'in' ? e.expectedGrams : -e.expectedGrams,
      raisedAt: at,
    },
    rest,
  );
}

/**
 * Staff resolve an alert: `approve` takes the basket as it is; `remove` means staff took the unscanned item
 * out (the weight it added is expected to leave); `rescan` means staff scanned it (the caller adds the line
 * with `scanned(…, addedBy)`).
 */
export function resolved(
  s: CartSessionState,
  alertId: string,
  action: CartResolution,
  employeeId: string,
  at: number,
  policy: WeightPolicy = DEFAULT_WEIGHT_POLICY,
): CartSessionState | undefined {
  const alert = s.alerts.find((a) => a.id === alertId && a.resolved === undefined);
  if (!alert) return undefined;
  const alerts = s.alerts.map((a) => (a === alert ? { ...a, resolved: { action, employeeId, at } } : a));
  const expectations =
    action === 'remove' && alert.deltaGrams > 0
      ? [
          ...s.expectations,
          {
            kind: 'out' as const,
            lineId: alert.lineId ?? '',
            expectedGrams: alert.deltaGrams,
            toleranceGrams: policy.noiseGrams * 2,
            unknown: false,
          },
        ]
      : s.expectations;
  // A mismatched line that staff remove goes out of the basket with its item.
  const lines =
    action === 'remove' && alert.lineId ? s.lines.filter((l) => l.lineId !== alert.lineId) : s.lines;
  return { ...s, alerts, expectations, lines };
}

/** Why checkout must wait, or undefined when it may go ahead. */
export function checkoutBlocker(
  s: CartSessionState,
): 'open-alerts' | 'item-not-placed' | 'empty' | 'paid' | undefined {
  if (s.status === 'paid') return 'paid';
  if (openAlerts(s).length > 0) return 'open-alerts';
  if (s.expectations.some((e) => e.kind === 'in')) return 'item-not-placed';
  if (s.lines.length === 0) return 'empty';
  return undefined;
}
