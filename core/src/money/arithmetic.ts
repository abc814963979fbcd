/**
 * Integer arithmetic on minor units. This folder is the one place money is computed: tax, pricing, sale and
 * reports call these functions and never multiply, divide or round an amount themselves.
 *
 * Rounding rule, everywhere: half away from zero ("commercial rounding", half-up for positive amounts).
 * Amounts that would leave the safe-integer range are a programming error and throw a RangeError.
 */

function assertSafe(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return value;
}

/** Adds minor-unit amounts. */
export function addMinor(a: number, b: number): number {
  return assertSafe(assertSafe(a, 'amount') + assertSafe(b, 'amount'), 'sum');
}

export function subtractMinor(a: number, b: number): number {
  return assertSafe(assertSafe(a, 'amount') - assertSafe(b, 'amount'), 'difference');
}

export function sumMinor(amounts: Iterable<number>): number {
  let total = 0;
  for (const a of amounts) total += assertSafe(a, 'amount');
  return assertSafe(total, 'sum');
}

/** Price of `quantity` whole units. */
export function multiplyByQuantity(unitPrice: number, quantity: number): number {
  assertSafe(unitPrice, 'unit price');
  assertSafe(quantity, 'quantity');
  return assertSafe(unitPrice * quantity, 'line amount');
}

/**
 * `value × numerator / denominator` rounded half away from zero, exact for any safe-integer inputs
 * (falls back to BigInt when the product would lose precision).
 */
export function mulDivRound(value: number, numerator: number, denominator: number): number {
  assertSafe(value, 'value');
  assertSafe(numerator, 'numerator');
  assertSafe(denominator, 'denominator');
  if (denominator <= 0) throw new RangeError(`denominator must be positive, got ${denominator}`);
  // IEEE 754 makes -1 × 0 a negative zero; a receipt must never show "-0.00", so normalise it here.
  const product = value * numerator + 0;
  if (Number.isSafeInteger(product)) return divRoundSafe(product, denominator);
  const p = BigInt(value) * BigInt(numerator);
  const d = BigInt(denominator);
  const negative = p < 0n;
  const abs = negative ? -p : p;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return assertSafe(Number(negative && q !== 0n ? -q : q), 'result');
}

function divRoundSafe(p: number, d: number): number {
  const negative = p < 0;
  const abs = negative ? -p : p;
  let q = Math.floor(abs / d);
  let r = abs - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  if (r * 2 >= d) q += 1;
  return negative && q !== 0 ? -q : q;
}

/**
 * Price of a weighed article: price per kilogram × net grams / 1000, rounded half-up to the minor unit.
 * This is the one rule for weight pricing (OIML R 76 scales print the same figure).
 */
export function multiplyByWeight(pricePerKg: number, grams: number): number {
  return mulDivRound(pricePerKg, grams, 1000);
}

/** `basisPoints` / 10 000 of an amount, rounded half-up (2000 bps = 20 %). */
export function percentOf(amount: number, basisPoints: number): number {
  return mulDivRound(amount, basisPoints, 10_000);
}

/** The tax contained in a tax-inclusive amount: amount × rate / (1 + rate), rounded half-up. */
export function taxIncluded(grossAmount: number, rateBps: number): number {
  return mulDivRound(grossAmount, rateBps, 10_000 + rateBps);
}

/** The tax to add to a tax-exclusive amount: amount × rate, rounded half-up. */
export function taxOnTop(netAmount: number, rateBps: number): number {
  return mulDivRound(netAmount, rateBps, 10_000);
}

export function minMinor(a: number, b: number): number {
  return Math.min(a, b);
}

/**
 * The part of `value` that belongs to `part` out of `whole` (rounded half-up). Refunds use it cumulatively —
 * refund = prorate(v, returnedBefore + k, q) − prorate(v, returnedBefore, q) — so any sequence of partial
 * returns adds up to exactly `value` when everything has come back, never more.
 */
export function prorate(value: number, part: number, whole: number): number {
  if (part < 0 || part > whole) throw new RangeError(`part ${part} is outside 0..${whole}`);
  return mulDivRound(value, part, whole);
}
