import type { InternalCodeType } from './barcode-result.js';

/**
 * A code the chain prints itself: receipts, member cards, employee badges, coupons. Recognised by prefix;
 * `length` and `checkDigit` make a numeric rule strict (a GS1 mod-10 check digit as the last digit).
 */
export type InternalCodeRule = {
  readonly type: InternalCodeType;
  readonly prefix: string;
  readonly length?: number;
  readonly checkDigit?: boolean;
};

/**
 * Odoo's default nomenclature puts cashiers at 041, customers at 042 and coupons at 043/044 (EAN-13 with
 * the GS1 restricted-circulation prefix 04); receipts take 045 here. Stores configure their own.
 */
export const DEFAULT_INTERNAL_CODE_RULES: readonly InternalCodeRule[] = Object.freeze([
  { type: 'employee-badge', prefix: '041', length: 13, checkDigit: true },
  { type: 'member-card', prefix: '042', length: 13, checkDigit: true },
  { type: 'coupon', prefix: '043', length: 13, checkDigit: true },
  { type: 'coupon', prefix: '044', length: 13, checkDigit: true },
  { type: 'receipt', prefix: '045', length: 13, checkDigit: true },
]);

const TYPES: ReadonlySet<string> = new Set(['receipt', 'member-card', 'employee-badge', 'coupon']);

/** Checks one rule; throws naming the option when it is malformed. */
export function checkInternalCodeRule(rule: InternalCodeRule, option: string): InternalCodeRule {
  if (!TYPES.has(rule.type)) throw new Error(`${option}.type: one of ${[...TYPES].join(', ')}`);
  if (
    typeof rule.prefix !== 'string' ||
    rule.prefix.length === 0 ||
    /\s/.test(rule.prefix) ||
    rule.prefix.includes('\x1d')
  ) {
    throw new Error(`${option}.prefix: a non-empty prefix without spaces`);
  }
  if (rule.length !== undefined && (!Number.isInteger(rule.length) || rule.length <= rule.prefix.length)) {
    throw new Error(`${option}.length: an integer longer than the prefix`);
  }
  if (rule.checkDigit && !/^[0-9]+$/.test(rule.prefix))
    throw new Error(`${option}.checkDigit: needs a numeric prefix`);
  return rule;
}
