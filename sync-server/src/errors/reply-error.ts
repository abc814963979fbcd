import type { FastifyReply } from 'fastify';
import { type ErrorCode, errorCatalog } from './catalog.js';

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly detail?: string };
}

export function errorBody(code: ErrorCode, detail?: string): ErrorBody {
  const { message } = errorCatalog[code];
  return { error: detail === undefined ? { code, message } : { code, message, detail } };
}

/** Replies `{ error: { code, message, detail? } }` with the catalog's status for `code`. */
export function replyError(reply: FastifyReply, code: ErrorCode, detail?: string): FastifyReply {
  return reply.code(errorCatalog[code].statusCode).send(errorBody(code, detail));
}

/** Thrown inside a handler or transaction to abort it with a catalog error; the error handler replies. */
export class CatalogError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'CatalogError';
  }
}
