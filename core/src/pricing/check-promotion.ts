import { isKnownCurrency } from '../money/currencies.js';
import { err, ok, type Result } from '../result.js';
import type { PromotionDoc } from '../schemas/promotions.js';
import { isEmptyTarget } from './promotion-index.js';

export type PromotionError = 'unknown-currency' | 'invalid-rule' | 'invalid-time-window' | 'invalid-dates';

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 1;
const isAmount = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isBps = (n: number) => Number.isInteger(n) && n >= 0 && n <= 10_000;

/** Business rules a promotion must meet before HQ publishes it; each failure names the field. */
export function checkPromotion(p: PromotionDoc): Result<PromotionDoc, PromotionError> {
  if (!isKnownCurrency(p.currency))
    return err('unknown-currency', `'${p.currency}' is not a known currency`, 'currency');
  if (p.validTo !== undefined && p.validTo <= p.validFrom) {
    return err('invalid-dates', 'validTo must be after validFrom', 'validTo');
  }
  for (const [i, w] of (p.timeWindows ?? []).entries()) {
    const days = w.weekdays.length > 0 && w.weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);
    if (!days || !(w.fromMinute >= 0 && w.fromMinute < w.toMinute && w.toMinute <= 1440)) {
      return err(
        'invalid-time-window',
        'a window needs weekdays 1..7 and 0 <= from < to <= 1440',
        `timeWindows.${i}`,
      );
    }
  }
  const r = p.rule;
  const bad = (field: string, detail: string) => err('invalid-rule' as const, detail, `rule.${field}`);
  switch (r.kind) {
    case 'percent-off':
      if (isEmptyTarget(r.target)) return bad('target', 'an item promotion needs a target');
      if (!isBps(r.percentBps)) return bad('percentBps', 'percentBps must be 0..10000');
      break;
    case 'amount-off':
      if (isEmptyTarget(r.target)) return bad('target', 'an item promotion needs a target');
      if (!isAmount(r.amount)) return bad('amount', 'amount must be whole minor units >= 0');
      break;
    case 'multi-buy':
    case 'mix-match':
      if (r.kind === 'multi-buy' && isEmptyTarget(r.target))
        return bad('target', 'a multi-buy needs a target');
      if (r.kind === 'mix-match' && r.productGroupId === '')
        return bad('productGroupId', 'a mix-match needs a group');
      if (!isCount(r.quantity) || r.quantity < 2) return bad('quantity', 'a bundle has at least 2 units');
      if (!isAmount(r.price)) return bad('price', 'price must be whole minor units >= 0');
      break;
    case 'buy-get':
      if (isEmptyTarget(r.target)) return bad('target', 'buy X get Y needs a target');
      if (!isCount(r.buyQuantity)) return bad('buyQuantity', 'buyQuantity must be >= 1');
      if (!isCount(r.getQuantity)) return bad('getQuantity', 'getQuantity must be >= 1');
      if (!isBps(r.getPercentBps)) return bad('getPercentBps', 'getPercentBps must be 0..10000');
      break;
    case 'basket-threshold':
      if (!isAmount(r.threshold)) return bad('threshold', 'threshold must be whole minor units >= 0');
      if ((r.amount === undefined) === (r.percentBps === undefined)) {
        return bad('amount', 'a basket promotion gives either an amount or a percentage');
      }
      if (r.amount !== undefined && !isAmount(r.amount))
        return bad('amount', 'amount must be whole minor units');
      if (r.percentBps !== undefined && !isBps(r.percentBps))
        return bad('percentBps', 'percentBps must be 0..10000');
      break;
  }
  return ok(p);
}
