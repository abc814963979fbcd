/**
 * The GS1 mod-10 check digit (GS1 General Specifications §7.9.1): from the rightmost data digit leftwards,
 * weights 3, 1, 3, 1…; the check digit brings the weighted sum up to a multiple of 10. The same algorithm
 * serves GTIN-8/12/13/14, SSCC, GLN and in-store codes.
 */
export function gs1CheckDigit(dataDigits: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = dataDigits.length - 1; i >= 0; i--) {
    const digit = dataDigits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw new RangeError(`gs1CheckDigit: not a digit string: ${dataDigits}`);
    sum += digit * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the GS1 check digit of the ones before it. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (digits.length < 2 || !/^[0-9]+$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** `dataDigits` followed by their GS1 check digit. */
export function withGs1CheckDigit(dataDigits: string): string {
  return dataDigits + gs1CheckDigit(dataDigits);
}
