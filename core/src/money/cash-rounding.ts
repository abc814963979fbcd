import { err, ok, type Result } from '../result.js';
import { currencyOf } from './currencies.js';

export type CashRoundingError = 'unknown-currency' | 'invalid-cash-step';

/**
 * The cash step in minor units for a store: its configured step, or the currency's default.
 * A configured step must be a positive integer (CNY 0.10 = 10, CHF 0.05 = 5).
 */
export function cashStepFor(currency: string, configuredStep?: number): Result<number, CashRoundingError> {
  const c = currencyOf(currency);
  if (!c.ok) return c;
  if (configuredStep === undefined) return ok(c.value.cashStep);
  if (!Number.isSafeInteger(configuredStep) || configuredStep < 1) {
    return err(
      'invalid-cash-step',
      `cash step must be a positive integer of minor units, got ${configuredStep}`,
    );
  }
  return ok(configuredStep);
}

/**
 * Rounds an amount to the nearest multiple of `step`, halves away from zero (CHF 12.325 → 12.35 at step 5 —
 * the 2.5 rappen half goes up). Idempotent: a multiple of the step is returned unchanged.
 */
export function roundToCashStep(amount: number, step: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  if (!Number.isSafeInteger(step) || step < 1)
    throw new RangeError(`step must be a positive integer, got ${step}`);
  if (step === 1) return amount;
  const negative = amount < 0;
  const abs = negative ? -amount : amount;
  const r = abs % step;
  const rounded = r * 2 >= step ? abs - r + step : abs - r;
  return negative && rounded !== 0 ? -rounded : rounded;
}
