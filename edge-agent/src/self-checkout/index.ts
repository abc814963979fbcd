export type { AlertKind, AlertStatus, NewAlert, SelfCheckoutAlert } from './alert-board.js';
export { ALERT_KINDS, AlertBoard } from './alert-board.js';
export { pinMatches } from './attendant-pin.js';
export { installSelfCheckout } from './install-self-checkout.js';
export type {
  AttendantRefusal,
  CheckAttendant,
  SelfCheckoutErrorCode,
  SelfCheckoutOptions,
} from './self-checkout-routes.js';
export { replyAttendantRefusal, SELF_CHECKOUT_ERRORS, selfCheckoutRoutes } from './self-checkout-routes.js';
