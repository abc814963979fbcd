import { err, ok, type Result } from '../result.js';
import { addMinor, multiplyByQuantity } from './arithmetic.js';

/**
 * Notes and coins in circulation, in minor units, as issued by each central bank (ECB, Fed, BoE, SNB,
 * PBoC, BoJ, Riksbank). Drawer counts are checked against these.
 */
const DENOMINATIONS: Readonly<Record<string, readonly number[]>> = {
  EUR: [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  USD: [10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5, 1],
  GBP: [5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CHF: [100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5],
  CNY: [10000, 5000, 2000, 1000, 500, 100, 50, 10],
  JPY: [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1],
  SEK: [100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100],
};

export function denominationsOf(currency: string): Result<readonly number[], 'unknown-currency'> {
  const list = DENOMINATIONS[currency];
  if (list === undefined) return err('unknown-currency', `no denominations known for '${currency}'`);
  return ok(list);
}

export interface DenominationCount {
  readonly value: number;
  readonly count: number;
}

export type CashCountError = 'unknown-currency' | 'unknown-denomination' | 'invalid-count';

/** Totals a drawer count, refusing denominations the currency does not have and non-whole counts. */
export function totalCashCount(
  currency: string,
  counts: readonly DenominationCount[],
): Result<number, CashCountError> {
  const known = denominationsOf(currency);
  if (!known.ok) return known;
  let total = 0;
  for (const { value, count } of counts) {
    if (!known.value.includes(value)) {
      return err(
        'unknown-denomination',
        `${value} is not a ${currency} note or coin`,
        `denominations.${value}`,
      );
    }
    if (!Number.isSafeInteger(count) || count < 0) {
      return err('invalid-count', `count of ${value} must be a whole number >= 0, got ${count}`);
    }
    total = addMinor(total, multiplyByQuantity(value, count));
  }
  return ok(total);
}
