import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from './catalog.js';
import { CatalogError, replyError } from './reply-error.js';

/** Maps Fastify's own errors onto catalog codes so that every 4xx carries a stable code. */
function codeOfFastifyError(error: FastifyError): ErrorCode | undefined {
  if (error.validation) return 'invalid-request';
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'malformed-json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body-too-large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported-media-type';
    default:
      return undefined;
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof CatalogError) return replyError(reply, error.code, error.detail);
    const code = codeOfFastifyError(error);
    if (code) return replyError(reply, code, error.message);
    if (error instanceof SyntaxError) return replyError(reply, 'malformed-json', error.message);
    request.log.error({ err: error }, 'request failed');
    return replyError(reply, 'internal-error');
  });
  app.setNotFoundHandler((request, reply) =>
    replyError(reply, 'not-found', `${request.method} ${request.url}`),
  );
}
