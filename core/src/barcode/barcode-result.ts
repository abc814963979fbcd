/** Why a scan could not be read; callers branch on these, never on `detail`. */
export type BarcodeFailureReason =
  | 'empty'
  | 'charset'
  | 'length'
  | 'check-digit'
  | 'unknown-ai'
  | 'ai-value'
  | 'duplicate-ai'
  | 'digital-link'
  | 'price-check-digit'
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
  /** AI 00, the 18-digit SSCC. */
  readonly sscc?: string;
  /** AI 01, 14 digits. */
  readonly gtin?: string;
  /** AI 03, the GTIN of a made-to-order trade item, 14 digits. */
  readonly mtoGtin?: string;
  /** AI 10. */
  readonly batch?: string;
  /** AI 21. */
  readonly serial?: string;
  /** AI 235, third-party controlled serialised extension of the GTIN. */
  readonly tpx?: string;
  /** AI 242, made-to-order variation number. */
  readonly mtoVariant?: string;
  /** AI 253, GDTI (document type and optional serial). */
  readonly gdti?: string;
  /** AI 8003, GRAI (returnable asset; leading 0, 13 digits, optional serial). */
  readonly grai?: string;
  /** AI 8004, GIAI (individual asset). */
  readonly giai?: string;
  /** AI 17, `YYMMDD` as encoded (DD 00 = end of month); see `gs1DateToIso`. */
  readonly expiry?: string;
  /** AI 17 as an ISO date, given when the parser knows the reference year. */
  readonly expiryDate?: string;
  /** AI 15, `YYMMDD` as encoded. */
  readonly bestBefore?: string;
  /** AI 15 as an ISO date, given when the parser knows the reference year. */
  readonly bestBeforeDate?: string;
  /** AI 7011, test-by date `YYMMDD` with optional `HHMM`. */
  readonly testBy?: string;
  /** AI 310n (kg) or 320n (lb) exactly as encoded: `value` × 10^-`decimals` `unit`. */
  readonly netWeight?: Gs1Measure<'kg' | 'lb'>;
  /** AI 310n or 320n in integer grams (rounded half up when finer than a gram; 1 lb = 453.59237 g). */
  readonly netWeightGrams?: number;
  /** AI 311n, length or first dimension in metres, exactly as encoded. */
  readonly length?: Gs1Measure<'m'>;
  /** AI 392n, amount payable for a variable-measure item, in integer minor units of the store's currency. */
  readonly price?: number;
  /** AI 390n, amount payable or coupon value, in integer minor units of the store's currency. */
  readonly amount?: number;
  /** AIs 7230-7239, certification references in the order read. */
  readonly certifications?: readonly Gs1Certification[];
};

/** A trade measure as a GS1 AI carries it: `value` × 10^-`decimals` `unit`, never a float. */
export type Gs1Measure<Unit extends string> = {
  readonly unit: Unit;
  readonly value: number;
  readonly decimals: number;
};

/** AIs 7230-7239 (`X2 X..28`): a two-character certification scheme code, then the reference. */
export type Gs1Certification = { readonly ai: string; readonly scheme: string; readonly reference: string };

export type InternalCodeType = 'receipt' | 'member-card' | 'employee-badge' | 'coupon';

export type InternalBarcode = Scanned & {
  readonly kind: 'internal';
  readonly type: InternalCodeType;
  /** The data after the rule's prefix (check digit included when the rule has one). */
  readonly payload: string;
};

export type PaymentProvider = 'wechat-pay' | 'alipay';

/** A wallet's payment code shown by the customer: a tender, never a product or a member. */
export type PaymentCodeBarcode = Scanned & {
  readonly kind: 'payment-code';
  readonly provider: PaymentProvider;
  /** The digits to send as `auth_code` to the wallet gateway. */
  readonly authCode: string;
};

export type ParsedBarcode =
  | GtinBarcode
  | VariableMeasureBarcode
  | Gs1Barcode
  | InternalBarcode
  | PaymentCodeBarcode;
export type BarcodeResult = ParsedBarcode | BarcodeFailure;

export function barcodeFailure(
  reason: BarcodeFailureReason,
  detail: string,
  symbology?: string,
): BarcodeFailure {
  return symbology === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, symbology };
}
