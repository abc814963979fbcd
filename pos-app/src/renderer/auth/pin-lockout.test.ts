import { describe, expect, it } from 'vitest';
import {
  checkPolicy,
  clearLockout,
  type LockoutState,
  lockoutStatus,
  parseLockoutState,
  recordPinFailure,
} from './pin-lockout.js';

const policy = { maxFailures: 5, lockMs: 60_000 };

describe('wrong-PIN lock-out at a lane', () => {
  it('locks on the fifth wrong PIN in a row, not before', () => {
    let state: LockoutState = {};
    for (let i = 1; i <= 4; i++) {
      const out = recordPinFailure(state, 'ana', 1000 + i, policy);
      expect(out.failures).toBe(i);
      expect(out.lockedUntil).toBeUndefined();
      state = out.state;
    }
    expect(lockoutStatus(state, 'ana', 1005, policy)).toEqual({ locked: false, failures: 4, remaining: 1 });
    const fifth = recordPinFailure(state, 'ana', 2000, policy);
    expect(fifth.failures).toBe(5);
    expect(fifth.lockedUntil).toBe(62_000);
    expect(lockoutStatus(fifth.state, 'ana', 61_999, policy)).toEqual({ locked: true, until: 62_000 });
  });

  it('counts each employee apart', () => {
    let state: LockoutState = {};
    for (let i = 0; i < 5; i++) state = recordPinFailure(state, 'ana', i, policy).state;
    expect(lockoutStatus(state, 'ana', 10, policy).locked).toBe(true);
    expect(lockoutStatus(state, 'bo', 10, policy)).toEqual({ locked: false, failures: 0, remaining: 5 });
  });

  it('a failure while locked neither extends nor resets the lock', () => {
    let state: LockoutState = {};
    for (let i = 0; i < 5; i++) state = recordPinFailure(state, 'ana', 0, policy).state;
    const again = recordPinFailure(state, 'ana', 30_000, policy);
    expect(again.state).toBe(state);
    expect(again.lockedUntil).toBe(60_000);
  });

  it('ends by itself after the set time, starting the count again', () => {
    let state: LockoutState = {};
    for (let i = 0; i < 5; i++) state = recordPinFailure(state, 'ana', 0, policy).state;
    expect(lockoutStatus(state, 'ana', 60_000, policy)).toEqual({ locked: false, failures: 0, remaining: 5 });
    const after = recordPinFailure(state, 'ana', 60_001, policy);
    expect(after.failures).toBe(1);
    expect(after.lockedUntil).toBeUndefined();
  });

  it('a good PIN or a supervisor unlock clears the count', () => {
    let state: LockoutState = {};
    for (let i = 0; i < 5; i++) state = recordPinFailure(state, 'ana', 0, policy).state;
    state = clearLockout(state, 'ana');
    expect(lockoutStatus(state, 'ana', 1, policy)).toEqual({ locked: false, failures: 0, remaining: 5 });
    expect(clearLockout(state, 'nobody')).toBe(state);
  });

  it('reads back what it stored and drops malformed entries', () => {
    const state = recordPinFailure({}, 'ana', 0, policy).state;
    expect(parseLockoutState(JSON.stringify(state))).toEqual(state);
    expect(parseLockoutState('{not json')).toEqual({});
    expect(parseLockoutState('[1,2]')).toEqual({});
    expect(parseLockoutState(null)).toEqual({});
    expect(
      parseLockoutState(
        JSON.stringify({ a: { failures: -1 }, b: 'x', c: { failures: 2, lockedUntil: 'soon' } }),
      ),
    ).toEqual({ c: { failures: 2 } });
  });

  it('refuses a policy that could never lock or never unlock', () => {
    expect(() => checkPolicy({ maxFailures: 0, lockMs: 1 })).toThrow(/maxFailures/);
    expect(() => checkPolicy({ maxFailures: 5, lockMs: 0 })).toThrow(/lockMs/);
    expect(checkPolicy(policy)).toBe(policy);
  });
});
