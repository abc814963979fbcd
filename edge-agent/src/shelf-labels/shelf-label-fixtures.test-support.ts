import type { PriceInForce, PromotionDoc } from '@storefloor/core';
import type { ShelfLabelProduct, ShelfOffer } from './shelf-label-content.js';

/** 2026-12-02 12:00 in Shanghai (UTC+8, no daylight saving). */
export const NOON = Date.UTC(2026, 11, 2, 4, 0, 0);
/** Midnight starting 2026-12-03 in Shanghai. */
export const MIDNIGHT = Date.UTC(2026, 11, 2, 16, 0, 0);
export const TZ = 'Asia/Shanghai';

export const milk: ShelfLabelProduct = {
  id: 'p-milk',
  categoryId: 'dairy',
  productGroupId: '',
  name: '光明优倍鲜牛奶',
  secondName: 'Bright Fresh Milk',
  unit: 'each',
  netContent: { amount: 950, unit: 'ml' },
  gtin: '6901234567892',
};

export const apples: ShelfLabelProduct = {
  id: 'p-apple',
  categoryId: 'fruit',
  productGroupId: '',
  name: '烟台红富士苹果',
  secondName: 'Yantai Fuji Apples',
  unit: 'weight',
  gtin: '2000123000003',
};

export function price(productId: string, unitPrice: number, over: Partial<PriceInForce> = {}): PriceInForce {
  return {
    priceId: `price-${productId}-${unitPrice}`,
    productId,
    currency: 'CNY',
    unit: productId === 'p-apple' ? 'weight' : 'each',
    unitPrice,
    ...over,
  };
}

export function percentOff(
  id: string,
  productId: string,
  percentBps: number,
  over: Partial<PromotionDoc> = {},
): PromotionDoc {
  return {
    id,
    storeId: '*',
    name: id,
    receiptText: '限时八折 20% off',
    currency: 'CNY',
    priority: 10,
    exclusive: false,
    memberOnly: false,
    validFrom: NOON - 86_400_000,
    validTo: NOON + 5 * 86_400_000,
    rule: {
      kind: 'percent-off',
      target: { productIds: [productId], categoryIds: [], productGroupIds: [] },
      percentBps,
    },
    createdAt: NOON - 86_400_000,
    ...over,
  };
}

export function offer(
  product: ShelfLabelProduct,
  p: PriceInForce,
  promotions: PromotionDoc[] = [],
): ShelfOffer {
  return { product, price: p, promotions, timeZone: TZ };
}
