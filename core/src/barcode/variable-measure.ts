import { withGs1CheckDigit } from './check-digit.js';

/**
 * An in-store (restricted circulation) variable-measure rule, written like Odoo's barcode nomenclature:
 * `21.....{NNDDD}` = literal `21`, five item digits (`.`), then a value field of 2 integer (`N`) and
 * 3 decimal (`D`) digits; the 13th digit is the EAN-13 check digit. Weight fields are kilograms (so
 * `{NNDDD}` is grams); price fields are in the store's currency (so `{NNNDD}` is cents for EUR/USD).
 */
export type VariableMeasureRule = { readonly pattern: string; readonly measure: 'weight' | 'price' };

/**
 * Odoo's default nomenclature (`21` weight in kg with 3 decimals, `23` price with 2 decimals) plus the
 * common North American price-embedded form `02` (UPC-A number system 2 as EAN-13).
 */
export const DEFAULT_VARIABLE_MEASURE_RULES: readonly VariableMeasureRule[] = Object.freeze([
  { pattern: '21.....{NNDDD}', measure: 'weight' },
  { pattern: '23.....{NNNDD}', measure: 'price' },
  { pattern: '02.....{NNNDD}', measure: 'price' },
]);

export type CompiledVariableMeasureRule = {
  readonly rule: VariableMeasureRule;
  /** 12 characters: a digit, '.', 'N' or 'D' per position before the check digit. */
  readonly template: string;
  readonly valueStart: number;
  readonly valueLength: number;
  /** Multiply the value field by this to get grams or minor units (a power of ten ≥ 1). */
  readonly scale: number;
};

const PATTERN = /^([0-9.]*)\{(N*)(D*)\}([0-9.]*)$/;

/** Checks one rule; throws naming the option when it is malformed (bad options fail at construction). */
export function compileVariableMeasureRule(
  rule: VariableMeasureRule,
  currencyExponent: number,
  option: string,
): CompiledVariableMeasureRule {
  const match = PATTERN.exec(rule.pattern);
  if (!match)
    throw new Error(`${option}.pattern: expected digits, '.' and one {N…D…} field, got ${rule.pattern}`);
  const [, before, integer, decimals, after] = match as unknown as [string, string, string, string, string];
  const template = before + integer + decimals + after;
  if (template.length !== 12) {
    throw new Error(
      `${option}.pattern: must cover the 12 digits before the EAN-13 check digit, got ${template.length}`,
    );
  }
  if (!/^(02|2[0-9])/.test(template.slice(0, 2))) {
    throw new Error(`${option}.pattern: must start with a restricted-circulation prefix 02 or 20-29`);
  }
  if (integer.length + decimals.length === 0) throw new Error(`${option}.pattern: the value field is empty`);
  if (rule.measure !== 'weight' && rule.measure !== 'price')
    throw new Error(`${option}.measure: weight or price`);
  // Weights are stored in grams: at most 3 decimals of a kilogram. Prices in minor units: at most the
  // currency's exponent of decimals.
  const exponent = rule.measure === 'weight' ? 3 : currencyExponent;
  if (decimals.length > exponent) {
    throw new Error(
      `${option}.pattern: ${decimals.length} decimals is finer than ${rule.measure === 'weight' ? 'a gram' : 'a minor unit'}`,
    );
  }
  return {
    rule,
    template,
    valueStart: before.length,
    valueLength: integer.length + decimals.length,
    scale: 10 ** (exponent - decimals.length),
  };
}

export type ReadVariableMeasure = {
  readonly rule: CompiledVariableMeasureRule;
  readonly itemReference: string;
  readonly value: number;
};

/** Matches a 13-digit code (check digit already verified) against the rules, first match wins. */
export function matchVariableMeasure(
  ean13: string,
  rules: readonly CompiledVariableMeasureRule[],
): ReadVariableMeasure | undefined {
  for (const rule of rules) {
    let matches = true;
    for (let i = 0; i < 12; i++) {
      const t = rule.template.charCodeAt(i);
      if (t >= 48 && t <= 57 && t !== ean13.charCodeAt(i)) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    const end = rule.valueStart + rule.valueLength;
    const value = Number(ean13.slice(rule.valueStart, end)) * rule.scale;
    const zeroed = ean13.slice(0, rule.valueStart) + '0'.repeat(rule.valueLength) + ean13.slice(end, 12);
    return { rule, itemReference: withGs1CheckDigit(zeroed), value };
  }
  return undefined;
}

/**
 * The 13-digit code a scale prints for `itemReference` (13 digits, or the 12 before the check digit) and a
 * weight in grams or price in minor units. Throws when the value does not fit the rule's field.
 */
export function renderVariableMeasure(
  rule: VariableMeasureRule,
  itemReference: string,
  value: number,
  options: { readonly currencyExponent?: number } = {},
): string {
  const compiled = compileVariableMeasureRule(rule, options.currencyExponent ?? 2, 'rule');
  if (!/^[0-9]{12,13}$/.test(itemReference))
    throw new RangeError(`renderVariableMeasure: bad item reference ${itemReference}`);
  if (!Number.isSafeInteger(value) || value < 0 || value % compiled.scale !== 0) {
    throw new RangeError(`renderVariableMeasure: ${value} is not a multiple of ${compiled.scale}`);
  }
  const field = String(value / compiled.scale);
  if (field.length > compiled.valueLength)
    throw new RangeError(`renderVariableMeasure: ${value} does not fit ${rule.pattern}`);
  let digits = '';
  for (let i = 0; i < 12; i++) {
    const t = compiled.template[i]!;
    if (i >= compiled.valueStart && i < compiled.valueStart + compiled.valueLength) continue;
    if (t !== '.' && t !== itemReference[i]) {
      throw new RangeError(
        `renderVariableMeasure: ${itemReference} does not match ${rule.pattern} at digit ${i + 1}`,
      );
    }
    digits += itemReference[i];
  }
  const code =
    digits.slice(0, compiled.valueStart) +
    field.padStart(compiled.valueLength, '0') +
    digits.slice(compiled.valueStart);
  return withGs1CheckDigit(code);
}
