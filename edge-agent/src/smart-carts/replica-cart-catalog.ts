import {
  buildCatalogIndex,
  type CatalogIndex,
  couponPromotion,
  couponStatus,
  type LoyaltyEntryDoc,
  type PriceDoc,
  type ProductDoc,
  type PromotionDoc,
  parseBarcode,
  priceInForce,
  productByGtin,
  type StoreDoc,
  storeSettingsInForce,
  type TaxRateDoc,
  taxRateInForce,
} from '@storefloor/core';
import type { Subscription } from 'rxjs';
import type { StoreReplica } from '../replica/store-replica.js';
import type { CartCatalog, CartCoupon, CartItem } from './cart-catalog.js';

type MasterCollection = 'products' | 'prices' | 'promotions' | 'tax_rates' | 'stores';
const MASTER: readonly MasterCollection[] = ['products', 'prices', 'promotions', 'tax_rates', 'stores'];

/**
 * The store's master data as a cart scan needs it, held in memory from the replica (loaded at start, then
 * kept current from the replica's change stream, so an HQ price import is on the carts as it is on the
 * lanes). A code is read with core's `parseBarcode` and the product found by GTIN, its price chosen by
 * `priceInForce` and its tax rate by `taxRateInForce`: the lookups a lane makes.
 */
export class ReplicaCartCatalog implements CartCatalog {
  readonly #storeId: string;
  readonly #products = new Map<string, ProductDoc>();
  readonly #prices = new Map<string, Map<string, PriceDoc>>();
  readonly #promotions = new Map<string, PromotionDoc>();
  readonly #taxRates = new Map<string, TaxRateDoc>();
  readonly #stores = new Map<string, StoreDoc>();
  readonly #subscriptions: Subscription[] = [];
  #index: CatalogIndex | undefined;
  #replica: StoreReplica | undefined;

  constructor(storeId: string) {
    this.#storeId = storeId;
  }

  /** Loads every master document of the replica and follows its changes until `stop`. */
  async start(replica: StoreReplica): Promise<void> {
    this.#replica = replica;
    for (const name of MASTER) {
      const collection = replica.collections[name];
      // Subscribed before the load: a change written meanwhile is applied (again), never missed.
      this.#subscriptions.push(
        collection.$.subscribe((event) => this.apply(name, [event.documentData as unknown as never])),
      );
      const docs = (await collection.find().exec()).map((d) => d.toJSON() as unknown as never);
      this.apply(name, docs);
    }
  }

  stop(): void {
    for (const s of this.#subscriptions.splice(0)) s.unsubscribe();
  }

  /** Takes new or changed documents; versions are never edited, so each replaces only its own id. */
  apply(name: MasterCollection, docs: readonly never[]): void {
    for (const doc of docs as readonly { id: string; _deleted?: boolean }[]) {
      switch (name) {
        case 'products':
          this.#products.set(doc.id, doc as unknown as ProductDoc);
          this.#index = undefined;
          break;
        case 'prices': {
          const price = doc as unknown as PriceDoc;
          let versions = this.#prices.get(price.productId);
          if (!versions) {
            versions = new Map();
            this.#prices.set(price.productId, versions);
          }
          versions.set(price.id, price);
          break;
        }
        case 'promotions':
          this.#promotions.set(doc.id, doc as unknown as PromotionDoc);
          break;
        case 'tax_rates':
          this.#taxRates.set(doc.id, doc as unknown as TaxRateDoc);
          break;
        case 'stores':
          this.#stores.set(doc.id, doc as unknown as StoreDoc);
          break;
      }
    }
  }

  lookup(code: string, instant: number): CartItem | undefined {
    const parsed = parseBarcode(code);
    if (!parsed.ok) return undefined;
    let gtin: string | undefined;
    let weightGrams: number | undefined;
    switch (parsed.kind) {
      case 'gtin':
        gtin = parsed.gtin;
        break;
      case 'variable-measure':
        // A weighed item's label from the scale; a price-embedded label is not sold on a cart.
        if (parsed.measure !== 'weight') return undefined;
        gtin = parsed.gtin;
        weightGrams = parsed.grams;
        break;
      case 'gs1':
        gtin = parsed.gtin;
        weightGrams = parsed.netWeightGrams;
        break;
      default:
        return undefined;
    }
    if (gtin === undefined) return undefined;
    this.#index ??= buildCatalogIndex([...this.#products.values()], this.#storeId);
    const found = productByGtin(this.#index, gtin);
    if (!found.ok) return undefined;
    const product = found.value;
    // Sold by weight with no weight on the label: a cart has no scale to weigh it, a lane does.
    if (product.unit === 'weight' && weightGrams === undefined) return undefined;
    const price = priceInForce(product, this.#storeId, instant, [
      ...(this.#prices.get(product.id)?.values() ?? []),
    ]);
    if (!price.ok) return undefined;
    const taxRate = taxRateInForce(product.taxClass, this.#storeId, instant, [...this.#taxRates.values()]);
    if (!taxRate.ok) return undefined;
    return {
      product,
      price: price.value,
      taxRate: taxRate.value,
      gtin,
      ...(product.unit === 'weight' && weightGrams !== undefined ? { weightGrams } : {}),
    };
  }

  async coupon(code: string, _instant: number): Promise<CartCoupon | undefined> {
    const promotion = couponPromotion(this.promotions(_instant), code);
    if (!promotion || !this.#replica) return undefined;
    const entries = (await this.#replica.loyalty_entries.find({ selector: { couponCode: code } }).exec()).map(
      (d) => d.toJSON() as unknown as LoyaltyEntryDoc,
    );
    if (couponStatus(entries, code).state === 'redeemed') return undefined;
    return { code, promotion };
  }

  promotions(_instant: number): readonly PromotionDoc[] {
    // Core's engine takes only what is in force at the sale's instant and in this store.
    return [...this.#promotions.values()].filter((p) => p.storeId === '*' || p.storeId === this.#storeId);
  }

  settings(instant: number): StoreDoc {
    const settings = storeSettingsInForce(this.#storeId, instant, [...this.#stores.values()]);
    if (!settings.ok) throw new Error(`carts: ${settings.detail ?? settings.reason}`);
    return settings.value;
  }

  /** Whether the store's settings are in the replica yet (carts are served once they are). */
  ready(instant: number): boolean {
    return storeSettingsInForce(this.#storeId, instant, [...this.#stores.values()]).ok;
  }
}
