export type { BackoffOptions } from './backoff.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { LiveStreamOptions } from './live-stream.js';
export { liveStream } from './live-stream.js';
export { ownDocumentsWin } from './own-documents-win.js';
export type { IsolatedPush } from './push-isolating-refusals.js';
export { pushIsolatingRefusals } from './push-isolating-refusals.js';
export { isDocumentRefusal } from './push-refusal.js';
export type { RefusedDocument } from './refused-documents.js';
export type {
  StorefloorReplicationOptions,
  StorefloorReplicationState,
} from './replicate-storefloor-collection.js';
export { replicateStorefloorCollection } from './replicate-storefloor-collection.js';
export { SseParser } from './sse-parser.js';
export type { SyncEndpoint } from './sync-endpoint.js';
export { SyncHttpError } from './sync-http-error.js';
