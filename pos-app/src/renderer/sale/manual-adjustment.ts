import { err, multiplyByQuantity, ok, type Result, type SaleLineDoc, subtractMinor } from '@storefloor/core';

/** "10", "12.5", "7.25" percent as basis points (1 % = 100 bps), 0 < p ≤ 100. */
export function parsePercentBps(text: string): Result<number, 'invalid-percent'> {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return err('invalid-percent', `'${text}' is not a percentage like 10 or 12.5`);
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bps <= 0 || bps > 10_000) return err('invalid-percent', 'a percentage is above 0 and at most 100');
  return ok(bps);
}

export type PriceOverrideError = 'override-weighed-line' | 'override-not-lower' | 'line-voided';

/**
 * A price override as the manual line discount that takes the line from what it costs now (after promotions)
 * to `newUnitPrice` × quantity. Core's manual discounts only ever take off, so an override can lower a price,
 * never raise it; a weighed line is overridden as a line discount instead.
 */
export function priceOverrideDiscount(
  line: SaleLineDoc,
  newUnitPrice: number,
): Result<number, PriceOverrideError> {
  if (line.voided) return err('line-voided', `line ${line.id} is voided`);
  if (line.unit === 'weight') return err('override-weighed-line', 'weighed lines take a line discount');
  const wanted = multiplyByQuantity(newUnitPrice, line.quantity);
  const off = subtractMinor(line.amount, wanted);
  if (off <= 0) return err('override-not-lower', `the line already costs ${line.amount}`);
  return ok(off);
}
