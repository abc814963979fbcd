import { err, parseDecimalAmount, type Result } from '@storefloor/core';
import type { FieldParser } from './field-parsers.js';

/**
 * A money field: a decimal string ("12.99") in `currency`, turned into integer minor units by core's one
 * money module. A JSON number is refused (a float may already have lost a cent), and so is a fraction of a
 * minor unit ("1.005" EUR): never rounded silently.
 */
export function moneyIn(currency: string, options: { allowNegative?: boolean } = {}): FieldParser<number> {
  return (value): Result<number> => {
    if (typeof value !== 'string')
      return err('not-a-decimal-string', 'money is written as a decimal string, e.g. "12.99"');
    const parsed = parseDecimalAmount(value, currency);
    if (!parsed.ok) return parsed;
    if (parsed.value < 0 && !options.allowNegative)
      return err('negative-amount', 'the amount must not be negative');
    return parsed;
  };
}

/** A percentage with at most two decimals ("12.5") as basis points (1250). */
export function percentAsBps(value: unknown): Result<number> {
  const source = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(source);
  if (!match) return err('not-a-percentage', 'expected a percentage such as 12.5 (at most two decimals)');
  const bps = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bps > 10_000 ? err('out-of-range', 'at most 100 %') : { ok: true, value: bps };
}
