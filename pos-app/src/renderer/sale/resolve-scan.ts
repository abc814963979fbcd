import { type ParsedBarcode, type ProductDoc, parseBarcode, productByGtin } from '@storefloor/core';
import type { CatalogSnapshot } from '../data/live-catalog.js';

/** What a scan asks the lane to do. Unknown and unreadable codes are values the screen explains. */
export type ScanAction =
  | {
      readonly kind: 'sell';
      readonly product: ProductDoc;
      readonly gtin: string;
      readonly weightGrams?: number;
      readonly embeddedPrice?: number;
    }
  | { readonly kind: 'weigh'; readonly product: ProductDoc; readonly gtin: string }
  | { readonly kind: 'member'; readonly cardNumber: string }
  | { readonly kind: 'coupon'; readonly code: string }
  | { readonly kind: 'receipt'; readonly code: string }
  | { readonly kind: 'unknown'; readonly code: string }
  | { readonly kind: 'unreadable'; readonly code: string; readonly reason: string }
  | { readonly kind: 'unsupported'; readonly code: string; readonly what: string };

/** Reads a scanned (or keyed) code with core's barcode parser and the in-memory catalog index. */
export function resolveScan(catalog: CatalogSnapshot, barcode: ParsedBarcode): ScanAction {
  const code = barcode.data;
  switch (barcode.kind) {
    case 'gtin': {
      const found = productByGtin(catalog.index, barcode.gtin);
      if (!found.ok) return { kind: 'unknown', code };
      return found.value.unit === 'weight'
        ? { kind: 'weigh', product: found.value, gtin: barcode.gtin }
        : { kind: 'sell', product: found.value, gtin: barcode.gtin };
    }
    case 'variable-measure': {
      const found = productByGtin(catalog.index, barcode.gtin);
      if (!found.ok) return { kind: 'unknown', code };
      return barcode.measure === 'weight'
        ? { kind: 'sell', product: found.value, gtin: barcode.gtin, weightGrams: barcode.grams }
        : { kind: 'sell', product: found.value, gtin: barcode.gtin, embeddedPrice: barcode.price };
    }
    case 'gs1': {
      if (barcode.gtin === undefined) return { kind: 'unsupported', code, what: 'gs1-without-gtin' };
      const found = productByGtin(catalog.index, barcode.gtin);
      if (!found.ok) return { kind: 'unknown', code };
      const product = found.value;
      if (barcode.netWeightGrams !== undefined && product.unit === 'weight') {
        return { kind: 'sell', product, gtin: barcode.gtin, weightGrams: barcode.netWeightGrams };
      }
      if (barcode.price !== undefined)
        return { kind: 'sell', product, gtin: barcode.gtin, embeddedPrice: barcode.price };
      return product.unit === 'weight'
        ? { kind: 'weigh', product, gtin: barcode.gtin }
        : { kind: 'sell', product, gtin: barcode.gtin };
    }
    case 'internal':
      if (barcode.type === 'member-card') return { kind: 'member', cardNumber: code };
      if (barcode.type === 'receipt') return { kind: 'receipt', code };
      if (barcode.type === 'coupon') return { kind: 'coupon', code };
      return { kind: 'unsupported', code, what: barcode.type };
    case 'payment-code':
      // A shopper's WeChat Pay / Alipay code is a tender, never a product: it is charged on the payment
      // screen (screens/payment), so here the lane says to go there instead of looking it up.
      return { kind: 'unsupported', code, what: `payment-code:${barcode.provider}` };
  }
}

/** A code keyed at the lane: read like a scan (the cashier types what the label says). */
export function resolveKeyedCode(catalog: CatalogSnapshot, keyed: string): ScanAction {
  const parsed = parseBarcode(keyed);
  if (!parsed.ok) return { kind: 'unreadable', code: keyed, reason: parsed.reason };
  return resolveScan(catalog, parsed);
}
