// Public surface of @storefloor/core. Each area's barrel re-exports its names explicitly.

export * from './barcode/index.js';
export * from './catalog/index.js';
export * from './ids/index.js';
export * from './loyalty/index.js';
export * from './money/index.js';
export * from './pricing/index.js';
export * from './replication/index.js';
export type { Err, Ok, Result } from './result.js';
export { err, expectOk, ok } from './result.js';
export * from './sale/index.js';
export * from './schemas/index.js';
export * from './self-checkout/index.js';
export * from './shift/index.js';
export * from './stock/index.js';
export * from './store/index.js';
export * from './tax/index.js';
