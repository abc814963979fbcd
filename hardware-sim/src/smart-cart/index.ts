export type { CartFault, SimSmartCartOptions } from './sim-smart-cart.js';
export { CART_FAULTS, SimSmartCart } from './sim-smart-cart.js';
export { simSmartCartFactory } from './sim-smart-cart-factory.js';
