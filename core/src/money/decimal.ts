import { err, ok, type Result } from '../result.js';
import { currencyOf } from './currencies.js';

export type DecimalAmountError =
  | 'unknown-currency'
  | 'not-an-amount'
  | 'fraction-of-minor-unit'
  | 'amount-too-large';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string such as '12.30' into minor units of `currency`. Digits beyond the currency's
 * minor unit are refused unless they are zeros ('1.005 EUR' is `fraction-of-minor-unit`); numbers (floats)
 * are deliberately not accepted.
 */
export function parseDecimalAmount(text: string, currency: string): Result<number, DecimalAmountError> {
  const c = currencyOf(currency);
  if (!c.ok) return c;
  const m = DECIMAL.exec(text.trim());
  if (m === null) return err('not-an-amount', `'${text}' is not a decimal amount`);
  const [, sign, whole, fraction = ''] = m;
  const exponent = c.value.exponent;
  const kept = fraction.slice(0, exponent);
  if (/[1-9]/.test(fraction.slice(exponent))) {
    return err(
      'fraction-of-minor-unit',
      `'${text}' has more than ${exponent} decimal place(s), the minor unit of ${currency}`,
    );
  }
  const digits = `${whole}${kept.padEnd(exponent, '0')}`;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return err('amount-too-large', `'${text}' is too large`);
  return ok(sign === '-' && value !== 0 ? -value : value);
}

/** Formats minor units as a plain decimal string with the currency's decimal places ('12.30'). */
export function formatDecimalAmount(amount: number, currency: string): Result<string, 'unknown-currency'> {
  const c = currencyOf(currency);
  if (!c.ok) return c;
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  const exponent = c.value.exponent;
  const negative = amount < 0;
  const digits = String(negative ? -amount : amount).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const text = exponent === 0 ? whole : `${whole}.${digits.slice(digits.length - exponent)}`;
  return ok(negative ? `-${text}` : text);
}
