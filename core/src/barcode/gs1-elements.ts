import type { BarcodeFailure, Gs1Barcode, Gs1Element } from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './check-digit.js';
import { CSET_82, type Gs1AiDefinition } from './gs1-application-identifiers.js';

/** Checks one element's data against its AI definition. */
export function checkElementValue(def: Gs1AiDefinition, value: string): BarcodeFailure | undefined {
  if (value.length < def.minLength || value.length > def.maxLength) {
    const expected =
      def.minLength === def.maxLength ? `${def.maxLength}` : `${def.minLength} to ${def.maxLength}`;
    return barcodeFailure(
      'length',
      `AI (${def.ai}) ${def.title}: ${value.length} characters, expected ${expected}`,
    );
  }
  if (def.charset === 'n' ? !/^[0-9]*$/.test(value) : !CSET_82.test(value)) {
    return barcodeFailure(
      'charset',
      `AI (${def.ai}) ${def.title}: ${def.charset === 'n' ? 'digits only' : 'outside GS1 character set 82'}`,
    );
  }
  if (def.checkDigit && !hasValidGs1CheckDigit(value)) {
    return barcodeFailure(
      'check-digit',
      `AI (${def.ai}) ${def.title}: check digit should be ${gs1CheckDigit(value.slice(0, -1))}`,
    );
  }
  if (def.date) {
    const month = Number(value.slice(2, 4));
    const day = Number(value.slice(4, 6));
    if (month < 1 || month > 12 || day > 31)
      return barcodeFailure('ai-value', `AI (${def.ai}) ${def.title}: ${value} is not YYMMDD`);
  }
  return undefined;
}

type Measures = {
  -readonly [K in 'gtin' | 'batch' | 'serial' | 'expiry' | 'netWeightGrams' | 'price']?: Gs1Barcode[K];
};

/**
 * Turns checked elements into the typed fields a lane needs. Weights become integer grams (half up when the
 * AI carries more than 3 decimals of a kilogram); prices become minor units and must not lose a digit.
 */
export function interpretElements(
  elements: readonly Gs1Element[],
  currencyExponent: number,
): Measures | BarcodeFailure {
  const out: Measures = {};
  for (const { ai, value } of elements) {
    if (ai === '01') out.gtin = value;
    else if (ai === '10') out.batch = value;
    else if (ai === '21') out.serial = value;
    else if (ai === '17') out.expiry = value;
    else if (ai.startsWith('310')) {
      const decimals = Number(ai[3]);
      const raw = Number(value);
      if (decimals <= 3) out.netWeightGrams = raw * 10 ** (3 - decimals);
      else {
        const divisor = 10 ** (decimals - 3);
        out.netWeightGrams = Math.floor((2 * raw + divisor) / (2 * divisor));
      }
    } else if (ai.startsWith('392')) {
      const decimals = Number(ai[3]);
      const raw = BigInt(value);
      let minor: bigint;
      if (decimals <= currencyExponent) minor = raw * 10n ** BigInt(currencyExponent - decimals);
      else {
        const divisor = 10n ** BigInt(decimals - currencyExponent);
        if (raw % divisor !== 0n) {
          return barcodeFailure(
            'ai-value',
            `AI (${ai}) PRICE: ${value} has digits below the currency's minor unit`,
          );
        }
        minor = raw / divisor;
      }
      if (minor > BigInt(Number.MAX_SAFE_INTEGER))
        return barcodeFailure('ai-value', `AI (${ai}) PRICE: too large`);
      out.price = Number(minor);
    }
  }
  return out;
}

/** Adds an element unless the same AI is already there; the same AI with another value is refused (§4.14). */
export function addElement(elements: Gs1Element[], element: Gs1Element): BarcodeFailure | undefined {
  const existing = elements.find((e) => e.ai === element.ai);
  if (existing === undefined) elements.push(element);
  else if (existing.value !== element.value) {
    return barcodeFailure('duplicate-ai', `AI (${element.ai}) appears twice with different values`);
  }
  return undefined;
}

/**
 * Century of a GS1 YYMMDD date (§7.12): the year within -49…+50 years of `referenceYear`. DD 00 means the
 * last day of the month. Returns `YYYY-MM-DD`.
 */
export function gs1DateToIso(yymmdd: string, referenceYear: number): string {
  if (!/^[0-9]{6}$/.test(yymmdd)) throw new RangeError(`gs1DateToIso: not YYMMDD: ${yymmdd}`);
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  const currentYy = referenceYear % 100;
  const century = referenceYear - currentYy;
  const diff = yy - currentYy;
  const year = diff >= 51 ? century - 100 + yy : diff <= -50 ? century + 100 + yy : century + yy;
  if (day === 0) day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
