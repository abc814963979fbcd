import { err, ok, type Result } from '../result.js';
import { addMinor, multiplyByQuantity, subtractMinor } from './arithmetic.js';
import { currencyOf } from './currencies.js';

/** An amount of money: an integer count of minor units of an ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export type AmountError = 'not-an-amount' | 'fraction-of-minor-unit' | 'negative-amount' | 'amount-too-large';
export type MoneyError = AmountError | 'unknown-currency' | 'currency-mismatch';

/**
 * Checks an amount of minor units arriving from outside (an import, a keyed price, a request body).
 * `what` names the field in the error so the caller can tell the user which value is wrong.
 */
export function checkAmount(
  value: unknown,
  what: string,
  options: { allowNegative?: boolean } = {},
): Result<number, AmountError> {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return err('not-an-amount', `${what} must be a number of minor units`, what);
  }
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return err('amount-too-large', `${what} is out of range`, what);
  }
  if (!Number.isInteger(value)) {
    return err('fraction-of-minor-unit', `${what} has a fraction of a minor unit (${value})`, what);
  }
  if (value < 0 && options.allowNegative !== true) {
    return err('negative-amount', `${what} must not be negative (${value})`, what);
  }
  return ok(value);
}

export function money(amount: unknown, currency: string): Result<Money, AmountError | 'unknown-currency'> {
  const c = currencyOf(currency);
  if (!c.ok) return c;
  const a = checkAmount(amount, 'amount', { allowNegative: true });
  if (!a.ok) return a;
  return ok({ amount: a.value, currency });
}

function sameCurrency(a: Money, b: Money): Result<string, 'currency-mismatch'> {
  if (a.currency !== b.currency) {
    return err('currency-mismatch', `cannot combine ${a.currency} with ${b.currency}`);
  }
  return ok(a.currency);
}

export function addMoney(a: Money, b: Money): Result<Money, 'currency-mismatch'> {
  const c = sameCurrency(a, b);
  if (!c.ok) return c;
  return ok({ amount: addMinor(a.amount, b.amount), currency: c.value });
}

export function subtractMoney(a: Money, b: Money): Result<Money, 'currency-mismatch'> {
  const c = sameCurrency(a, b);
  if (!c.ok) return c;
  return ok({ amount: subtractMinor(a.amount, b.amount), currency: c.value });
}

export function multiplyMoney(unitPrice: Money, quantity: number): Result<Money, 'invalid-quantity'> {
  if (!Number.isSafeInteger(quantity)) {
    return err('invalid-quantity', `quantity must be a whole number, got ${quantity}`);
  }
  return ok({ amount: multiplyByQuantity(unitPrice.amount, quantity), currency: unitPrice.currency });
}
