import { type AuditEntryDoc, auditEntriesIsFinal, auditEntriesSchema } from './audit-entries.js';
import { type CashMovementDoc, cashMovementsIsFinal, cashMovementsSchema } from './cash-movements.js';
import type { DocumentSchema } from './conventions.js';
import { type EmployeeDoc, employeesSchema } from './employees.js';
import { type LoyaltyEntryDoc, loyaltyEntriesIsFinal, loyaltyEntriesSchema } from './loyalty-entries.js';
import { type MemberDoc, membersSchema } from './members.js';
import { type PriceDoc, pricesSchema } from './prices.js';
import { type ProductDoc, productsSchema } from './products.js';
import { migratePromotionV0ToV1, type PromotionDoc, promotionsSchema } from './promotions.js';
import { migrateSaleV0ToV1, type SaleDoc, salesIsFinal, salesSchema } from './sales.js';
import { type ShiftDoc, shiftsIsFinal, shiftsSchema } from './shifts.js';
import { type StockMovementDoc, stockMovementsIsFinal, stockMovementsSchema } from './stock-movements.js';
import { migrateStoreV0ToV1, type StoreDoc, storesSchema } from './stores.js';
import { type TaxRateDoc, taxRatesSchema } from './tax-rates.js';

/**
 * The document type stored in each collection.
 *
 * Exactly 13: RxDB's open-source edition lets one process hold at most 13 open collections
 * (`NON_PREMIUM_COLLECTION_LIMIT` in rxdb/dist/esm/plugins/utils/utils-premium.js; the 14th waits, the 15th
 * fails with COL23), and a lane or the edge agent opens every replicated collection at once. Ledgers that
 * belong together therefore share a collection and a `kind` (counts live in `stock_movements`, points and
 * coupons in `loyalty_entries`). Adding a 14th replicated collection is a decision for the project, not a
 * schema change: it needs RxDB premium or a different way of storing the extra data.
 */
export type CollectionDocuments = {
  products: ProductDoc;
  prices: PriceDoc;
  promotions: PromotionDoc;
  tax_rates: TaxRateDoc;
  stores: StoreDoc;
  employees: EmployeeDoc;
  members: MemberDoc;
  sales: SaleDoc;
  shifts: ShiftDoc;
  cash_movements: CashMovementDoc;
  stock_movements: StockMovementDoc;
  loyalty_entries: LoyaltyEntryDoc;
  audit_entries: AuditEntryDoc;
};

export type CollectionName = keyof CollectionDocuments;
export type CollectionDocument<K extends CollectionName> = CollectionDocuments[K];

/**
 * 'master': written at HQ only, pull-only for devices. 'transaction': created by exactly one device,
 * immutable once `isFinal` says so; pushing it again is a no-op and changing it is refused.
 */
export type CollectionKind = 'master' | 'transaction';

/** A migration strategy turns a document of version n - 1 into version n (RxDB `migrationStrategies`). */
export type MigrationStrategy = (old: Record<string, unknown>) => Record<string, unknown>;

export type CollectionSpec<D = unknown> = {
  readonly name: string;
  readonly schema: DocumentSchema;
  readonly kind: CollectionKind;
  /** Transactions only: once this says true, the document never changes again. */
  isFinal?(doc: D): boolean;
  /** Keyed by the version each strategy produces, 1 … schema.version. */
  readonly migrationStrategies: Readonly<Record<number, MigrationStrategy>>;
};

export type CollectionRegistry = { readonly [K in CollectionName]: CollectionSpec<CollectionDocument<K>> };

function master<K extends CollectionName>(
  name: K,
  schema: DocumentSchema,
  migrationStrategies: Readonly<Record<number, MigrationStrategy>> = {},
): CollectionSpec<CollectionDocument<K>> {
  return { name, schema, kind: 'master', migrationStrategies };
}

function transaction<K extends CollectionName>(
  name: K,
  schema: DocumentSchema,
  isFinal: (doc: CollectionDocument<K>) => boolean,
  migrationStrategies: Readonly<Record<number, MigrationStrategy>> = {},
): CollectionSpec<CollectionDocument<K>> {
  return { name, schema, kind: 'transaction', isFinal, migrationStrategies };
}

export const collections: CollectionRegistry = {
  products: master('products', productsSchema),
  prices: master('prices', pricesSchema),
  promotions: master('promotions', promotionsSchema, { 1: migratePromotionV0ToV1 }),
  tax_rates: master('tax_rates', taxRatesSchema),
  stores: master('stores', storesSchema, { 1: migrateStoreV0ToV1 }),
  employees: master('employees', employeesSchema),
  members: master('members', membersSchema),
  sales: transaction('sales', salesSchema, salesIsFinal, { 1: migrateSaleV0ToV1 }),
  shifts: transaction('shifts', shiftsSchema, shiftsIsFinal),
  cash_movements: transaction('cash_movements', cashMovementsSchema, cashMovementsIsFinal),
  stock_movements: transaction('stock_movements', stockMovementsSchema, stockMovementsIsFinal),
  loyalty_entries: transaction('loyalty_entries', loyaltyEntriesSchema, loyaltyEntriesIsFinal),
  audit_entries: transaction('audit_entries', auditEntriesSchema, auditEntriesIsFinal),
};

export const collectionNames: readonly CollectionName[] = Object.freeze(
  Object.keys(collections) as CollectionName[],
);

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.hasOwn(collections, value);
}

export const masterCollectionNames: readonly CollectionName[] = collectionNames.filter(
  (name) => collections[name].kind === 'master',
);
export const transactionCollectionNames: readonly CollectionName[] = collectionNames.filter(
  (name) => collections[name].kind === 'transaction',
);
