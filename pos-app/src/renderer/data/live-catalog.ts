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
import { CATALOG_READY } from '../perf/load-marks.js';

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
  products: ProductDoc;
  prices: PriceDoc;
  promotions: PromotionDoc;
  tax_rates: TaxRateDoc;
  stores: StoreDoc;
  employees: EmployeeDoc;
  members: MemberDoc;
};
type Watched = keyof Docs;
const WATCHED: readonly Watched[] = ['products', 'prices', 'promotions', 'tax_rates', 'stores', 'employees', 'members'];

/** The parts of RxDB's collection API the catalog reads: one full read, then the change events. */
interface WatchedCollection {
  find(): { exec(): Promise<{ toMutableJSON(): unknown }[]> };
  readonly eventBulks$: {
    subscribe(
      next: (bulk: {
        events: readonly { operation: string; documentId: string; documentData: unknown }[];
      }) => void,
    ): Subscription;
  };
}

/** How long a burst of changes (an HQ import arriving in batches) is gathered before one rebuild. */
const COALESCE_MS = 50;

/**
 * The replica's master data as in-memory indexes (core's `buildCatalogIndex`, `indexPromotions`): each
 * collection is read once, then kept current from its change events (RxDB's `eventBulks$`), and only the parts
 * whose collection changed are rebuilt, at most once per burst. With 100,000 products a price change costs one
 * price index, not a query of the whole catalogue.
 */
export class LiveCatalog {
  readonly snapshot: BehaviorSubject<CatalogSnapshot>;
  /** Resolves once every collection has been read: from then on a scan finds everything in the replica. */
  readonly ready: Promise<void>;
  readonly #subs: Subscription[] = [];
  readonly #docs: { [K in Watched]: Map<string, Docs[K]> } = {
    products: new Map(),
    prices: new Map(),
    promotions: new Map(),
    tax_rates: new Map(),
    stores: new Map(),
    employees: new Map(),
    members: new Map(),
  };
  readonly #dirty = new Set<Watched>(WATCHED);
  #storeId: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #version = 0;
  #loaded = false;

  /**
   * `firstPull`: the replication's first pull (`LaneSync.start()`). Made before it starts, the catalog takes the
   * pulled documents from their change events as they are written (a new lane reads nothing back from IndexedDB)
   * and builds its indexes once, when the pull is done, not once per burst of a 100,000-product load.
   */
  constructor(db: LaneDatabase, storeId: string, firstPull: Promise<unknown> = Promise.resolve()) {
    this.#storeId = storeId;
    this.snapshot = new BehaviorSubject(this.#build(EMPTY));
    const reads = Promise.all(WATCHED.map((name) => this.#watch(name, db[name] as unknown as WatchedCollection)));
    // A failed pull is the boot's to report (it awaits the pull itself); the catalog is built from what is there.
    const pulled = firstPull.then(
      () => undefined,
      () => undefined,
    );
    this.ready = Promise.all([reads, pulled]).then(
      () => {
        this.#loaded = true;
        this.#flush();
        performance.mark(CATALOG_READY);
      },
    );
  }

  async #watch<K extends Watched>(name: K, collection: WatchedCollection): Promise<void> {
    const docs = this.#docs[name] as Map<string, Docs[K]>;
    // Changes that land while the first read runs are newer than what it returns: they win.
    const changedDuringRead = new Set<string>();
    let reading = true;
    this.#subs.push(
      collection.eventBulks$.subscribe((bulk) => {
        for (const event of bulk.events) {
          if (reading) changedDuringRead.add(event.documentId);
          if (event.operation === 'DELETE') docs.delete(event.documentId);
          else docs.set(event.documentId, stripMeta(event.documentData) as Docs[K]);
        }
        this.#dirty.add(name);
        this.#schedule();
      }),
    );
    for (const doc of await collection.find().exec()) {
      const value = doc.toMutableJSON() as Docs[K] & { id?: string };
      const id = String(value.id);
      if (!changedDuringRead.has(id)) docs.set(id, value);
    }
    reading = false;
    changedDuringRead.clear();
    this.#dirty.add(name);
  }

  #schedule(): void {
    if (!this.#loaded || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, COALESCE_MS);
  }

  #flush(): void {
    if (this.#dirty.size === 0) return;
    this.snapshot.next(this.#build(this.snapshot.value));
  }

  #build(previous: CatalogSnapshot): CatalogSnapshot {
    const storeId = this.#storeId;
    const dirty = new Set(this.#dirty);
    this.#dirty.clear();
    const mine = <T extends { storeId: string }>(list: Iterable<T>) =>
      [...list].filter((d) => d.storeId === storeId || d.storeId === '*');
    const products = dirty.has('products') ? [...this.#docs.products.values()] : undefined;
    let pricesByProduct = previous.pricesByProduct;
    if (dirty.has('prices')) {
      const byProduct = new Map<string, PriceDoc[]>();
      for (const p of this.#docs.prices.values()) {
        if (p.storeId !== storeId && p.storeId !== '*') continue;
        const list = byProduct.get(p.productId);
        if (list) list.push(p);
        else byProduct.set(p.productId, [p]);
      }
      pricesByProduct = byProduct;
    }
    const promotionDocs = dirty.has('promotions') ? mine(this.#docs.promotions.values()) : previous.promotionDocs;
    return {
      store: dirty.has('stores') ? settingsNow(storeId, [...this.#docs.stores.values()]) : previous.store,
      index: products ? buildCatalogIndex(products, storeId) : previous.index,
      products: products ? products.filter((p) => p.active && (p.storeId === storeId || p.storeId === '*')) : previous.products,
      pricesByProduct,
      taxRates: dirty.has('tax_rates') ? mine(this.#docs.tax_rates.values()) : previous.taxRates,
      promotions: dirty.has('promotions') ? indexPromotions(promotionDocs) : previous.promotions,
      promotionDocs,
      employees: dirty.has('employees')
        ? mine(this.#docs.employees.values()).filter((e) => e.active)
        : previous.employees,
      members: dirty.has('members') ? [...this.#docs.members.values()] : previous.members,
      version: ++this.#version,
    };
  }

  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    for (const s of this.#subs) s.unsubscribe();
  }
}

/** RxDB's document data carries `_rev`, `_meta`, `_attachments`, `_deleted`: the catalog keeps the document. */
function stripMeta(data: unknown): unknown {
  const { _rev, _meta, _attachments, _deleted, ...doc } = data as Record<string, unknown>;
  return doc;
}

const EMPTY: CatalogSnapshot = {
  store: undefined,
  index: buildCatalogIndex([], ''),
  products: [],
  pricesByProduct: new Map(),
  taxRates: [],
  promotions: indexPromotions([]),
  promotionDocs: [],
  employees: [],
  members: [],
  version: 0,
};

function settingsNow(storeId: string, versions: readonly StoreDoc[]): StoreDoc | undefined {
  const inForce = storeSettingsInForce(storeId, Date.now(), versions);
  return inForce.ok ? inForce.value : undefined;
}
