/** Stable reasons a shift, cash movement or report operation refuses. */
export type ShiftError =
  | 'unknown-currency'
  | 'currency-mismatch'
  | 'missing-field'
  | 'shift-closed'
  | 'shift-open'
  | 'unknown-denomination'
  | 'invalid-count'
  | 'not-an-amount'
  | 'fraction-of-minor-unit'
  | 'negative-amount'
  | 'amount-too-large'
  | 'invalid-amount'
  | 'approval-required'
  | 'no-shifts'
  | 'mixed-stores';
