import { allocate } from '../money/allocate.js';
import { subtractMinor, sumMinor, taxIncluded, taxOnTop } from '../money/arithmetic.js';
import type { SaleTaxDoc, TaxMode, TaxRounding } from '../schemas/sales.js';

export interface TaxableLine {
  /** Amount after discounts, in the store's price basis (tax included when `mode` is 'inclusive'). */
  readonly amount: number;
  readonly taxRateId: string;
  readonly rateBps: number;
  readonly label: string;
}

export interface TaxComputation {
  /** Tax of each input line, same order. */
  readonly lineTaxes: number[];
  /** One entry per rate, ordered by rate (highest first) then id; its `tax` values sum to `totalTax`. */
  readonly summary: SaleTaxDoc[];
  readonly totalTax: number;
}

/**
 * Tax of a document. With 'line' rounding each line's tax is rounded and a rate's tax is the sum of its
 * lines. With 'document' rounding the tax of each rate is computed once on the sum of its lines and then
 * spread back over those lines (largest remainder), so line taxes still sum to the rate's tax.
 */
export function computeTax(
  lines: readonly TaxableLine[],
  mode: TaxMode,
  rounding: TaxRounding,
): TaxComputation {
  const taxOf = mode === 'inclusive' ? taxIncluded : taxOnTop;
  const byRate = new Map<string, { rate: TaxableLine; indexes: number[] }>();
  lines.forEach((line, i) => {
    const group = byRate.get(line.taxRateId);
    if (group === undefined) byRate.set(line.taxRateId, { rate: line, indexes: [i] });
    else {
      if (group.rate.rateBps !== line.rateBps) {
        throw new RangeError(`tax rate '${line.taxRateId}' appears with two different rates`);
      }
      group.indexes.push(i);
    }
  });

  const lineTaxes = new Array<number>(lines.length).fill(0);
  const summary: SaleTaxDoc[] = [];
  for (const [taxRateId, { rate, indexes }] of byRate) {
    const amounts = indexes.map((i) => lines[i]!.amount);
    const amount = sumMinor(amounts);
    let tax: number;
    if (rounding === 'line') {
      indexes.forEach((i, k) => {
        lineTaxes[i] = taxOf(amounts[k]!, rate.rateBps);
      });
      tax = sumMinor(indexes.map((i) => lineTaxes[i]!));
    } else {
      tax = taxOf(amount, rate.rateBps);
      const shares = allocate(tax, amounts);
      indexes.forEach((i, k) => {
        lineTaxes[i] = shares[k]!;
      });
    }
    const base = mode === 'inclusive' ? subtractMinor(amount, tax) : amount;
    summary.push({ taxRateId, label: rate.label, rateBps: rate.rateBps, base, tax });
  }
  summary.sort(
    (a, b) => b.rateBps - a.rateBps || (a.taxRateId < b.taxRateId ? -1 : a.taxRateId > b.taxRateId ? 1 : 0),
  );
  return { lineTaxes, summary, totalTax: sumMinor(summary.map((s) => s.tax)) };
}

/**
 * The per-rate summary of lines whose tax is already known (a return copies its taxes from the sale it
 * refunds): sums, no new rounding.
 */
export function summariseTax(
  lines: readonly (TaxableLine & { readonly tax: number })[],
  mode: TaxMode,
): TaxComputation {
  const byRate = new Map<string, SaleTaxDoc>();
  for (const line of lines) {
    const base = mode === 'inclusive' ? subtractMinor(line.amount, line.tax) : line.amount;
    const entry = byRate.get(line.taxRateId);
    if (entry === undefined) {
      byRate.set(line.taxRateId, {
        taxRateId: line.taxRateId,
        label: line.label,
        rateBps: line.rateBps,
        base,
        tax: line.tax,
      });
    } else {
      entry.base = sumMinor([entry.base, base]);
      entry.tax = sumMinor([entry.tax, line.tax]);
    }
  }
  const summary = [...byRate.values()].sort(
    (a, b) => b.rateBps - a.rateBps || (a.taxRateId < b.taxRateId ? -1 : a.taxRateId > b.taxRateId ? 1 : 0),
  );
  return { lineTaxes: lines.map((l) => l.tax), summary, totalTax: sumMinor(summary.map((s) => s.tax)) };
}
