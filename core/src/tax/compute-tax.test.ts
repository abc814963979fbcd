import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaxRateDoc } from '../schemas/tax-rates.js';
import { computeTax } from './compute-tax.js';
import { taxRateInForce } from './tax-rate-in-force.js';

const A = { taxRateId: 'fr-20', rateBps: 2000, label: 'A 20%' };
const B = { taxRateId: 'fr-5.5', rateBps: 550, label: 'B 5.5%' };
const C = { taxRateId: 'fr-0', rateBps: 0, label: 'C 0%' };

describe('computeTax', () => {
  it('extracts tax from tax-inclusive prices and summarises per rate', () => {
    const r = computeTax(
      [
        { ...A, amount: 1200 },
        { ...B, amount: 211 },
        { ...A, amount: 600 },
      ],
      'inclusive',
      'line',
    );
    expect(r.lineTaxes).toEqual([200, 11, 100]);
    expect(r.summary).toEqual([
      { ...A, base: 1500, tax: 300 },
      { ...B, base: 200, tax: 11 },
    ]);
    expect(r.totalTax).toBe(311);
  });

  it('adds tax on top of tax-exclusive prices', () => {
    const r = computeTax([{ ...A, amount: 1000 }], 'exclusive', 'line');
    expect(r.lineTaxes).toEqual([200]);
    expect(r.summary[0]).toMatchObject({ base: 1000, tax: 200 });
  });

  it('rounding per document differs from per line, and still spreads exactly over the lines', () => {
    // Three lines of 0.10 at 5.5 %: 0.0055 each. Per line: 3 × 0.01 = 0.03. Per document: 0.0165 → 0.02.
    const lines = [
      { ...B, amount: 10 },
      { ...B, amount: 10 },
      { ...B, amount: 10 },
    ];
    expect(computeTax(lines, 'exclusive', 'line').totalTax).toBe(3);
    const doc = computeTax(lines, 'exclusive', 'document');
    expect(doc.totalTax).toBe(2);
    expect(doc.lineTaxes).toEqual([1, 1, 0]);
  });

  const taxable = fc.record({
    rate: fc.constantFrom(A, B, C),
    amount: fc.integer({ min: 0, max: 10_000_000 }),
  });

  it('per-rate summary sums exactly to the total tax, and line taxes too, in every mode', () => {
    fc.assert(
      fc.property(
        fc.array(taxable, { maxLength: 80 }),
        fc.constantFrom('inclusive', 'exclusive') as fc.Arbitrary<'inclusive' | 'exclusive'>,
        fc.constantFrom('line', 'document') as fc.Arbitrary<'line' | 'document'>,
        (items, mode, rounding) => {
          const r = computeTax(
            items.map((i) => ({ ...i.rate, amount: i.amount })),
            mode,
            rounding,
          );
          const summaryTax = r.summary.reduce((a, s) => a + s.tax, 0);
          expect(summaryTax).toBe(r.totalTax);
          expect(r.lineTaxes.reduce((a, t) => a + t, 0)).toBe(r.totalTax);
          if (mode === 'inclusive') {
            for (const s of r.summary)
              expect(s.base + s.tax).toBe(
                items.filter((i) => i.rate.taxRateId === s.taxRateId).reduce((a, i) => a + i.amount, 0),
              );
          }
        },
      ),
    );
  });

  it('the summary does not depend on line order', () => {
    fc.assert(
      fc.property(
        fc.array(taxable, { maxLength: 30 }),
        fc.constantFrom('line', 'document'),
        (items, rounding) => {
          const lines = items.map((i) => ({ ...i.rate, amount: i.amount }));
          const r1 = computeTax(lines, 'inclusive', rounding as 'line' | 'document');
          const r2 = computeTax([...lines].reverse(), 'inclusive', rounding as 'line' | 'document');
          expect(r2.summary).toEqual(r1.summary);
        },
      ),
    );
  });
});

describe('taxRateInForce', () => {
  const rate = (id: string, over: Partial<TaxRateDoc>): TaxRateDoc => ({
    id,
    storeId: '*',
    taxClass: 'reduced',
    rateBps: 550,
    label: 'B',
    validFrom: 0,
    createdAt: 0,
    ...over,
  });
  it('picks the version in force for the class at the instant', () => {
    const rates = [
      rate('old', { rateBps: 700 }),
      rate('new', { rateBps: 550, validFrom: 1000 }),
      rate('std', { taxClass: 'standard', rateBps: 2000 }),
    ];
    expect(taxRateInForce('reduced', 's1', 999, rates)).toMatchObject({ ok: true, value: { id: 'old' } });
    expect(taxRateInForce('reduced', 's1', 1000, rates)).toMatchObject({ ok: true, value: { id: 'new' } });
    expect(taxRateInForce('alcohol', 's1', 1000, rates)).toMatchObject({ ok: false, reason: 'no-tax-rate' });
  });
});
