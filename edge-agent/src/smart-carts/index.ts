export type {
  CardCharge,
  CardFailure,
  CartCardPayment,
  CartTerminalConfig,
} from './cart-card-terminals.js';
export {
  ANY_CART,
  CartCardTerminals,
  CartTerminalSchema,
  cardTenderReference,
  loadCartTerminals,
  parseCartTerminals,
} from './cart-card-terminals.js';
export type { CartCatalog, CartCoupon, CartItem } from './cart-catalog.js';
export { SqliteCartLinkState } from './cart-link-state.js';
export type { CartErrorCode, CartRoutesOptions } from './cart-routes.js';
export { CART_ERRORS, cartRoutes } from './cart-routes.js';
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
export { ReplicaCartCatalog } from './replica-cart-catalog.js';
export type { AgentWalletCharge, SmartCartsConfig, SmartCartsStart } from './smart-carts-hub.js';
export { SmartCartsHub } from './smart-carts-hub.js';
