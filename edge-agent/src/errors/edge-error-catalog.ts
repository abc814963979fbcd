/**
 * Every error the edge agent answers with: one stable code → HTTP status and message. Where the meaning is
 * the same as at HQ the code is the same (sync-server's `src/errors/catalog.ts`), so a lane branches on one
 * set of codes whichever endpoint it replicates with.
 */
export const edgeErrorCatalog = {
  unauthorized: { statusCode: 401, message: 'A valid bearer token is required' },
  'token-revoked': { statusCode: 401, message: 'This device has been revoked' },
  'unknown-collection': { statusCode: 404, message: 'No replicated collection has this name' },
  'master-data-read-only': { statusCode: 403, message: 'Master data is written at HQ only; devices pull it' },
  'store-forbidden': { statusCode: 403, message: 'A device reads and writes its own store only' },
  'device-forbidden': { statusCode: 403, message: 'A lane writes documents carrying its own deviceId only' },
  'invalid-document': { statusCode: 422, message: 'A document does not match its collection schema' },
  'invalid-request': { statusCode: 400, message: 'The request does not match the route schema' },
  'malformed-json': { statusCode: 400, message: 'The request body is not valid JSON' },
  'unsupported-media-type': { statusCode: 415, message: 'Send application/json' },
  'batch-too-large': { statusCode: 413, message: 'Too many rows in one request' },
  'document-too-large': { statusCode: 413, message: 'A document is over the size limit' },
  'body-too-large': { statusCode: 413, message: 'The request body is over the size limit' },
  'checkpoint-from-future': { statusCode: 400, message: 'The checkpoint is ahead of the server' },
  'duplicate-document': { statusCode: 422, message: 'One push names the same document twice' },
  'enrollment-code-invalid': { statusCode: 400, message: 'This enrollment code does not exist' },
  'enrollment-code-expired': { statusCode: 400, message: 'This enrollment code has expired' },
  'enrollment-code-used': { statusCode: 400, message: 'This enrollment code was already used' },
  'invalid-business-day': { statusCode: 400, message: 'A business day is written YYYY-MM-DD' },
  // The edge agent's own.
  'hq-unreachable': { statusCode: 503, message: 'HQ cannot be reached from the store; try again later' },
  'not-enrolled': {
    statusCode: 503,
    message: 'The edge agent is not enrolled at HQ yet, so it does not know its store',
  },
  'replica-unavailable': {
    statusCode: 503,
    message: 'The store replica cannot be written (disk full or damaged file); nothing was written',
  },
  'not-found': { statusCode: 404, message: 'No such route' },
  // payments (issue 15): wallet charges and refunds the agent makes for its lanes.
  'wallet-not-configured': {
    statusCode: 503,
    message: 'This store takes no wallet payments (no merchant credentials at the edge agent)',
  },
  'wallet-tender-conflict': {
    statusCode: 409,
    message: 'This tender id was charged already with another amount, wallet or lane; nothing was charged',
  },
  'wallet-tender-not-found': { statusCode: 404, message: 'No wallet tender has this id' },
  'wallet-tender-not-paid': { statusCode: 409, message: 'Only a paid wallet tender can be refunded' },
  'wallet-refund-conflict': {
    statusCode: 409,
    message: 'This refund id was used already for another tender or amount; nothing was refunded',
  },
  'wallet-refund-exceeds-payment': {
    statusCode: 409,
    message: 'The refund is more than what is left of the payment; nothing was refunded',
  },
  'wallet-statement-unavailable': {
    statusCode: 502,
    message: "The provider's daily statement could not be fetched or read",
  },
  'internal-error': { statusCode: 500, message: 'The edge agent failed; the request was not applied' },
} as const satisfies Record<string, { readonly statusCode: number; readonly message: string }>;

export type EdgeErrorCode = keyof typeof edgeErrorCatalog;

export function isEdgeErrorCode(code: unknown): code is EdgeErrorCode {
  return typeof code === 'string' && Object.hasOwn(edgeErrorCatalog, code);
}
