import { err, ok, type Result } from '@storefloor/core';

export type WeightUnit = 'kg' | 'g' | 'lb' | 'oz';

/** Milligrams per unit as exact integers: 1 lb = 453.59237 g by definition (International yard and pound, 1959). */
const MICROGRAMS_PER_UNIT: Readonly<Record<WeightUnit, bigint>> = {
  kg: 1_000_000_000n,
  g: 1_000_000n,
  lb: 453_592_370n,
  oz: 28_349_523n,
};

/**
 * Turns a decimal weight as a scale prints it ("  01.250", "3.5", "0125") into integer grams, rounding
 * half up, with no floating point anywhere. Pure.
 */
export function parseDecimalWeight(text: string, unit: WeightUnit): Result<number, 'bad-weight'> {
  const trimmed = text.trim();
  const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (!match || trimmed === '' || trimmed === '.' || trimmed.length > 12) {
    return err('bad-weight', `not a weight: ${JSON.stringify(text)}`);
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const scale = 10n ** BigInt(fraction.length);
  const units = BigInt(whole === '' ? '0' : whole) * scale + BigInt(fraction === '' ? '0' : fraction);
  const micrograms = units * MICROGRAMS_PER_UNIT[unit];
  const denominator = scale * 1_000_000n;
  const grams = (micrograms * 2n + denominator) / (denominator * 2n);
  return ok(Number(grams));
}
