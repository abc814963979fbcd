import type { Gs1DateContext } from './gs1-date.js';
import {
  checkInternalCodeRule,
  DEFAULT_INTERNAL_CODE_RULES,
  type InternalCodeRule,
} from './internal-code.js';
import {
  type CompiledVariableMeasureRule,
  compileVariableMeasureRule,
  DEFAULT_VARIABLE_MEASURE_RULES,
  type VariableMeasureRule,
} from './variable-measure.js';

export type BarcodeOptions = {
  /** The store's variable-measure nomenclature, tried in order; defaults to `DEFAULT_VARIABLE_MEASURE_RULES`. */
  readonly variableMeasureRules?: readonly VariableMeasureRule[];
  /** Receipt, member card, badge and coupon prefixes, tried in order before anything else. */
  readonly internalCodeRules?: readonly InternalCodeRule[];
  /** Decimal places of the store's currency (2 for EUR and USD, 0 for JPY, 3 for KWD). */
  readonly currencyExponent?: number;
  /**
   * How to read 8 digits sent without a symbology identifier: EAN-8 (default) or UPC-E. With `]E4` they are
   * always EAN-8, with `]E0` always UPC-E.
   */
  readonly eightDigits?: 'ean-8' | 'upc-e';
  /**
   * The calendar year scans are read in (the business day's year), for the GS1 century rule (General
   * Specifications §7.12): with it, 29 February is judged in the right century and AI 15/17 dates are also
   * given as ISO dates. Core reads no clock, so the lane passes it.
   */
  readonly referenceYear?: number;
  /** Recognise WeChat Pay and Alipay payment codes (default true); a store taking no wallets may turn it off. */
  readonly paymentCodes?: boolean;
};

export type CompiledBarcodeOptions = {
  readonly variableMeasureRules: readonly CompiledVariableMeasureRule[];
  readonly internalCodeRules: readonly InternalCodeRule[];
  readonly currencyExponent: number;
  readonly eightDigits: 'ean-8' | 'upc-e';
  readonly dateContext: Gs1DateContext;
  readonly paymentCodes: boolean;
};

/** Checks options once; throws naming the offending option. */
export function compileBarcodeOptions(options: BarcodeOptions = {}): CompiledBarcodeOptions {
  const currencyExponent = options.currencyExponent ?? 2;
  if (!Number.isInteger(currencyExponent) || currencyExponent < 0 || currencyExponent > 4) {
    throw new Error(`currencyExponent: an integer from 0 to 4, got ${currencyExponent}`);
  }
  const eightDigits = options.eightDigits ?? 'ean-8';
  if (eightDigits !== 'ean-8' && eightDigits !== 'upc-e') throw new Error(`eightDigits: 'ean-8' or 'upc-e'`);
  const { referenceYear } = options;
  if (options.paymentCodes !== undefined && typeof options.paymentCodes !== 'boolean')
    throw new Error('paymentCodes: true or false');
  if (
    referenceYear !== undefined &&
    (!Number.isInteger(referenceYear) || referenceYear < 1951 || referenceYear > 9999)
  ) {
    throw new Error(`referenceYear: a calendar year from 1951, got ${referenceYear}`);
  }
  return {
    variableMeasureRules: (options.variableMeasureRules ?? DEFAULT_VARIABLE_MEASURE_RULES).map((rule, i) =>
      compileVariableMeasureRule(rule, currencyExponent, `variableMeasureRules[${i}]`),
    ),
    internalCodeRules: (options.internalCodeRules ?? DEFAULT_INTERNAL_CODE_RULES).map((rule, i) =>
      checkInternalCodeRule(rule, `internalCodeRules[${i}]`),
    ),
    currencyExponent,
    eightDigits,
    dateContext: referenceYear === undefined ? {} : { referenceYear },
    paymentCodes: options.paymentCodes ?? true,
  };
}
