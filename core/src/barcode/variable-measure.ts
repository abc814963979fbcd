import type { BarcodeFailure } from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { withGs1CheckDigit } from './check-digit.js';
import { priceCheckDigit } from './price-check-digit.js';

/**
 * An in-store (restricted circulation) variable-measure rule, written like Odoo's barcode nomenclature:
 * `21.....{NNDDD}` = literal `21`, five item digits (`.`), then a value field of 2 integer (`N`) and
 * 3 decimal (`D`) digits; the 13th digit is the EAN-13 check digit. Weight fields are kilograms (so
 * `{NNDDD}` is grams); price fields are in the store's currency (so `{NNNDD}` is cents for EUR/USD).
 * `V` marks the price (or measure) verifier digit over a 4- or 5-digit value field (GS1 General
 * Specifications §2.1.14.2 Figure 2.1.14.2-2 and §7.9.2-§7.9.4); a scan whose verifier is wrong is refused
 * with `price-check-digit`. The pattern may start `2.` to cover every prefix 20-29.
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

/**
 * National layouts that carry a price verifier digit. Germany: `2` + five item digits + verifier + a
 * five-digit price in cents, the in-store layout German self-scanning systems read (snabble's SDK ships it
 * as `ean13_instore_chk`, "2{code:5}{i}{embed:5}{ec}"). United Kingdom: the GS1 UK branded variable-measure
 * layout `20XXX RR V PPPP C` / `28XXX RR V PPPP C`, a four-digit price in pence (GS1 UK, "How to barcode
 * variable measure items"). A store picks its layout; none of them is on by default.
 */
export const NATIONAL_VARIABLE_MEASURE_RULES: Readonly<Record<'DE' | 'GB', readonly VariableMeasureRule[]>> =
  Object.freeze({
    DE: Object.freeze([{ pattern: '2.....V{NNNDD}', measure: 'price' }] as const),
    GB: Object.freeze([
      { pattern: '20.....V{NNDD}', measure: 'price' },
      { pattern: '28.....V{NNDD}', measure: 'price' },
    ] as const),
  });

export type CompiledVariableMeasureRule = {
  readonly rule: VariableMeasureRule;
  /** 12 characters: a digit, '.', 'V', 'N' or 'D' per position before the check digit. */
  readonly template: string;
  /** Position of the price verifier digit, when the layout has one. */
  readonly verifierAt?: number;
  readonly valueStart: number;
  readonly valueLength: number;
  /** Multiply the value field by this to get grams or minor units (a power of ten ≥ 1). */
  readonly scale: number;
};

const PATTERN = /^([0-9.V]*)\{(N*)(D*)\}([0-9.V]*)$/;

/** Checks one rule; throws naming the option when it is malformed (bad options fail at construction). */
export function compileVariableMeasureRule(
  rule: VariableMeasureRule,
  currencyExponent: number,
  option: string,
): CompiledVariableMeasureRule {
  const match = PATTERN.exec(rule.pattern);
  if (!match)
    throw new Error(`${option}.pattern: expected digits, '.', 'V' and one {N…D…} field, got ${rule.pattern}`);
  const [, before, integer, decimals, after] = match as unknown as [string, string, string, string, string];
  const template = before + integer + decimals + after;
  if (template.length !== 12) {
    throw new Error(
      `${option}.pattern: must cover the 12 digits before the EAN-13 check digit, got ${template.length}`,
    );
  }
  if (!/^(02|2[0-9.])/.test(template.slice(0, 2))) {
    throw new Error(`${option}.pattern: must start with a restricted-circulation prefix 02 or 20-29`);
  }
  if (integer.length + decimals.length === 0) throw new Error(`${option}.pattern: the value field is empty`);
  const verifierAt = template.indexOf('V');
  if (verifierAt >= 0 && template.indexOf('V', verifierAt + 1) >= 0)
    throw new Error(`${option}.pattern: at most one price verifier digit V`);
  if (verifierAt >= 0 && integer.length + decimals.length !== 4 && integer.length + decimals.length !== 5) {
    throw new Error(`${option}.pattern: a price verifier digit V needs a 4- or 5-digit value field`);
  }
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
    ...(verifierAt >= 0 ? { verifierAt } : {}),
    valueStart: before.length,
    valueLength: integer.length + decimals.length,
    scale: 10 ** (exponent - decimals.length),
  };
}

export type ReadVariableMeasure = {
  readonly ok: true;
  readonly rule: CompiledVariableMeasureRule;
  readonly itemReference: string;
  readonly value: number;
};

/**
 * Matches a 13-digit code (check digit already verified) against the rules, first match wins. A matching
 * layout whose price verifier digit is wrong is a failure, not a fall-through to the next rule.
 */
export function matchVariableMeasure(
  ean13: string,
  rules: readonly CompiledVariableMeasureRule[],
): ReadVariableMeasure | BarcodeFailure | undefined {
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
    const field = ean13.slice(rule.valueStart, end);
    let zeroed = ean13.slice(0, rule.valueStart) + '0'.repeat(rule.valueLength) + ean13.slice(end, 12);
    if (rule.verifierAt !== undefined) {
      const expected = priceCheckDigit(field);
      if (ean13.charCodeAt(rule.verifierAt) - 48 !== expected) {
        return barcodeFailure(
          'price-check-digit',
          `${ean13} (${rule.rule.pattern}): price verifier digit should be ${expected} for ${field}`,
        );
      }
      // The verifier follows the price, so it is no part of the product's lookup key.
      zeroed = `${zeroed.slice(0, rule.verifierAt)}0${zeroed.slice(rule.verifierAt + 1)}`;
    }
    return { ok: true, rule, itemReference: withGs1CheckDigit(zeroed), value: Number(field) * rule.scale };
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
    if (t !== '.' && t !== 'V' && t !== itemReference[i]) {
      throw new RangeError(
        `renderVariableMeasure: ${itemReference} does not match ${rule.pattern} at digit ${i + 1}`,
      );
    }
    digits += itemReference[i];
  }
  const padded = field.padStart(compiled.valueLength, '0');
  let code = digits.slice(0, compiled.valueStart) + padded + digits.slice(compiled.valueStart);
  if (compiled.verifierAt !== undefined) {
    const at = compiled.verifierAt;
    code = `${code.slice(0, at)}${priceCheckDigit(padded)}${code.slice(at + 1)}`;
  }
  return withGs1CheckDigit(code);
}
