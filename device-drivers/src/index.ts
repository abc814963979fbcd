// Public surface of @storefloor/device-drivers. Each area's barrel re-exports its names explicitly.

export * from './config/index.js';
export * from './device/index.js';
export * from './host/index.js';
export * from './payment/index.js';
export * from './printer/index.js';
export * from './scale/index.js';
export * from './scanner/index.js';
export * from './shelf-labels/index.js';
export * from './smart-cart/index.js';
export * from './transport/index.js';
