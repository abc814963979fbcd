import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashStepFor, roundToCashStep } from './cash-rounding.js';

describe('cash rounding', () => {
  it('rounds CHF to 0.05 with the 2.5 rappen half going up', () => {
    expect(roundToCashStep(1232, 5)).toBe(1230);
    expect(roundToCashStep(1233, 5)).toBe(1235);
    expect(roundToCashStep(1237, 5)).toBe(1235);
    expect(roundToCashStep(1238, 5)).toBe(1240);
  });
  it('rounds CNY to 0.10 when the store configures it', () => {
    const step = cashStepFor('CNY', 10);
    expect(step).toEqual({ ok: true, value: 10 });
    expect(roundToCashStep(1234, 10)).toBe(1230);
    expect(roundToCashStep(1235, 10)).toBe(1240);
  });
  it('uses the currency default when not configured, and refuses a bad step or currency', () => {
    expect(cashStepFor('CHF')).toEqual({ ok: true, value: 5 });
    expect(cashStepFor('EUR')).toEqual({ ok: true, value: 1 });
    expect(cashStepFor('XXX')).toMatchObject({ ok: false, reason: 'unknown-currency' });
    expect(cashStepFor('CHF', 2.5)).toMatchObject({ ok: false, reason: 'invalid-cash-step' });
    expect(cashStepFor('CHF', 0)).toMatchObject({ ok: false, reason: 'invalid-cash-step' });
  });
  it('is idempotent, lands on a multiple of the step and moves at most half a step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 1000 }),
        (amount, step) => {
          const once = roundToCashStep(amount, step);
          expect(roundToCashStep(once, step)).toBe(once);
          expect(Math.abs(once % step)).toBe(0);
          expect(Math.abs(once - amount) * 2).toBeLessThanOrEqual(step);
        },
      ),
    );
  });
});
