/**
 * Every error the sync server answers with: one stable code → HTTP status and message, as Fastify's
 * `lib/errors.js`. Clients branch on `code`, never on `message`. HQ-side modules add their codes here.
 */
export const errorCatalog = {
  unauthorized: { statusCode: 401, message: 'A valid bearer token is required' },
  'token-revoked': { statusCode: 401, message: 'This device has been revoked' },
  'admin-required': { statusCode: 403, message: 'This route needs the HQ admin token' },
  'device-required': { statusCode: 403, message: 'This route needs a device token' },
  'unknown-collection': { statusCode: 404, message: 'No replicated collection has this name' },
  'master-data-read-only': { statusCode: 403, message: 'Master data is written at HQ only; devices pull it' },
  'store-forbidden': { statusCode: 403, message: 'A device reads and writes its own store only' },
  'invalid-document': { statusCode: 422, message: 'A document does not match its collection schema' },
  'invalid-request': { statusCode: 400, message: 'The request does not match the route schema' },
  'malformed-json': { statusCode: 400, message: 'The request body is not valid JSON' },
  'unsupported-media-type': { statusCode: 415, message: 'Send application/json' },
  'batch-too-large': { statusCode: 413, message: 'Too many rows in one request' },
  'document-too-large': { statusCode: 413, message: 'A document is over the size limit' },
  'body-too-large': { statusCode: 413, message: 'The request body is over the size limit' },
  'checkpoint-from-future': { statusCode: 400, message: 'The checkpoint is ahead of the server' },
  'invalid-checkpoint': { statusCode: 400, message: 'The checkpoint is not a { sequence, id } pair' },
  'duplicate-document': { statusCode: 422, message: 'One push names the same document twice' },
  'unknown-store': { statusCode: 404, message: 'No store has this id' },
  'store-exists': { statusCode: 409, message: 'A store with this id already exists' },
  'unknown-device': { statusCode: 404, message: 'No device has this id' },
  'enrollment-code-invalid': { statusCode: 400, message: 'This enrollment code does not exist' },
  'enrollment-code-expired': { statusCode: 400, message: 'This enrollment code has expired' },
  'enrollment-code-used': { statusCode: 400, message: 'This enrollment code was already used' },
  // HQ data side: src/import, src/members, src/reports.
  'unknown-import-kind': {
    statusCode: 404,
    message: 'Import kinds are products, prices, promotions, tax-rates, members, employees',
  },
  'import-unsupported-media-type': {
    statusCode: 415,
    message: 'Send text/csv, application/json or application/x-ndjson',
  },
  'import-malformed': { statusCode: 400, message: 'The import file is not well-formed; nothing was written' },
  'import-bad-header': {
    statusCode: 400,
    message: 'The import file has unknown, duplicate or missing columns; nothing was written',
  },
  'import-too-large': {
    statusCode: 413,
    message: 'The import file is over the size limit; nothing was written',
  },
  'import-aborted': { statusCode: 400, message: 'The upload ended before the file did; nothing was written' },
  'import-rejected': {
    statusCode: 422,
    message: 'Rows were rejected in all-or-nothing mode; nothing was written',
  },
  'member-lookup-invalid': { statusCode: 400, message: 'Look a member up by exactly one of card or phone' },
  'member-not-found': { statusCode: 404, message: 'No active member has this card or phone' },
  'member-erased': { statusCode: 409, message: 'This member was erased at their request' },
  'invalid-report-query': { statusCode: 400, message: 'The report query is invalid' },
  // Input hardening, transport and admin identity (issue 9, second half).
  'invalid-text': {
    statusCode: 400,
    message: 'Text holds U+0000 or a lone UTF-16 surrogate, which cannot be stored',
  },
  'nesting-too-deep': { statusCode: 400, message: 'The JSON is nested deeper than the limit' },
  'admin-token-revoked': { statusCode: 401, message: 'This admin token has been revoked' },
  'stream-ticket-invalid': {
    statusCode: 401,
    message: 'This stream ticket does not exist, has expired or was already used',
  },
  'rate-limited': { statusCode: 429, message: 'Too many requests; retry after the Retry-After delay' },
  'too-many-streams': { statusCode: 429, message: 'This device has too many live streams open' },
  'unknown-admin-token': { statusCode: 404, message: 'No admin token has this id' },
  'metrics-token-required': { statusCode: 401, message: 'This route needs the metrics bearer token' },
  'origin-forbidden': { statusCode: 403, message: 'This origin is not on the CORS allow-list' },
  'last-admin-token': { statusCode: 409, message: 'The last active admin token cannot be revoked' },
  // Roles and store settings (issue 9, master data and who may write what).
  'device-forbidden': {
    statusCode: 403,
    message: 'A lane writes its own documents only; a store hub those of devices enrolled in its store',
  },
  'not-found': { statusCode: 404, message: 'No such route' },
  'internal-error': { statusCode: 500, message: 'The server failed; the request was not applied' },
} as const satisfies Record<string, { readonly statusCode: number; readonly message: string }>;

export type ErrorCode = keyof typeof errorCatalog;
