import type { ShelfOffer } from './shelf-label-content.js';

/**
 * Where the label scheduler learns what the register charges: the hub implements it over its replica (or
 * uses MasterDataPriceSource). Prices and promotions are effective-dated, so the answer depends on the
 * instant asked about, and `nextChangeAfter` says when it may change with nobody pushing anything.
 */
export interface ShelfPriceSource {
  /** What is in force for a product at `instant`; undefined when it has no price (unknown, inactive). */
  offer(productId: string, instant: number): ShelfOffer | undefined;
  /** The first instant after `instant` at which a price or promotion starts or ends; undefined if none. */
  nextChangeAfter(instant: number): number | undefined;
  /** Called when master data changed: with the products concerned, or undefined for "maybe any". */
  onChange(listener: (productIds: readonly string[] | undefined) => void): () => void;
}
