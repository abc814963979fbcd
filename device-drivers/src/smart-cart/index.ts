export type {
  CartLinkEvent,
  CartLinkServerOptions,
  CartLinkState,
  CartLinkStateStore,
} from './cart-link-server.js';
export { CartLinkServer } from './cart-link-server.js';
export type {
  CartEvent,
  CartMessage,
  CartMessageError,
  CartMessageType,
  CartPayload,
  EdgeCommand,
  LinkControl,
} from './cart-message.js';
export {
  CART_PROTOCOL_VERSION,
  decodeCartMessage,
  encodeCartMessage,
  SEQUENCED_TYPES,
} from './cart-message.js';
export type { Arrival, SequencedLinkSnapshot } from './sequenced-link.js';
export { SequencedLink } from './sequenced-link.js';
