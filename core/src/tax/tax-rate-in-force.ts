import { versionInForce } from '../catalog/version-in-force.js';
import { err, ok, type Result } from '../result.js';
import type { TaxRateDoc } from '../schemas/tax-rates.js';

/** The rate of a tax class in force in a store at an instant. */
export function taxRateInForce(
  taxClass: string,
  storeId: string,
  instant: number,
  rates: readonly TaxRateDoc[],
): Result<TaxRateDoc, 'no-tax-rate'> {
  const rate = versionInForce(
    rates.filter((r) => r.taxClass === taxClass),
    storeId,
    instant,
  );
  if (rate === undefined) {
    return err('no-tax-rate', `no tax rate for class '${taxClass}' in store '${storeId}' at ${instant}`);
  }
  return ok(rate);
}
