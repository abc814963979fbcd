import type { PriceInForce, ProductDoc, PromotionDoc, StoreDoc, TaxRateDoc } from '@storefloor/core';

/** A product as a cart scan finds it: what a lane's catalog lookup gives. */
export interface CartItem {
  readonly product: ProductDoc;
  readonly price: PriceInForce;
  readonly taxRate: TaxRateDoc;
  readonly gtin?: string;
  /**
   * For a product sold by weight, the net grams the scanned code carries (a GS1 variable-measure label
   * from the scale, read with core's parseBarcode): the line's weight, and what should go into the basket.
   */
  readonly weightGrams?: number;
}

/** A coupon the shopper presented, already checked unused by the hub (core's `couponStatus`). */
export interface CartCoupon {
  readonly code: string;
  /** The promotion the coupon grants: it prices the basket like any promotion, for this sale only. */
  readonly promotion: PromotionDoc;
}

/**
 * What a cart session needs from the store's master data, answered by the hub from its replica (the same
 * lookups a lane makes): the item a code stands for at an instant, the promotions in force, the settings.
 */
export interface CartCatalog {
  lookup(code: string, instant: number): CartItem | undefined;
  /**
   * A coupon scanned on the cart: its promotion when the store has the code and the loyalty ledger does not
   * say it was used (core's `couponPromotion`, `couponStatus`); undefined otherwise.
   */
  coupon?(code: string, instant: number): Promise<CartCoupon | undefined>;
  promotions(instant: number): readonly PromotionDoc[];
  settings(
    instant: number,
  ): Pick<
    StoreDoc,
    | 'storeId'
    | 'currency'
    | 'taxMode'
    | 'taxRounding'
    | 'cashRoundingStep'
    | 'timeZone'
    | 'businessDayStartHour'
  >;
}
