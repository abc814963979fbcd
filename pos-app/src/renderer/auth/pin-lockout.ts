/**
 * The wrong-PIN lock-out at one lane, as pure functions over a small state kept in the lane's own storage
 * (localStorage: it belongs to this lane only, so it is no replicated collection). After `maxFailures` wrong
 * PINs in a row an employee is locked at this lane until `lockMs` have passed or a supervisor unlocks them.
 */
export interface PinLockoutPolicy {
  /** Wrong PINs in a row that lock the employee (the issue: five). */
  readonly maxFailures: number;
  /** How long a lock lasts when no supervisor lifts it. */
  readonly lockMs: number;
}

export const DEFAULT_PIN_LOCKOUT: PinLockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

export interface EmployeeLockout {
  /** Wrong PINs since the last good one (or the last lock's end). */
  readonly failures: number;
  /** Epoch ms the lock ends; absent while not locked. */
  readonly lockedUntil?: number;
}

export type LockoutState = Readonly<Record<string, EmployeeLockout>>;

export type LockoutStatus =
  | { readonly locked: false; readonly failures: number; readonly remaining: number }
  | { readonly locked: true; readonly until: number };

export function checkPolicy(policy: PinLockoutPolicy): PinLockoutPolicy {
  if (!Number.isSafeInteger(policy.maxFailures) || policy.maxFailures < 1)
    throw new RangeError('maxFailures must be a whole number ≥ 1');
  if (!Number.isSafeInteger(policy.lockMs) || policy.lockMs < 1)
    throw new RangeError('lockMs must be a whole number of milliseconds ≥ 1');
  return policy;
}

/** Where the employee stands now: a lock that has run out counts as no lock and no failures. */
export function lockoutStatus(
  state: LockoutState,
  employeeId: string,
  now: number,
  policy: PinLockoutPolicy = DEFAULT_PIN_LOCKOUT,
): LockoutStatus {
  const entry = state[employeeId];
  if (entry?.lockedUntil !== undefined && now < entry.lockedUntil)
    return { locked: true, until: entry.lockedUntil };
  const failures = entry?.lockedUntil !== undefined ? 0 : (entry?.failures ?? 0);
  return { locked: false, failures, remaining: policy.maxFailures - failures };
}

export interface FailureOutcome {
  readonly state: LockoutState;
  /** Wrong PINs in a row, this one included. */
  readonly failures: number;
  /** Set when this failure locked the employee. */
  readonly lockedUntil?: number;
}

/** Records one wrong PIN; the `maxFailures`-th in a row locks. A failure while locked changes nothing. */
export function recordPinFailure(
  state: LockoutState,
  employeeId: string,
  now: number,
  policy: PinLockoutPolicy = DEFAULT_PIN_LOCKOUT,
): FailureOutcome {
  const status = lockoutStatus(state, employeeId, now, policy);
  if (status.locked) return { state, failures: policy.maxFailures, lockedUntil: status.until };
  const failures = status.failures + 1;
  if (failures >= policy.maxFailures) {
    const lockedUntil = now + policy.lockMs;
    return { state: { ...state, [employeeId]: { failures, lockedUntil } }, failures, lockedUntil };
  }
  return { state: { ...state, [employeeId]: { failures } }, failures };
}

/** A good PIN, a badge sign-in or a supervisor's unlock: the count starts again. */
export function clearLockout(state: LockoutState, employeeId: string): LockoutState {
  if (!(employeeId in state)) return state;
  const { [employeeId]: _cleared, ...rest } = state;
  return rest;
}

/** Reads a stored state, dropping anything malformed (a corrupt entry must not lock or unlock anyone). */
export function parseLockoutState(text: string | null | undefined): LockoutState {
  if (!text) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const state: Record<string, EmployeeLockout> = {};
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const { failures, lockedUntil } = value as { failures?: unknown; lockedUntil?: unknown };
    if (!Number.isSafeInteger(failures) || (failures as number) < 0) continue;
    state[id] =
      typeof lockedUntil === 'number' && Number.isFinite(lockedUntil)
        ? { failures: failures as number, lockedUntil }
        : { failures: failures as number };
  }
  return state;
}
