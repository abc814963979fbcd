// Public surface of @storefloor/core. Each area's barrel re-exports its names explicitly.
export { ok, err, expectOk } from './result.js';
export type { Ok, Err, Result } from './result.js';
export * from './money/index.js';
export * from './tax/index.js';
export * from './catalog/index.js';
export * from './pricing/index.js';
export * from './sale/index.js';
export * from './shift/index.js';
export * from './barcode/index.js';
export * from './stock/index.js';
export * from './schemas/index.js';
export * from './replication/index.js';
export * from './ids/index.js';
