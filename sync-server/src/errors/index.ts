export type { ErrorCode } from './catalog.js';
export { errorCatalog } from './catalog.js';
export { installErrorHandler } from './error-handler.js';
export type { ErrorBody } from './reply-error.js';
export { CatalogError, errorBody, replyError } from './reply-error.js';
