export { allocate } from './allocate.js';
export {
  addMinor,
  minMinor,
  mulDivRound,
  multiplyByQuantity,
  multiplyByWeight,
  percentOf,
  prorate,
  subtractMinor,
  sumMinor,
  taxIncluded,
  taxOnTop,
} from './arithmetic.js';
export type { CashRoundingError } from './cash-rounding.js';
export { cashStepFor, roundToCashStep } from './cash-rounding.js';
export type { Currency, CurrencyError } from './currencies.js';
export { currencyOf, isKnownCurrency, knownCurrencies } from './currencies.js';
export type { DecimalAmountError } from './decimal.js';
export { formatDecimalAmount, parseDecimalAmount } from './decimal.js';
export type { CashCountError, DenominationCount } from './denominations.js';
export { denominationsOf, totalCashCount } from './denominations.js';
export type { AmountError, Money, MoneyError } from './money.js';
export { addMoney, checkAmount, money, multiplyMoney, subtractMoney } from './money.js';
