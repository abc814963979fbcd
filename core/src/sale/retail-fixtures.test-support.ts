import { priceInForce } from '../catalog/price-in-force.js';
import { indexPromotions } from '../pricing/promotion-index.js';
import { expectOk } from '../result.js';
import type { PriceDoc } from '../schemas/prices.js';
import type { ProductDoc } from '../schemas/products.js';
import type { PromotionDoc, PromotionRule, PromotionTarget } from '../schemas/promotions.js';
import type { SaleDoc } from '../schemas/sales.js';
import type { TaxRateDoc } from '../schemas/tax-rates.js';
import { openSale } from './open-sale.js';
import type { PricingEnv } from './recompute-sale.js';
import { addProductLine } from './sale-lines.js';

/** Test fixtures for the retail domain: a small French supermarket catalogue priced in EUR. */
export const T0 = 1_763_900_000_000;

export function product(id: string, over: Partial<ProductDoc> = {}): ProductDoc {
  return {
    id,
    storeId: '*',
    name: `Product ${id}`,
    receiptName: id.toUpperCase(),
    gtins: [],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction: 0,
    categoryId: 'grocery',
    productGroupId: '',
    active: true,
    updatedAt: T0,
    ...over,
  };
}

export function price(productId: string, amount: number, over: Partial<PriceDoc> = {}): PriceDoc {
  return {
    id: `price-${productId}-${amount}`,
    storeId: '*',
    productId,
    currency: 'EUR',
    amount,
    validFrom: T0 - 86_400_000,
    createdAt: T0 - 86_400_000,
    ...over,
  };
}

export const standardRate: TaxRateDoc = {
  id: 'fr-20',
  storeId: '*',
  taxClass: 'standard',
  rateBps: 2000,
  label: 'A 20%',
  validFrom: 0,
  createdAt: 0,
};
export const reducedRate: TaxRateDoc = {
  id: 'fr-5.5',
  storeId: '*',
  taxClass: 'reduced',
  rateBps: 550,
  label: 'B 5.5%',
  validFrom: 0,
  createdAt: 0,
};

export const noTarget: PromotionTarget = { productIds: [], categoryIds: [], productGroupIds: [] };
export const products = (...productIds: string[]): PromotionTarget => ({ ...noTarget, productIds });
export const categories = (...categoryIds: string[]): PromotionTarget => ({ ...noTarget, categoryIds });

export function promotion(id: string, rule: PromotionRule, over: Partial<PromotionDoc> = {}): PromotionDoc {
  return {
    id,
    storeId: '*',
    name: `Promotion ${id}`,
    receiptText: `Promo ${id}`,
    currency: 'EUR',
    priority: 0,
    exclusive: false,
    memberOnly: false,
    validFrom: T0 - 86_400_000,
    rule,
    createdAt: T0 - 86_400_000,
    ...over,
  };
}

export function env(promotions: readonly PromotionDoc[] = [], over: Partial<PricingEnv> = {}): PricingEnv {
  // 2025-11-23 12:13 UTC is a Sunday; tests that need a weekday say so.
  return { promotions: indexPromotions(promotions), instant: T0, weekday: 7, minuteOfDay: 13 * 60, ...over };
}

export function newSale(over: Partial<Parameters<typeof openSale>[0]> = {}): SaleDoc {
  return expectOk(
    openSale({
      id: '019ab0c0-0000-7000-8000-000000000001',
      storeId: 'store-0042',
      deviceId: 'lane-1',
      shiftId: 'shift-1',
      cashierId: 'emp-7',
      businessDay: '2025-11-23',
      currency: 'EUR',
      taxMode: 'inclusive',
      taxRounding: 'line',
      openedAt: T0,
      ...over,
    }),
  );
}

/** Adds `quantity` of a product at `amount` per unit (or per kg with `weightGrams`). */
export function withLine(
  sale: SaleDoc,
  lineId: string,
  p: ProductDoc,
  amount: number,
  e: PricingEnv,
  opts: { quantity?: number; weightGrams?: number; memberAmount?: number; rate?: TaxRateDoc } = {},
): SaleDoc {
  const pr = expectOk(
    priceInForce(p, sale.storeId, T0, [
      price(p.id, amount, opts.memberAmount === undefined ? {} : { memberAmount: opts.memberAmount }),
    ]),
  );
  return expectOk(
    addProductLine(
      sale,
      {
        lineId,
        entry: p.unit === 'weight' ? 'weighed' : 'scanned',
        product: p,
        price: pr,
        taxRate: opts.rate ?? (p.taxClass === 'reduced' ? reducedRate : standardRate),
        ...(opts.quantity === undefined ? {} : { quantity: opts.quantity }),
        ...(opts.weightGrams === undefined ? {} : { weightGrams: opts.weightGrams }),
      },
      e,
    ),
  );
}
