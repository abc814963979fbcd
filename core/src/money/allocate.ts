/**
 * Splits `amount` over parts in proportion to `weights` so that the shares sum to exactly `amount`
 * (largest remainder method). Every share is floor(amount × w / Σw) plus at most one minor unit; the extra
 * units go to the largest remainders, ties to the lowest index, so the result depends only on the inputs.
 *
 * With all weights zero the amount is spread evenly (same tie-break). Amount and weights are non-negative
 * safe integers; anything else is a programming error.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be >= 0, got ${amount}`);
  const n = weights.length;
  if (n === 0) {
    if (amount !== 0) throw new RangeError('cannot allocate a non-zero amount over no parts');
    return [];
  }
  let total = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be integers >= 0, got ${w}`);
    total += w;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('sum of weights is too large');
  const effective = total === 0 ? weights.map(() => 1) : weights;
  const denominator = total === 0 ? n : total;

  const shares = new Array<number>(n);
  const remainders = new Array<number>(n);
  let given = 0;
  const big = !Number.isSafeInteger(amount * denominator);
  for (let i = 0; i < n; i++) {
    const w = effective[i]!;
    if (big) {
      const p = BigInt(amount) * BigInt(w);
      const d = BigInt(denominator);
      shares[i] = Number(p / d);
      remainders[i] = Number(p % d);
    } else {
      const p = amount * w;
      const q = Math.floor(p / denominator);
      shares[i] = q;
      remainders[i] = p - q * denominator;
    }
    given += shares[i]!;
  }
  let left = amount - given;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => remainders[b]! - remainders[a]! || a - b,
    );
    for (let k = 0; left > 0; k++, left--) {
      const i = order[k]!;
      shares[i] = shares[i]! + 1;
    }
  }
  return shares;
}
