import type { BarcodeFailure, Gs1Barcode, Gs1Certification, Gs1Element } from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './check-digit.js';
import { CSET_82, type Gs1AiDefinition, type Gs1Linter } from './gs1-application-identifiers.js';
import { type Gs1DateContext, gs1DateProblem, gs1DateToIso, gs1TimeProblem } from './gs1-date.js';

/** Checks one element's data against its AI definition, component by component (Syntax Dictionary). */
export function checkElementValue(
  def: Gs1AiDefinition,
  value: string,
  context: Gs1DateContext = {},
): BarcodeFailure | undefined {
  const label = `AI (${def.ai}) ${def.title}`;
  if (value.length < def.minLength || value.length > def.maxLength) {
    const expected =
      def.minLength === def.maxLength ? `${def.maxLength}` : `${def.minLength} to ${def.maxLength}`;
    return barcodeFailure('length', `${label}: ${value.length} characters, expected ${expected}`);
  }
  // Components consume prefixes of their length; only the last may vary, and optional ones may be left
  // out once the data is used up (Syntax Dictionary, "Specification").
  let pos = 0;
  for (const component of def.components) {
    if (pos === value.length && component.optional) break;
    const take =
      component.minLength === component.maxLength
        ? component.maxLength
        : Math.min(component.maxLength, value.length - pos);
    const part = value.slice(pos, pos + take);
    if (part.length < component.minLength) {
      return barcodeFailure('length', `${label}: ${value.length} characters do not fill its components`);
    }
    if (component.charset === 'n' ? !/^[0-9]*$/.test(part) : !CSET_82.test(part)) {
      return barcodeFailure(
        'charset',
        `${label}: ${component.charset === 'n' ? 'digits only' : 'outside GS1 character set 82'}`,
      );
    }
    for (const linter of component.linters) {
      const failure = lint(linter, part, label, context);
      if (failure) return failure;
    }
    pos += take;
  }
  if (pos !== value.length)
    return barcodeFailure('length', `${label}: ${value.length - pos} characters too many`);
  return undefined;
}

function lint(
  linter: Gs1Linter,
  part: string,
  label: string,
  context: Gs1DateContext,
): BarcodeFailure | undefined {
  let problem: string | undefined;
  switch (linter) {
    case 'csum':
      if (!hasValidGs1CheckDigit(part)) {
        return barcodeFailure(
          'check-digit',
          `${label}: check digit should be ${gs1CheckDigit(part.slice(0, -1))}`,
        );
      }
      return undefined;
    case 'yymmd0':
    case 'yymmdd':
      problem = gs1DateProblem(part, linter === 'yymmd0', context);
      break;
    case 'hhmi':
      problem = gs1TimeProblem(part);
      break;
    case 'hh':
      if (Number(part) > 23) problem = `hour ${part} does not exist`;
      break;
    case 'mi':
    case 'ss':
      if (Number(part) > 59) problem = `${linter === 'mi' ? 'minute' : 'second'} ${part} does not exist`;
      break;
    case 'zero':
      if (part !== '0') problem = `${part} where the standard fixes 0`;
      break;
  }
  return problem === undefined ? undefined : barcodeFailure('ai-value', `${label}: ${part}: ${problem}`);
}

type Measures = {
  -readonly [K in Exclude<
    keyof Gs1Barcode,
    'ok' | 'kind' | 'source' | 'elements' | 'symbology' | 'data'
  >]?: Gs1Barcode[K];
};

/** 1 lb = 0.45359237 kg exactly (International yard and pound agreement, 1959): grams per 10^-5 lb. */
const GRAMS_PER_POUND_NUMERATOR = 45_359_237n;
const GRAMS_PER_POUND_DENOMINATOR = 100_000n;

function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** A money AI (390n, 392n) in integer minor units; digits below the minor unit are refused, not rounded. */
function minorUnits(
  ai: string,
  title: string,
  value: string,
  currencyExponent: number,
): number | BarcodeFailure {
  const decimals = Number(ai[3]);
  const raw = BigInt(value);
  let minor: bigint;
  if (decimals <= currencyExponent) minor = raw * 10n ** BigInt(currencyExponent - decimals);
  else {
    const divisor = 10n ** BigInt(decimals - currencyExponent);
    if (raw % divisor !== 0n) {
      return barcodeFailure(
        'ai-value',
        `AI (${ai}) ${title}: ${value} has digits below the currency's minor unit`,
      );
    }
    minor = raw / divisor;
  }
  if (minor > BigInt(Number.MAX_SAFE_INTEGER))
    return barcodeFailure('ai-value', `AI (${ai}) ${title}: too large`);
  return Number(minor);
}

/**
 * Turns checked elements into the typed fields a lane needs. Weights become integer grams (half up when the
 * AI carries finer than a gram, and for pounds); prices and amounts become minor units and must not lose a
 * digit. Dates stay as encoded; with a reference year they are also given as ISO dates.
 */
export function interpretElements(
  elements: readonly Gs1Element[],
  currencyExponent: number,
  context: Gs1DateContext = {},
): Measures | BarcodeFailure {
  const out: Measures = {};
  const certifications: Gs1Certification[] = [];
  for (const { ai, value } of elements) {
    if (ai === '00') out.sscc = value;
    else if (ai === '01') out.gtin = value;
    else if (ai === '03') out.mtoGtin = value;
    else if (ai === '10') out.batch = value;
    else if (ai === '21') out.serial = value;
    else if (ai === '235') out.tpx = value;
    else if (ai === '242') out.mtoVariant = value;
    else if (ai === '253') out.gdti = value;
    else if (ai === '8003') out.grai = value;
    else if (ai === '8004') out.giai = value;
    else if (ai === '7011') out.testBy = value;
    else if (ai === '17') {
      out.expiry = value;
      if (context.referenceYear !== undefined) out.expiryDate = gs1DateToIso(value, context.referenceYear);
    } else if (ai === '15') {
      out.bestBefore = value;
      if (context.referenceYear !== undefined)
        out.bestBeforeDate = gs1DateToIso(value, context.referenceYear);
    } else if (ai.startsWith('310') || ai.startsWith('320')) {
      const decimals = Number(ai[3]);
      const raw = BigInt(value);
      const unit = ai.startsWith('310') ? 'kg' : 'lb';
      out.netWeight = { unit, value: Number(value), decimals };
      out.netWeightGrams =
        unit === 'kg'
          ? roundHalfUp(raw * 1000n, 10n ** BigInt(decimals))
          : roundHalfUp(
              raw * GRAMS_PER_POUND_NUMERATOR,
              GRAMS_PER_POUND_DENOMINATOR * 10n ** BigInt(decimals),
            );
    } else if (ai.startsWith('311')) {
      out.length = { unit: 'm', value: Number(value), decimals: Number(ai[3]) };
    } else if (ai.startsWith('392') || ai.startsWith('390')) {
      const minor = minorUnits(ai, ai.startsWith('392') ? 'PRICE' : 'AMOUNT', value, currencyExponent);
      if (typeof minor !== 'number') return minor;
      if (ai.startsWith('392')) out.price = minor;
      else out.amount = minor;
    } else if (/^723[0-9]$/.test(ai)) {
      certifications.push({ ai, scheme: value.slice(0, 2), reference: value.slice(2) });
    }
  }
  if (certifications.length > 0) out.certifications = certifications;
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
