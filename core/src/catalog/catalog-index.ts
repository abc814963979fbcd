import { err, ok, type Result } from '../result.js';
import type { ProductDoc } from '../schemas/products.js';

/** Products looked up the way a lane finds them: by GTIN from a scan, by PLU from the keypad. */
export interface CatalogIndex {
  readonly byId: ReadonlyMap<string, ProductDoc>;
  readonly byGtin: ReadonlyMap<string, ProductDoc>;
  readonly byPlu: ReadonlyMap<string, ProductDoc>;
}

/** GTIN-8, -12, -13 and -14 name the same item when zero-padded to 14 digits (GS1 General Specifications 3.3.2). */
export function gtinKey(gtin: string): string {
  return gtin.padStart(14, '0');
}

/**
 * Builds the lookup maps. For a GTIN or PLU claimed by two products, the store's own product beats the
 * chain-wide one, then the latest `updatedAt`, then the greatest id, so the build is order-independent.
 */
export function buildCatalogIndex(products: readonly ProductDoc[], storeId: string): CatalogIndex {
  const byId = new Map<string, ProductDoc>();
  const byGtin = new Map<string, ProductDoc>();
  const byPlu = new Map<string, ProductDoc>();
  const wins = (a: ProductDoc, b: ProductDoc | undefined): boolean => {
    if (b === undefined) return true;
    const ra = a.storeId === storeId ? 1 : 0;
    const rb = b.storeId === storeId ? 1 : 0;
    if (ra !== rb) return ra > rb;
    if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
    return a.id > b.id;
  };
  for (const p of products) {
    if (p.storeId !== storeId && p.storeId !== '*') continue;
    if (wins(p, byId.get(p.id))) byId.set(p.id, p);
  }
  for (const p of byId.values()) {
    if (!p.active) continue;
    for (const g of p.gtins) {
      const key = gtinKey(g);
      if (wins(p, byGtin.get(key))) byGtin.set(key, p);
    }
    if (p.plu !== '' && wins(p, byPlu.get(p.plu))) byPlu.set(p.plu, p);
  }
  return { byId, byGtin, byPlu };
}

export function productByGtin(index: CatalogIndex, gtin: string): Result<ProductDoc, 'unknown-gtin'> {
  const p = index.byGtin.get(gtinKey(gtin));
  return p === undefined ? err('unknown-gtin', `no product with GTIN ${gtin}`) : ok(p);
}

export function productByPlu(index: CatalogIndex, plu: string): Result<ProductDoc, 'unknown-plu'> {
  const p = index.byPlu.get(plu);
  return p === undefined ? err('unknown-plu', `no product with PLU ${plu}`) : ok(p);
}
