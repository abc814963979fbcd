import { isKnownCurrency } from '../money/currencies.js';
import { checkAmount } from '../money/money.js';
import { err, ok, type Result } from '../result.js';
import type { PriceDoc } from '../schemas/prices.js';

export type PriceError =
  | 'unknown-currency'
  | 'not-an-amount'
  | 'fraction-of-minor-unit'
  | 'negative-amount'
  | 'amount-too-large'
  | 'member-price-above-price'
  | 'invalid-dates';

/**
 * Rules a price version must meet before HQ publishes it: a known currency, whole minor units (a price
 * of 1.995 EUR is refused, not rounded), a member price no higher than the price, and a real validity window.
 */
export function checkPrice(p: PriceDoc): Result<PriceDoc, PriceError> {
  if (!isKnownCurrency(p.currency)) {
    return err('unknown-currency', `'${p.currency}' is not a known currency`, 'currency');
  }
  const amount = checkAmount(p.amount, 'amount');
  if (!amount.ok) return amount;
  if (p.memberAmount !== undefined) {
    const member = checkAmount(p.memberAmount, 'memberAmount');
    if (!member.ok) return member;
    if (member.value > amount.value) {
      return err('member-price-above-price', 'a member price is not above the price', 'memberAmount');
    }
  }
  if (p.validTo !== undefined && p.validTo <= p.validFrom) {
    return err('invalid-dates', 'validTo must be after validFrom', 'validTo');
  }
  return ok(p);
}
