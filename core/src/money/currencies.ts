import { err, ok, type Result } from '../result.js';

/** An ISO 4217 currency and the number of decimal places of its minor unit. */
export interface Currency {
  readonly code: string;
  readonly exponent: number;
  /** Default cash rounding step in minor units where the smallest coins are out of circulation. */
  readonly cashStep: number;
}

/**
 * ISO 4217 minor-unit exponents (ISO 4217:2015 table A.1) for the currencies a store may trade in.
 * Cash steps follow each country's published cash-rounding rules: CHF to 0.05, SEK/NOK to whole units,
 * DKK to 0.50, CAD/AUD to 0.05, NZD to 0.10, CZK and HUF to whole units and 5 HUF.
 */
const TABLE: readonly Currency[] = [
  { code: 'EUR', exponent: 2, cashStep: 1 },
  { code: 'USD', exponent: 2, cashStep: 1 },
  { code: 'GBP', exponent: 2, cashStep: 1 },
  { code: 'CHF', exponent: 2, cashStep: 5 },
  { code: 'CNY', exponent: 2, cashStep: 1 },
  { code: 'JPY', exponent: 0, cashStep: 1 },
  { code: 'KRW', exponent: 0, cashStep: 1 },
  { code: 'ISK', exponent: 0, cashStep: 1 },
  { code: 'CLP', exponent: 0, cashStep: 1 },
  { code: 'VND', exponent: 0, cashStep: 1 },
  { code: 'SEK', exponent: 2, cashStep: 100 },
  { code: 'NOK', exponent: 2, cashStep: 100 },
  { code: 'DKK', exponent: 2, cashStep: 50 },
  { code: 'PLN', exponent: 2, cashStep: 1 },
  { code: 'CZK', exponent: 2, cashStep: 100 },
  { code: 'HUF', exponent: 2, cashStep: 500 },
  { code: 'RON', exponent: 2, cashStep: 1 },
  { code: 'CAD', exponent: 2, cashStep: 5 },
  { code: 'AUD', exponent: 2, cashStep: 5 },
  { code: 'NZD', exponent: 2, cashStep: 10 },
  { code: 'MXN', exponent: 2, cashStep: 1 },
  { code: 'BRL', exponent: 2, cashStep: 1 },
  { code: 'INR', exponent: 2, cashStep: 1 },
  { code: 'HKD', exponent: 2, cashStep: 10 },
  { code: 'SGD', exponent: 2, cashStep: 5 },
  { code: 'ZAR', exponent: 2, cashStep: 10 },
  { code: 'TRY', exponent: 2, cashStep: 1 },
  { code: 'KWD', exponent: 3, cashStep: 1 },
  { code: 'BHD', exponent: 3, cashStep: 1 },
  { code: 'TND', exponent: 3, cashStep: 1 },
];

const BY_CODE: ReadonlyMap<string, Currency> = new Map(TABLE.map((c) => [c.code, c]));

export type CurrencyError = 'unknown-currency';

export function currencyOf(code: string): Result<Currency, CurrencyError> {
  const currency = BY_CODE.get(code);
  if (currency === undefined)
    return err('unknown-currency', `'${code}' is not a supported ISO 4217 currency`);
  return ok(currency);
}

export function isKnownCurrency(code: string): boolean {
  return BY_CODE.has(code);
}

export function knownCurrencies(): readonly Currency[] {
  return TABLE;
}
