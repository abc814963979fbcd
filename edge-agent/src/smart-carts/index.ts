export type { CartCatalog, CartCoupon, CartItem } from './cart-catalog.js';
export type {
  CartChargeRequest,
  CartLink,
  CartPayment,
  CartSaleRecorder,
  CartServiceOptions,
  ExitRefusal,
} from './cart-service.js';
export { CartService } from './cart-service.js';
export type {
  CartAlert,
  CartAlertKind,
  CartLine,
  CartResolution,
  CartSessionState,
  WeightPolicy,
} from './cart-session.js';
export { checkoutBlocker, DEFAULT_WEIGHT_POLICY, openAlerts } from './cart-session.js';
export type { ExitCodeRecord } from './cart-store.js';
export { CartStore } from './cart-store.js';
export type { CartSaleError, CartSaleInput } from './price-cart-sale.js';
export { completeCartSale, priceCartSale } from './price-cart-sale.js';
