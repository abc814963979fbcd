export type { TaxableLine, TaxComputation } from './compute-tax.js';
export { computeTax, summariseTax } from './compute-tax.js';
export { taxRateInForce } from './tax-rate-in-force.js';
