import { SyncHttpError } from './sync-http-error.js';

/**
 * Codes of sync-server's catalog (`sync-server/src/errors/catalog.ts`) and the edge agent's
 * (`edge-agent/src/errors/edge-error-catalog.ts`) that refuse what a push carries, not the device or the link:
 * the same documents will be refused whatever we retry. A push is refused whole when one row breaks a rule,
 * so a client finds the row by pushing smaller parts (see push-isolating-refusals.ts).
 */
const DOCUMENT_REFUSAL_CODES: ReadonlySet<string> = new Set([
  'invalid-document', // 422: the document does not match its collection schema
  'document-too-large', // 413: one document over the size limit
  'body-too-large', // 413: the push body over the limit (a smaller part may pass)
  'batch-too-large', // 413: too many rows in one push (a smaller part passes)
  'duplicate-document', // 422: one push names a document twice
  'store-forbidden', // 403: a document of another store
  'device-forbidden', // 403: a document of a device this one may not write for
  'invalid-request', // 400: a row does not match the push route's schema
  'invalid-text', // 400: U+0000 or a lone surrogate in a document's text
  'nesting-too-deep', // 400: a document nested deeper than the limit
  'malformed-json', // 400: the body did not parse (a proxy mangled it, or a document did)
]);

/** Statuses of a refusal whose body is no catalog error (a proxy's page): about the request itself. */
const BARE_REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 413, 422]);

/**
 * The upstream refuses this push for good because of what it carries. Anything else (network failure,
 * timeout, 5xx, 401, 404, 408, 429, master data read-only…) is about the link, the device or the server and
 * is retried as it is.
 */
export function isDocumentRefusal(error: unknown): error is SyncHttpError {
  if (!(error instanceof SyncHttpError)) return false;
  if (error.status < 400 || error.status >= 500) return false;
  if (DOCUMENT_REFUSAL_CODES.has(error.code)) return true;
  return error.code === `http-${error.status}` && BARE_REFUSAL_STATUSES.has(error.status);
}
