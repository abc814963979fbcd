export type { BarcodeOptions } from './barcode-options.js';
export type {
  BarcodeFailure,
  BarcodeFailureReason,
  BarcodeResult,
  Gs1Barcode,
  Gs1Certification,
  Gs1Element,
  Gs1Measure,
  GtinBarcode,
  GtinFormat,
  InternalBarcode,
  InternalCodeType,
  ParsedBarcode,
  PaymentCodeBarcode,
  PaymentProvider,
  VariableMeasureBarcode,
} from './barcode-result.js';
export { gs1CheckDigit, hasValidGs1CheckDigit, withGs1CheckDigit } from './check-digit.js';
export type { Gs1AiComponent, Gs1AiDefinition, Gs1Linter } from './gs1-application-identifiers.js';
export { GS1_APPLICATION_IDENTIFIERS } from './gs1-application-identifiers.js';
export type { Gs1DateContext } from './gs1-date.js';
export { gs1DateToIso, gs1FullYear } from './gs1-date.js';
export { DEFAULT_DIGITAL_LINK_BASE, renderDigitalLink } from './gs1-digital-link.js';
export type { RenderElementStringOptions } from './gs1-element-string.js';
export { GS, renderGs1ElementString } from './gs1-element-string.js';
export { compressUpcA, expandUpcE, renderGtin } from './gtin.js';
export type { InternalCodeRule } from './internal-code.js';
export { DEFAULT_INTERNAL_CODE_RULES } from './internal-code.js';
export { createBarcodeParser, parseBarcode } from './parse-barcode.js';
export { priceCheckDigit } from './price-check-digit.js';
export { splitSymbology } from './symbology.js';
export type { VariableMeasureRule } from './variable-measure.js';
export {
  DEFAULT_VARIABLE_MEASURE_RULES,
  NATIONAL_VARIABLE_MEASURE_RULES,
  renderVariableMeasure,
} from './variable-measure.js';
