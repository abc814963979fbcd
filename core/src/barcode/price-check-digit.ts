/**
 * The price (or measure) verifier digit of in-store codes (GS1 General Specifications §7.9.2-§7.9.4,
 * "Check digit calculation for price/weight fields"). Each price digit is mapped through a weighting factor:
 * `2-` (×2, tens digit subtracted from units), `3` (×3, units digit), `5+` (×5, tens added to units) and
 * `5-` (×5, tens subtracted from units), all modulo 10.
 */
const WEIGHT_2_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7] as const;
const WEIGHT_3 = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7] as const;
const WEIGHT_5_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9] as const;
const WEIGHT_5_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1] as const;

function digitAt(field: string, i: number): number {
  const digit = field.charCodeAt(i) - 48;
  if (digit < 0 || digit > 9) throw new RangeError(`priceCheckDigit: not a digit string: ${field}`);
  return digit;
}

/**
 * The verifier digit of a 4- or 5-digit price field. §7.9.3 (four digits): weights 2-, 2-, 3, 5-; the
 * units digit of 3 × the sum. §7.9.4 (five digits): weights 5+, 2-, 5-, 5+, 2-; the sum is taken up to the
 * next multiple of ten, and the verifier is the digit whose 5- product is that difference.
 */
export function priceCheckDigit(field: string): number {
  if (field.length === 4) {
    const sum =
      WEIGHT_2_MINUS[digitAt(field, 0)]! +
      WEIGHT_2_MINUS[digitAt(field, 1)]! +
      WEIGHT_3[digitAt(field, 2)]! +
      WEIGHT_5_MINUS[digitAt(field, 3)]!;
    return (sum * 3) % 10;
  }
  if (field.length === 5) {
    const sum =
      WEIGHT_5_PLUS[digitAt(field, 0)]! +
      WEIGHT_2_MINUS[digitAt(field, 1)]! +
      WEIGHT_5_MINUS[digitAt(field, 2)]! +
      WEIGHT_5_PLUS[digitAt(field, 3)]! +
      WEIGHT_2_MINUS[digitAt(field, 4)]!;
    const difference = (10 - (sum % 10)) % 10;
    return WEIGHT_5_MINUS.indexOf(difference as (typeof WEIGHT_5_MINUS)[number]);
  }
  throw new RangeError(`priceCheckDigit: a price field has 4 or 5 digits, got ${field.length}`);
}
