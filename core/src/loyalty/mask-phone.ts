/**
 * Phone numbers as receipts, screens and logs may show them (PIPL's minimisation; the form Chinese retailers
 * print): the first three and the last four digits of a mainland mobile number, the middle four as stars,
 * `138****1234`. A country code is kept in front (`+86 138****1234`). Other numbers keep at most their first
 * three and last four digits and never show more than half of them; a number too short for that is all stars.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return '';
  const national = /^(?:00)?86(1[3-9]\d{9})$/.exec(digits);
  if (national && (phone.trim().startsWith('+') || phone.trim().startsWith('00') || digits.length === 13)) {
    return `+86 ${maskDigits(national[1] as string)}`;
  }
  return maskDigits(digits);
}

function maskDigits(digits: string): string {
  if (digits.length >= 11) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  // Fewer than 11 digits: show at most half, from the end (the part people recognise).
  const shown = Math.min(4, Math.floor(digits.length / 2));
  return `${'*'.repeat(digits.length - shown)}${shown > 0 ? digits.slice(-shown) : ''}`;
}

/**
 * A mainland mobile number anywhere in a text (a URL's query, a log message, a search string), written with or
 * without +86 / 0086 and with spaces or dashes in the 3-4-4 places; not part of a longer digit run (a GTIN,
 * a card number).
 */
const MAINLAND_MOBILE_IN_TEXT = /(?<![\d*])(?:(?:\+|%2B|00)86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d*])/gi;

/** The text with every mainland mobile number in it masked as `maskPhone` masks it. */
export function maskPhonesInText(text: string): string {
  return text.replace(MAINLAND_MOBILE_IN_TEXT, (found) => {
    const digits = found.replace(/\D/g, '');
    return digits.length > 11 ? `+86 ${maskDigits(digits.slice(-11))}` : maskDigits(digits);
  });
}
