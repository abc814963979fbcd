import {
  buildCatalogIndex,
  type CatalogIndex,
  type EmployeeDoc,
  indexPromotions,
  type MemberDoc,
  type PriceDoc,
  type ProductDoc,
  type PromotionDoc,
  type PromotionIndex,
  type StoreDoc,
  storeSettingsInForce,
  type TaxRateDoc,
} from '@storefloor/core';
import { BehaviorSubject, type Subscription } from 'rxjs';
import type { LaneDatabase } from './lane-database.js';

/** Everything a lane sells from, indexed in memory: no database query per scan. */
export interface CatalogSnapshot {
  /** The store's settings version in force when the catalog was (re)built. */
  readonly store: StoreDoc | undefined;
  readonly index: CatalogIndex;
  readonly products: readonly ProductDoc[];
  /** Price versions by product id (every version: `priceInForce` picks). */
  readonly pricesByProduct: ReadonlyMap<string, readonly PriceDoc[]>;
  readonly taxRates: readonly TaxRateDoc[];
  readonly promotions: PromotionIndex;
  /** Every promotion of the store, coupon promotions too (a sale with coupons is priced from these). */
  readonly promotionDocs: readonly PromotionDoc[];
  readonly employees: readonly EmployeeDoc[];
  readonly members: readonly MemberDoc[];
  /** Bumped on every rebuild, so screens can tell a new catalog from the old one. */
  readonly version: number;
}

type Docs = {
  products: ProductDoc[];
  prices: PriceDoc[];
  promotions: PromotionDoc[];
  tax_rates: TaxRateDoc[];
  stores: StoreDoc[];
  employees: EmployeeDoc[];
  members: MemberDoc[];
};

/**
 * The replica's master data as in-memory indexes (core's `buildCatalogIndex`, `indexPromotions`), rebuilt
 * from each collection's change stream (RxDB's `find().$`), coalesced to one rebuild per frame burst.
 */
export class LiveCatalog {
  readonly snapshot: BehaviorSubject<CatalogSnapshot>;
  readonly #subs: Subscription[] = [];
  readonly #docs: Docs = {
    products: [],
    prices: [],
    promotions: [],
    tax_rates: [],
    stores: [],
    employees: [],
    members: [],
  };
  #storeId: string;
  #scheduled = false;
  #version = 0;

  constructor(db: LaneDatabase, storeId: string) {
    this.#storeId = storeId;
    this.snapshot = new BehaviorSubject(this.#build());
    const watch = <K extends keyof Docs>(name: K) => {
      const collection = db[name] as unknown as {
        find(): { $: { subscribe(next: (docs: { toMutableJSON(): unknown }[]) => void): Subscription } };
      };
      this.#subs.push(
        collection.find().$.subscribe((docs) => {
          this.#docs[name] = docs.map((d) => d.toMutableJSON()) as Docs[K];
          this.#schedule();
        }),
      );
    };
    for (const name of ['products', 'prices', 'promotions', 'tax_rates', 'stores', 'employees', 'members'] as const)
      watch(name);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.snapshot.next(this.#build());
    });
  }

  #build(): CatalogSnapshot {
    const storeId = this.#storeId;
    const pricesByProduct = new Map<string, PriceDoc[]>();
    for (const p of this.#docs.prices) {
      if (p.storeId !== storeId && p.storeId !== '*') continue;
      const list = pricesByProduct.get(p.productId);
      if (list) list.push(p);
      else pricesByProduct.set(p.productId, [p]);
    }
    const storePromotions = this.#docs.promotions.filter((p) => p.storeId === storeId || p.storeId === '*');
    return {
      store: settingsNow(storeId, this.#docs.stores),
      index: buildCatalogIndex(this.#docs.products, storeId),
      products: this.#docs.products.filter((p) => p.active && (p.storeId === storeId || p.storeId === '*')),
      pricesByProduct,
      taxRates: this.#docs.tax_rates.filter((r) => r.storeId === storeId || r.storeId === '*'),
      promotions: indexPromotions(storePromotions),
      promotionDocs: storePromotions,
      employees: this.#docs.employees.filter((e) => e.active && (e.storeId === storeId || e.storeId === '*')),
      members: this.#docs.members,
      version: ++this.#version,
    };
  }

  close(): void {
    for (const s of this.#subs) s.unsubscribe();
  }
}

function settingsNow(storeId: string, versions: readonly StoreDoc[]): StoreDoc | undefined {
  const inForce = storeSettingsInForce(storeId, Date.now(), versions);
  return inForce.ok ? inForce.value : undefined;
}
