import {
  indexPromotions,
  type PriceDoc,
  type ProductDoc,
  type PromotionDoc,
  type PromotionIndex,
  priceInForce,
} from '@storefloor/core';
import type { ShelfLabelProduct, ShelfOffer } from './shelf-label-content.js';
import type { ShelfPriceSource } from './shelf-price-source.js';

export interface MasterDataPriceSourceOptions {
  readonly storeId: string;
  readonly timeZone: string;
  /**
   * What the label shows of a product beyond its master data: by default the name and, when it differs,
   * the receipt name as the second language, and the first GTIN. Net content (for the unit price of packs)
   * comes from here, as the product schema has none.
   */
  readonly describe?: (product: ProductDoc) => Partial<ShelfLabelProduct>;
}

/**
 * An in-memory ShelfPriceSource over the store's master data documents, fed by the hub from its replica
 * (`apply` after each pull from HQ). Prices are chosen by core's `priceInForce`; the promotions a label may
 * show are those core's promotion index names for the product.
 */
export class MasterDataPriceSource implements ShelfPriceSource {
  readonly #products = new Map<string, ProductDoc>();
  readonly #prices = new Map<string, Map<string, PriceDoc>>();
  readonly #promotions = new Map<string, PromotionDoc>();
  #index: PromotionIndex = indexPromotions([]);
  readonly #listeners = new Set<(productIds: readonly string[] | undefined) => void>();

  constructor(readonly options: MasterDataPriceSourceOptions) {}

  onChange(listener: (productIds: readonly string[] | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Takes new or changed documents (versions are never edited, so a document replaces its own id only). */
  apply(docs: {
    readonly products?: readonly ProductDoc[];
    readonly prices?: readonly PriceDoc[];
    readonly promotions?: readonly PromotionDoc[];
  }): void {
    const touched = new Set<string>();
    for (const p of docs.products ?? []) {
      this.#products.set(p.id, p);
      touched.add(p.id);
    }
    for (const v of docs.prices ?? []) {
      let versions = this.#prices.get(v.productId);
      if (!versions) {
        versions = new Map();
        this.#prices.set(v.productId, versions);
      }
      versions.set(v.id, v);
      touched.add(v.productId);
    }
    const promotions = docs.promotions ?? [];
    for (const p of promotions) this.#promotions.set(p.id, p);
    if (promotions.length > 0) this.#index = indexPromotions([...this.#promotions.values()]);
    const ids = promotions.length > 0 ? undefined : [...touched];
    for (const listener of this.#listeners) listener(ids);
  }

  offer(productId: string, instant: number): ShelfOffer | undefined {
    const product = this.#products.get(productId);
    if (!product) return undefined;
    const price = priceInForce(product, this.options.storeId, instant, [
      ...(this.#prices.get(productId)?.values() ?? []),
    ]);
    if (!price.ok) return undefined;
    // Every promotion that names the product, its category or group, whatever its dates: the label
    // content decides what is active at the instant it draws.
    const index = this.#index;
    const ranks = new Set([
      ...(index.byProduct.get(product.id) ?? []),
      ...(index.byCategory.get(product.categoryId) ?? []),
      ...(product.productGroupId === '' ? [] : (index.byGroup.get(product.productGroupId) ?? [])),
    ]);
    const named = [...ranks].sort((a, b) => a - b).flatMap((rank) => index.ordered[rank] ?? []);
    const described = this.options.describe?.(product) ?? {};
    return {
      product: {
        id: product.id,
        categoryId: product.categoryId,
        productGroupId: product.productGroupId,
        name: product.name,
        secondName: product.receiptName !== product.name ? product.receiptName : '',
        unit: product.unit,
        ...(product.gtins[0] !== undefined ? { gtin: product.gtins[0] } : {}),
        ...described,
      },
      price: price.value,
      promotions: named,
      timeZone: this.options.timeZone,
    };
  }

  nextChangeAfter(instant: number): number | undefined {
    let next: number | undefined;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t > instant && (next === undefined || t < next)) next = t;
    };
    for (const versions of this.#prices.values())
      for (const v of versions.values()) {
        consider(v.validFrom);
        consider(v.validTo);
      }
    for (const p of this.#promotions.values()) {
      consider(p.validFrom);
      consider(p.validTo);
    }
    return next;
  }
}
