import { createHash } from 'node:crypto';
import {
  formatDecimalAmount,
  indexPromotions,
  isPromotionActive,
  localClock,
  mulDivRound,
  type PriceInForce,
  type PricingContext,
  type PromotionDoc,
  priceBasket,
} from '@storefloor/core';

/** What a label needs to know about a product besides its price. */
export interface ShelfLabelProduct {
  readonly id: string;
  readonly categoryId: string;
  readonly productGroupId: string;
  /** The name shoppers read first (Chinese in a Chinese store). */
  readonly name: string;
  /** The second-language name (English), '' when none. */
  readonly secondName: string;
  readonly unit: 'each' | 'weight';
  /** Net content of one pack, for the unit price of an 'each' product; absent when unknown. */
  readonly netContent?: { readonly amount: number; readonly unit: 'g' | 'ml' };
  /** The GTIN printed as the label's barcode; absent when the product has none. */
  readonly gtin?: string;
}

/** What is in force for one product at one instant, as the register would charge it. */
export interface ShelfOffer {
  readonly product: ShelfLabelProduct;
  readonly price: PriceInForce;
  /** Every promotion that names the product, its category or group; inactive ones are left out here. */
  readonly promotions: readonly PromotionDoc[];
  /** IANA time zone of the store, for promotion time windows and validity dates. */
  readonly timeZone: string;
}

/** The texts and figures drawn on a label; `version` identifies them (a new price is a new version). */
export interface ShelfLabelContent {
  readonly productId: string;
  readonly name: string;
  readonly secondName: string;
  readonly currencySymbol: string;
  /** What one unit (or one kilogram) costs at the register now, promotions included, as '12.90'. */
  readonly price: string;
  /** 'kg' for weighed products, '' for units. */
  readonly priceUnit: '' | 'kg';
  /** The regular price when a promotion lowers it, else undefined. */
  readonly regularPrice: string | undefined;
  readonly memberPrice: string | undefined;
  /** Unit price, e.g. { zh: '每100克', en: 'per 100 g', amount: '2.58' }. */
  readonly unitPrice: { readonly zh: string; readonly en: string; readonly amount: string } | undefined;
  /** The first active promotion's shelf text and its last valid day ('2026-12-07'), if any. */
  readonly promotion: { readonly text: string; readonly lastDay: string | undefined } | undefined;
  readonly barcode: string | undefined;
  /** The price version this content shows and the promotions in it. */
  readonly priceId: string;
  readonly promotionIds: readonly string[];
  /** Hash of everything above: two contents with the same version draw the same label. */
  readonly version: string;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  CNY: '¥',
  EUR: '€',
  USD: '$',
  GBP: '£',
  JPY: '¥',
  HKD: 'HK$',
};

function money(amount: number, currency: string): string {
  const text = formatDecimalAmount(amount, currency);
  if (!text.ok) throw new RangeError(`label price in unknown currency ${currency}`);
  return text.value;
}

/**
 * Pure: what a label shows for an offer at `instant`. The price is what core's engine charges for one unit
 * (one kilogram when weighed) of the product alone, so the label never shows a price the register would not
 * charge; multi-buys and basket offers show as text beside the regular price. The unit price is per 100 g
 * (or 100 ml) below one kilogram and per kg (or litre) from there, rounded by core's money arithmetic.
 */
export function shelfLabelContent(offer: ShelfOffer, instant: number): ShelfLabelContent {
  const { product, price } = offer;
  const clock = localClock(instant, offer.timeZone);
  const ctx: PricingContext = {
    currency: price.currency,
    instant,
    weekday: clock.weekday,
    minuteOfDay: clock.minuteOfDay,
    member: false,
  };
  const active = offer.promotions
    .filter((p) => p.rule.kind !== 'basket-threshold' && isPromotionActive(p, ctx))
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const weighed = product.unit === 'weight';
  const one = priceBasket(
    [
      {
        id: 'label',
        productId: product.id,
        categoryId: product.categoryId,
        productGroupId: product.productGroupId,
        unit: product.unit,
        quantity: 1,
        ...(weighed ? { weightGrams: 1000 } : {}),
        unitPrice: price.unitPrice,
      },
    ],
    indexPromotions(active),
    ctx,
  );
  const charged = one.amount;
  const currency = price.currency;
  const unitPrice = unitPriceOf(product, charged, currency);
  const first = active[0];
  const body = {
    productId: product.id,
    name: product.name,
    secondName: product.secondName,
    currencySymbol: SYMBOLS[currency] ?? `${currency} `,
    price: money(charged, currency),
    priceUnit: weighed ? ('kg' as const) : ('' as const),
    regularPrice: charged < price.unitPrice ? money(price.unitPrice, currency) : undefined,
    memberPrice:
      price.memberUnitPrice !== undefined && price.memberUnitPrice < charged
        ? money(price.memberUnitPrice, currency)
        : undefined,
    unitPrice,
    promotion: first
      ? {
          text: first.receiptText,
          // validTo is exclusive: the last day shown is the local day of the instant before it.
          lastDay:
            first.validTo === undefined ? undefined : localClock(first.validTo - 1, offer.timeZone).day,
        }
      : undefined,
    barcode: product.gtin,
    priceId: price.priceId,
    promotionIds: active.map((p) => p.id),
  };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { ...body, version };
}

function unitPriceOf(
  product: ShelfLabelProduct,
  charged: number,
  currency: string,
): ShelfLabelContent['unitPrice'] {
  if (product.unit === 'weight')
    return { zh: '每100克', en: 'per 100 g', amount: money(mulDivRound(charged, 100, 1000), currency) };
  const net = product.netContent;
  if (net === undefined || !Number.isSafeInteger(net.amount) || net.amount <= 0) return undefined;
  const gram = net.unit === 'g';
  if (net.amount < 1000)
    return {
      zh: gram ? '每100克' : '每100毫升',
      en: gram ? 'per 100 g' : 'per 100 ml',
      amount: money(mulDivRound(charged, 100, net.amount), currency),
    };
  return {
    zh: gram ? '每千克' : '每升',
    en: gram ? 'per kg' : 'per l',
    amount: money(mulDivRound(charged, 1000, net.amount), currency),
  };
}
