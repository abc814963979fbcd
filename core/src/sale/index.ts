export type { SaleConsistencyReason } from './check-completed-sale.js';
export { checkCompletedSale } from './check-completed-sale.js';
export { cancelSale, completeSale, requiredAge, verifyAge } from './complete-sale.js';
export type { CouponContext, SaleClock } from './coupons.js';
export {
  applyCoupon,
  couponPromotion,
  couponRedemptions,
  couponReversals,
  pricingEnvForSale,
} from './coupons.js';
export type { ManualDiscountInput } from './manual-discount.js';
export { addManualDiscount, identifyMember } from './manual-discount.js';
export type { OpenSaleInput } from './open-sale.js';
export { ensureOpen, openSale } from './open-sale.js';
export type { PricingEnv } from './recompute-sale.js';
export { balanceDue, cashBalanceDue, recomputeSale, retotalSale } from './recompute-sale.js';
export type { RefundPart } from './refund-plan.js';
export { planRefund } from './refund-plan.js';
export type { CreateReturnInput, ReturnItem } from './returns.js';
export { createReturn, refundableTotal, returnedQuantities } from './returns.js';
export type { SaleError } from './sale-error.js';
export type { ManualLineInput, ProductLineInput } from './sale-lines.js';
export { addManualLine, addProductLine, changeQuantity, voidLine } from './sale-lines.js';
export type { ResumeSaleInput } from './suspend.js';
export { resumedBy, resumeSale, suspendedBaskets, suspendSale } from './suspend.js';
export type { TenderInput } from './tenders.js';
export { addTender, removeTender } from './tenders.js';
