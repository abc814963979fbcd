export type { AuditEntryDoc } from './audit-entries.js';
export { auditEntriesIsFinal, auditEntriesSchema } from './audit-entries.js';
export type { CashMovementDoc, CashMovementKind } from './cash-movements.js';
export { cashMovementsIsFinal, cashMovementsSchema } from './cash-movements.js';
export type {
  CollectionDocument,
  CollectionDocuments,
  CollectionKind,
  CollectionName,
  CollectionRegistry,
  CollectionSpec,
  MigrationStrategy,
} from './collections.js';
export {
  collectionNames,
  collections,
  isCollectionName,
  masterCollectionNames,
  transactionCollectionNames,
} from './collections.js';
export type { DocumentSchema } from './conventions.js';
export {
  CHAIN_WIDE,
  currencyProperty,
  deviceSequenceProperty,
  epochMsProperty,
  ID_MAX_LENGTH,
  idProperty,
  minorUnitsProperty,
} from './conventions.js';
export type { DeviceWrite, DeviceWriteReason } from './device-write.js';
export { checkDeviceWrite, sameDocument } from './device-write.js';
export type { EmployeeDoc, EmployeeRole } from './employees.js';
export { employeesSchema } from './employees.js';
export type { InvariantViolation } from './invariants.js';
export { checkInvariants } from './invariants.js';
export type {
  CouponEntryDoc,
  CouponEntryKind,
  CouponRedeemedDoc,
  CouponReversedDoc,
  LoyaltyEntryDoc,
  LoyaltyEntryKind,
  PointsEntryDoc,
  PointsEntryKind,
} from './loyalty-entries.js';
export {
  COUPON_ENTRY_KINDS,
  isCouponEntry,
  isPointsEntry,
  loyaltyEntriesIsFinal,
  loyaltyEntriesSchema,
  POINTS_ENTRY_KINDS,
} from './loyalty-entries.js';
export type { MemberDoc } from './members.js';
export { membersSchema } from './members.js';
export type { MigrationReason } from './migrate.js';
export { migrateDocument } from './migrate.js';
export type { PriceDoc } from './prices.js';
export { pricesSchema } from './prices.js';
export type { ProductDoc, ProductUnit } from './products.js';
export { productsSchema } from './products.js';
export type {
  PromotionDoc,
  PromotionKind,
  PromotionRule,
  PromotionTarget,
  PromotionTimeWindow,
} from './promotions.js';
export { isCouponPromotion, migratePromotionV0ToV1, promotionsSchema } from './promotions.js';
export type {
  AdjustmentSource,
  AppliedPromotionDoc,
  ManualDiscountDoc,
  SaleAdjustmentDoc,
  SaleCouponDoc,
  SaleDoc,
  SaleKind,
  SaleLineDoc,
  SaleLineEntry,
  SaleStatus,
  SaleTaxDoc,
  SaleTotalsDoc,
  TaxMode,
  TaxRounding,
  TenderDoc,
  TenderKind,
} from './sales.js';
export { migrateSaleV0ToV1, salesIsFinal, salesSchema } from './sales.js';
export type { CashCountDoc, DenominationCountDoc, ShiftDoc, ShiftStatus } from './shifts.js';
export { shiftsIsFinal, shiftsSchema } from './shifts.js';
export type {
  CountedThrough,
  StockCountDoc,
  StockFlowDoc,
  StockFlowKind,
  StockMovementDoc,
  StockMovementKind,
  StockUnit,
} from './stock-movements.js';
export {
  isStockCount,
  STOCK_FLOW_KINDS,
  stockMovementsIsFinal,
  stockMovementsSchema,
} from './stock-movements.js';
export type { StoreDoc, StoreDocV0 } from './stores.js';
export { migrateStoreV0ToV1, storesSchema } from './stores.js';
export type { TaxRateDoc } from './tax-rates.js';
export { taxRatesSchema } from './tax-rates.js';
export type { ValidationReason } from './validate.js';
export { validateAgainst, validateDocument } from './validate.js';
