export type { Arrival, OutboxEntry } from './cart-outbox.js';
export { CartOutbox } from './cart-outbox.js';
export type { CartWireFault, EdgeFrame, EdgeInstruction, ShopperAction } from './cart-wire.js';
export { readEdgeFrame, writeCartControl, writeShopperAction } from './cart-wire.js';
export type { CartFault, RejectedFrame, SimSmartCartOptions } from './sim-smart-cart.js';
export { CART_FAULTS, SimSmartCart } from './sim-smart-cart.js';
export { simSmartCartFactory } from './sim-smart-cart-factory.js';
