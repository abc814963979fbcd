/** Why a scan could not be read; callers branch on these, never on `detail`. */
export type BarcodeFailureReason =
  | 'empty'
  | 'charset'
  | 'length'
  | 'check-digit'
  | 'unknown-ai'
  | 'ai-value'
  | 'duplicate-ai'
  | 'unrecognised';

export type BarcodeFailure = {
  readonly ok: false;
  readonly reason: BarcodeFailureReason;
  readonly detail: string;
  readonly symbology?: string;
};

export type GtinFormat = 'ean-8' | 'ean-13' | 'upc-a' | 'upc-e' | 'gtin-14';

type Scanned = {
  readonly ok: true;
  /** AIM symbology identifier the scanner sent, e.g. `]E0`; absent when none was sent. */
  readonly symbology?: string;
  /** The data as scanned, without symbology identifier and line ending. */
  readonly data: string;
};

export type GtinBarcode = Scanned & {
  readonly kind: 'gtin';
  readonly format: GtinFormat;
  /** 14 digits (GTIN-14 form, zero-padded), the catalogue's product key. */
  readonly gtin: string;
  /** The 2- or 5-digit add-on (issue number, suggested price) sent with `]E3`. */
  readonly addOn?: string;
};

export type VariableMeasureBarcode = Scanned & {
  readonly kind: 'variable-measure';
  /** The nomenclature rule that matched, e.g. `21.....{NNDDD}`. */
  readonly pattern: string;
  /** The 13-digit code with the value digits zeroed and the check digit recomputed: the product lookup key. */
  readonly itemReference: string;
  /** `itemReference` as a 14-digit GTIN. */
  readonly gtin: string;
} & (
    | { readonly measure: 'weight'; readonly grams: number }
    | { readonly measure: 'price'; readonly price: number }
  );

export type Gs1Element = { readonly ai: string; readonly value: string };

export type Gs1Barcode = Scanned & {
  readonly kind: 'gs1';
  readonly source: 'element-string' | 'digital-link';
  /** Every element in the order read. */
  readonly elements: readonly Gs1Element[];
  /** AI 01, 14 digits. */
  readonly gtin?: string;
  /** AI 10. */
  readonly batch?: string;
  /** AI 21. */
  readonly serial?: string;
  /** AI 17, `YYMMDD` as encoded (DD 00 = end of month); see `gs1DateToIso`. */
  readonly expiry?: string;
  /** AI 310n, net weight in integer grams (rounded half up when n > 3). */
  readonly netWeightGrams?: number;
  /** AI 392n, amount payable in integer minor units of the store's currency. */
  readonly price?: number;
};

export type InternalCodeType = 'receipt' | 'member-card' | 'employee-badge' | 'coupon';

export type InternalBarcode = Scanned & {
  readonly kind: 'internal';
  readonly type: InternalCodeType;
  /** The data after the rule's prefix (check digit included when the rule has one). */
  readonly payload: string;
};

export type ParsedBarcode = GtinBarcode | VariableMeasureBarcode | Gs1Barcode | InternalBarcode;
export type BarcodeResult = ParsedBarcode | BarcodeFailure;

export function barcodeFailure(
  reason: BarcodeFailureReason,
  detail: string,
  symbology?: string,
): BarcodeFailure {
  return symbology === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, symbology };
}
