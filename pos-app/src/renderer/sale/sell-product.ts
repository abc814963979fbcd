import {
  addProductLine,
  err,
  ok,
  type PriceInForce,
  type ProductDoc,
  priceInForce,
  type Result,
  type SaleDoc,
  taxRateInForce,
} from '@storefloor/core';
import type { CatalogSnapshot } from '../data/live-catalog.js';
import { pricingEnvAt } from './pricing-env.js';

export interface SellInput {
  readonly lineId: string;
  readonly product: ProductDoc;
  readonly entry: 'scanned' | 'plu' | 'weighed';
  readonly quantity?: number;
  readonly weightGrams?: number;
  readonly gtin?: string;
  readonly plu?: string;
  /** A price-embedded label (variable measure, GS1 AI 392n): the label's price replaces the shelf price. */
  readonly embeddedPrice?: number;
}

export type SellFailure = 'no-price' | 'product-inactive' | 'no-tax-rate' | 'price-embedded-weighed' | string;

/** The price and tax rate in force now for a product, looked up in the replica's indexes. */
export function priceOf(
  catalog: CatalogSnapshot,
  product: ProductDoc,
  instant: number,
): Result<PriceInForce, 'no-price' | 'product-inactive'> {
  const storeId = catalog.store?.id ?? product.storeId;
  return priceInForce(product, storeId, instant, catalog.pricesByProduct.get(product.id) ?? []);
}

/** Adds a product line through core (price in force, tax rate in force, promotions, totals). */
export function sellProduct(
  sale: SaleDoc,
  catalog: CatalogSnapshot,
  input: SellInput,
  instant: number,
): Result<SaleDoc, SellFailure> {
  const price = priceOf(catalog, input.product, instant);
  if (!price.ok) return price;
  const rate = taxRateInForce(input.product.taxClass, sale.storeId, instant, catalog.taxRates);
  if (!rate.ok) return rate;
  let charged = price.value;
  if (input.embeddedPrice !== undefined) {
    if (input.product.unit === 'weight') {
      return err(
        'price-embedded-weighed',
        `${input.product.name} is sold by weight; its label must carry the weight`,
      );
    }
    charged = { ...price.value, unitPrice: input.embeddedPrice };
  }
  const added = addProductLine(
    sale,
    {
      lineId: input.lineId,
      entry: input.entry,
      product: input.product,
      price: charged,
      taxRate: rate.value,
      ...(input.quantity === undefined ? {} : { quantity: input.quantity }),
      ...(input.weightGrams === undefined ? {} : { weightGrams: input.weightGrams }),
      ...(input.gtin === undefined ? {} : { gtin: input.gtin }),
      ...(input.plu === undefined ? {} : { plu: input.plu }),
    },
    pricingEnvAt(catalog, instant, sale),
  );
  return added.ok ? ok(added.value) : added;
}
