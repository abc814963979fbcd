import {
  type BarcodeOptions,
  type CompiledBarcodeOptions,
  compileBarcodeOptions,
} from './barcode-options.js';
import type {
  BarcodeFailure,
  BarcodeResult,
  Gs1Barcode,
  Gs1Element,
  GtinBarcode,
  InternalBarcode,
  ParsedBarcode,
  PaymentCodeBarcode,
  VariableMeasureBarcode,
} from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './check-digit.js';
import { isWebUri, readDigitalLink } from './gs1-digital-link.js';
import { GS, readBracketedElementString, readElementString } from './gs1-element-string.js';
import { interpretElements } from './gs1-elements.js';
import { readGtin } from './gtin.js';
import { readPaymentCode } from './payment-code.js';
import {
  EAN_UPC_SYMBOLOGY,
  EAN_UPC_WITH_ADD_ON_SYMBOLOGY,
  EAN8_SYMBOLOGY,
  isGs1ElementStringSymbology,
  splitSymbology,
} from './symbology.js';
import { matchVariableMeasure } from './variable-measure.js';

type Scan = { readonly data: string; readonly symbology: string | undefined };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Builds GTIN and in-store results without object spread: one hidden class per kind keeps the hot path
 * (EAN/UPC, most of a lane's scans) fast. GS1 results spread their typed fields, which vary per code.
 */
function withSymbology<T extends ParsedBarcode>(result: T, scan: Scan): T {
  if (scan.symbology !== undefined) (result as Mutable<T>).symbology = scan.symbology;
  return result;
}

function gs1Result(
  scan: Scan,
  source: 'element-string' | 'digital-link',
  elements: Gs1Element[],
  options: CompiledBarcodeOptions,
): ParsedBarcode | BarcodeFailure {
  const measures = interpretElements(elements, options.currencyExponent, options.dateContext);
  if ('ok' in measures) return measures;
  const result = { ok: true, kind: 'gs1', source, elements, data: scan.data, ...measures } as Gs1Barcode;
  return withSymbology(result, scan);
}

function readInternal(
  scan: Scan,
  options: CompiledBarcodeOptions,
): ParsedBarcode | BarcodeFailure | undefined {
  for (const rule of options.internalCodeRules) {
    if (!scan.data.startsWith(rule.prefix)) continue;
    if (rule.length !== undefined && scan.data.length !== rule.length) continue;
    if (rule.checkDigit) {
      if (!/^[0-9]+$/.test(scan.data)) continue;
      if (!hasValidGs1CheckDigit(scan.data)) {
        return barcodeFailure(
          'check-digit',
          `${rule.type} ${scan.data}: check digit should be ${gs1CheckDigit(scan.data.slice(0, -1))}`,
        );
      }
    }
    const payload = scan.data.slice(rule.prefix.length);
    return withSymbology<InternalBarcode>(
      { ok: true, kind: 'internal', type: rule.type, payload, data: scan.data },
      scan,
    );
  }
  return undefined;
}

function readDigits(scan: Scan, options: CompiledBarcodeOptions): ParsedBarcode | BarcodeFailure {
  const eightDigits =
    scan.symbology === EAN8_SYMBOLOGY
      ? 'ean-8'
      : scan.symbology === EAN_UPC_SYMBOLOGY
        ? 'upc-e'
        : options.eightDigits;
  let main = scan.data;
  let addOn: string | undefined;
  if (scan.symbology === EAN_UPC_WITH_ADD_ON_SYMBOLOGY) {
    // ISO/IEC 15424 ]E3: the main symbol (13 digits, or 12 for UPC-A) then a 2- or 5-digit add-on.
    const addOnLength = { 14: 2, 15: 2, 17: 5, 18: 5 }[main.length];
    if (addOnLength === undefined)
      return barcodeFailure('length', `${main.length} digits for EAN/UPC with add-on`);
    addOn = main.slice(-addOnLength);
    main = main.slice(0, -addOnLength);
  }
  const eightDigitsSure = scan.symbology === EAN8_SYMBOLOGY || scan.symbology === EAN_UPC_SYMBOLOGY;
  const gtin = readGtin(main, eightDigits, eightDigitsSure);
  if (!gtin.ok) return gtin;
  // Restricted circulation numbers 02 and 20-29 (GS1 General Specifications §2.1.11): in-store codes.
  if (gtin.gtin[0] === '0' && (gtin.gtin.startsWith('002') || gtin.gtin[1] === '2')) {
    const match = matchVariableMeasure(gtin.gtin.slice(1), options.variableMeasureRules);
    if (match && !match.ok) return match;
    if (match) {
      const { pattern, measure } = match.rule.rule;
      const itemReference = match.itemReference;
      const gtin = `0${itemReference}`;
      const data = scan.data;
      const result: VariableMeasureBarcode =
        measure === 'weight'
          ? {
              ok: true,
              kind: 'variable-measure',
              measure,
              grams: match.value,
              pattern,
              itemReference,
              gtin,
              data,
            }
          : {
              ok: true,
              kind: 'variable-measure',
              measure,
              price: match.value,
              pattern,
              itemReference,
              gtin,
              data,
            };
      return withSymbology(result, scan);
    }
  }
  const result: Mutable<GtinBarcode> = {
    ok: true,
    kind: 'gtin',
    format: gtin.format,
    gtin: gtin.gtin,
    data: scan.data,
  };
  if (addOn !== undefined) result.addOn = addOn;
  return withSymbology(result, scan);
}

/** Space, CR, LF, Tab. */
function isPadding(code: number): boolean {
  return code === 32 || code === 13 || code === 10 || code === 9;
}

/**
 * The lane's receipt barcode: the sale's UUIDv7 as 32 lowercase hex digits (version 7, RFC 9562 variant).
 * Read as an in-store 'receipt' code whose payload is the sale id with its dashes back.
 */
const RECEIPT_UUID = /^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/;

function receiptOfUuid(scan: Scan): ParsedBarcode {
  const d = scan.data;
  const payload = `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
  return withSymbology<InternalBarcode>(
    { ok: true, kind: 'internal', type: 'receipt', payload, data: d },
    scan,
  );
}

function parseWith(raw: string, options: CompiledBarcodeOptions): BarcodeResult {
  if (typeof raw !== 'string') return barcodeFailure('charset', 'a barcode is text');
  // Keyboard-wedge scanners end each scan with CR, LF or Tab; people add spaces when typing a code.
  let from = 0;
  let to = raw.length;
  while (from < to && isPadding(raw.charCodeAt(from))) from++;
  while (to > from && isPadding(raw.charCodeAt(to - 1))) to--;
  const text = from === 0 && to === raw.length ? raw : raw.slice(from, to);
  if (text === '') return barcodeFailure('empty', 'nothing was scanned');
  const { symbology, data } = splitSymbology(text);
  const scan: Scan = { data, symbology };
  const fail = (failure: BarcodeFailure): BarcodeFailure =>
    symbology === undefined ? failure : { ...failure, symbology };
  if (data === '') return fail(barcodeFailure('empty', 'a symbology identifier without data'));

  let result: ParsedBarcode | BarcodeFailure | undefined;
  if (isGs1ElementStringSymbology(symbology) || data[0] === GS) {
    const read = readElementString(data, options.dateContext);
    result = read.ok ? gs1Result(scan, 'element-string', read.elements, options) : read;
  } else if (isWebUri(data)) {
    const read = readDigitalLink(data, options.dateContext);
    result = read.ok ? gs1Result(scan, 'digital-link', read.elements, options) : read;
  } else if (data[0] === '(') {
    const read = readBracketedElementString(data, options.dateContext);
    result = read.ok ? gs1Result(scan, 'element-string', read.elements, options) : read;
  } else {
    // Precedence for the rest, all digits or not: a wallet payment code first (18 digits 10-15, or 16-24
    // digits 25-30, sent bare or as Code 128/QR), so no member-card prefix or GS1 reading can take it; then
    // the chain's own codes; then GTINs (8-14 digits) and, longer, a GS1 element string without its symbology
    // identifier. A GTIN-14 is 14 digits and an SSCC in GS1 form is 20 (AI 00 + 18), so neither meets a
    // payment code; what does is a GS1-128 read without ]C1 whose first AI is 10-15 (batch, dates) or 25x/30
    // at those lengths: such a scanner must be set to send AIM
    // identifiers (without them it loses the leading FNC1 that says "GS1" anyway).
    const payment = options.paymentCodes ? readPaymentCode(data, symbology) : undefined;
    if (payment !== undefined) {
      return withSymbology<PaymentCodeBarcode>(
        { ok: true, kind: 'payment-code', provider: payment.provider, authCode: payment.authCode, data },
        scan,
      );
    }
    result = readInternal(scan, options);
    if (result === undefined) {
      if (/^[0-9]+$/.test(data)) {
        // Longer than a GTIN: a GS1-128 element string from a scanner that sends no symbology identifier.
        if (data.length > 14 && symbology !== EAN_UPC_WITH_ADD_ON_SYMBOLOGY) {
          const read = readElementString(data, options.dateContext);
          result = read.ok ? gs1Result(scan, 'element-string', read.elements, options) : read;
          if (!result.ok && RECEIPT_UUID.test(data)) result = receiptOfUuid(scan);
        } else result = readDigits(scan, options);
      } else if (data.includes(GS)) {
        const read = readElementString(data, options.dateContext);
        result = read.ok ? gs1Result(scan, 'element-string', read.elements, options) : read;
      } else if (RECEIPT_UUID.test(data)) {
        result = receiptOfUuid(scan);
      } else {
        result = barcodeFailure('charset', 'neither a GTIN, a GS1 code nor a known in-store code');
      }
    }
  }
  return result.ok ? result : fail(result);
}

const compiledOptions = new WeakMap<BarcodeOptions, CompiledBarcodeOptions>();
let defaultOptions: CompiledBarcodeOptions | undefined;

function compiled(options: BarcodeOptions | undefined): CompiledBarcodeOptions {
  if (options === undefined) {
    defaultOptions ??= compileBarcodeOptions();
    return defaultOptions;
  }
  let found = compiledOptions.get(options);
  if (!found) {
    found = compileBarcodeOptions(options);
    compiledOptions.set(options, found);
  }
  return found;
}

/**
 * Reads whatever a scanner sent: a GTIN (EAN-8/13, UPC-A/E, GTIN-14), an in-store variable-measure code,
 * a GS1 element string (GS1-128, DataBar, DataMatrix, QR) or Digital Link, one of the chain's own codes, or
 * a WeChat Pay / Alipay payment code (see `parseWith` for the order these are tried in). Never throws on scanned input; throws only when `options` are malformed (naming the option).
 */
export function parseBarcode(raw: string, options?: BarcodeOptions): BarcodeResult {
  return parseWith(raw, compiled(options));
}

/** A parser with its options checked up front, for a lane that reads many codes with one nomenclature. */
export function createBarcodeParser(options?: BarcodeOptions): (raw: string) => BarcodeResult {
  const ready = compileBarcodeOptions(options);
  return (raw) => parseWith(raw, ready);
}
