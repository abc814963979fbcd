import type { Queryable } from '../db/database.js';
import type { RowFields, RowRejection } from './row-fields.js';

export interface ImportContext {
  /** Epoch milliseconds of this import; stamped as `updatedAt`/`createdAt`. */
  readonly now: number;
  /** A fresh UUIDv7, for versions (prices, promotions) that get a new id on every import. */
  readonly newId: () => string;
  /** `?currency=` of the request, used when a row has no currency column. */
  readonly defaultCurrency: string | undefined;
  /** `?storeId=` of the request, used when a row has no storeId column ('*' = chain-wide). */
  readonly defaultStoreId: string;
}

export interface ImportDocument {
  readonly id: string;
  readonly storeId: string;
  readonly [field: string]: unknown;
}

/**
 * One kind of import: which collection it writes, which columns a file may have, and how one row becomes a
 * document. `toDocument` may be async (employees hash PINs). `screen` runs per batch inside the import's
 * transaction and refuses rows that would edit what must never be edited in place.
 */
export interface ImportKind {
  readonly name: string;
  readonly collection: string;
  readonly columns: readonly string[];
  readonly requiredColumns: readonly string[];
  toDocument(
    row: RowFields,
    context: ImportContext,
  ): ImportDocument | undefined | Promise<ImportDocument | undefined>;
  screen?(tx: Queryable, documents: readonly ImportDocument[]): Promise<Map<string, RowRejection>>;
}
