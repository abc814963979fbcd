export type { BackoffOptions } from './backoff.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { LiveStreamOptions } from './live-stream.js';
export { liveStream } from './live-stream.js';
export type { StorefloorReplicationOptions } from './replicate-storefloor-collection.js';
export { replicateStorefloorCollection } from './replicate-storefloor-collection.js';
export { SseParser } from './sse-parser.js';
export type { SyncEndpoint } from './sync-endpoint.js';
export { SyncHttpError } from './sync-http-error.js';
