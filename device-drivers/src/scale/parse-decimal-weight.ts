import { err, ok, type Result } from '@storefloor/core';

export type WeightUnit = 'kg' | 'g' | 'lb' | 'oz';

/**
 * Nanograms per unit as exact integers: 1 lb = 453.59237 g by definition (International yard and pound,
 * 1959) and 1 oz = 1/16 lb = 28.349523125 g, so both are whole numbers of nanograms.
 */
const NANOGRAMS_PER_UNIT: Readonly<Record<WeightUnit, bigint>> = {
  kg: 1_000_000_000_000n,
  g: 1_000_000_000n,
  lb: 453_592_370_000n,
  oz: 28_349_523_125n,
};

/**
 * Turns a decimal weight as a scale prints it ("  01.250", "3.5", "0125") into integer grams, rounding
 * half up, with no floating point anywhere. Pure.
 */
export function parseDecimalWeight(text: string, unit: WeightUnit): Result<number, 'bad-weight'> {
  const reading = parseExact(text, unit);
  return reading.ok ? ok(roundToGrams(reading.value)) : reading;
}

/**
 * A pounds-and-ounces reading ("2LB 12.5OZ") as integer grams, summed exactly before the one rounding, so
 * it never differs by a gram from the same weight read in ounces alone.
 */
export function parsePoundsAndOunces(pounds: string, ounces: string): Result<number, 'bad-weight'> {
  const lb = parseExact(pounds, 'lb');
  if (!lb.ok) return lb;
  const oz = parseExact(ounces, 'oz');
  if (!oz.ok) return oz;
  return ok(
    roundToGrams({
      units: lb.value.units * oz.value.scale * 16n + oz.value.units * lb.value.scale,
      scale: lb.value.scale * oz.value.scale,
      unit: 'oz',
    }),
  );
}

interface ExactReading {
  readonly units: bigint;
  readonly scale: bigint;
  readonly unit: WeightUnit;
}

function roundToGrams({ units, scale, unit }: ExactReading): number {
  const nanograms = units * NANOGRAMS_PER_UNIT[unit];
  const denominator = scale * 1_000_000_000n;
  return Number((nanograms * 2n + denominator) / (denominator * 2n));
}

function parseExact(text: string, unit: WeightUnit): Result<ExactReading, 'bad-weight'> {
  const trimmed = text.trim();
  const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (!match || trimmed === '' || trimmed === '.' || trimmed.length > 12) {
    return err('bad-weight', `not a weight: ${JSON.stringify(text)}`);
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const scale = 10n ** BigInt(fraction.length);
  const units = BigInt(whole === '' ? '0' : whole) * scale + BigInt(fraction === '' ? '0' : fraction);
  return ok({ units, scale, unit });
}
