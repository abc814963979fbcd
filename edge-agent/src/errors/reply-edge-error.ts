import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { type EdgeErrorCode, edgeErrorCatalog } from './edge-error-catalog.js';

export interface EdgeErrorBody {
  readonly error: { readonly code: EdgeErrorCode; readonly message: string; readonly detail?: string };
}

export function edgeErrorBody(code: EdgeErrorCode, detail?: string): EdgeErrorBody {
  const { message } = edgeErrorCatalog[code];
  return { error: detail === undefined ? { code, message } : { code, message, detail } };
}

/** Replies `{ error: { code, message, detail? } }` with the catalog's status for `code`, as HQ does. */
export function replyEdgeError(reply: FastifyReply, code: EdgeErrorCode, detail?: string): FastifyReply {
  return reply.code(edgeErrorCatalog[code].statusCode).send(edgeErrorBody(code, detail));
}

/** A feature's own table of stable codes, each with its HTTP status and message (same shape as the catalog). */
export type ErrorTable = Readonly<Record<string, { readonly statusCode: number; readonly message: string }>>;

/**
 * Replies `{ error: { code, message, detail?, ...extra } }` with `table`'s status for `code`: the agent's
 * error shape, for a feature route whose codes live beside it (self-checkout, carts, device status).
 */
export function replyTableError<T extends ErrorTable>(
  table: T,
  reply: FastifyReply,
  code: keyof T & string,
  detail?: string,
  extra?: object,
): FastifyReply {
  const { statusCode, message } = table[code] as T[keyof T];
  return reply
    .code(statusCode)
    .send({ error: { code, message, ...(detail === undefined ? {} : { detail }), ...extra } });
}

/** Thrown inside a handler to abort it with a catalog error; the error handler replies. */
export class EdgeError extends Error {
  constructor(
    readonly code: EdgeErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'EdgeError';
  }
}

function codeOfFastifyError(error: FastifyError): EdgeErrorCode | undefined {
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

/** Maps Fastify's own errors onto catalog codes, so every 4xx of the agent carries a stable code. */
export function installEdgeErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof EdgeError) return replyEdgeError(reply, error.code, error.detail);
    const code = codeOfFastifyError(error);
    if (code) return replyEdgeError(reply, code, error.message);
    if (error instanceof SyntaxError) return replyEdgeError(reply, 'malformed-json', error.message);
    request.log.error({ err: error }, 'request failed');
    return replyEdgeError(reply, 'internal-error');
  });
  app.setNotFoundHandler((request, reply) =>
    replyEdgeError(reply, 'not-found', `${request.method} ${request.url}`),
  );
}
