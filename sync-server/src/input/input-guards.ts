import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CatalogError } from '../errors/index.js';
import { jsonNestingOverflow } from './json-nesting.js';
import { describeUnstorableText, findUnstorableText } from './unstorable-text.js';

export interface InputGuardOptions {
  /** Deepest array/object nesting a JSON body may have. */
  readonly maxJsonDepth: number;
}

/** `\u0000` or a `\ud800`-`\udfff` escape (a false alarm on an escaped backslash only costs a walk). */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89abcdefABCDEF])/;

function isPlainJson(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Checks every request before its route schema and handler see it, so that bad text is a 400 with a stable
 * code instead of a database error (a 500):
 * - a JSON body nested deeper than `maxJsonDepth` is refused before it is parsed (`nesting-too-deep`);
 * - U+0000 or a lone surrogate in any query value, path parameter, or string or key of a JSON body is
 *   refused (`invalid-text`), with the path of the offending string.
 * Streamed bodies (imports) are checked row by row by their reader instead.
 */
export function installInputGuards(app: FastifyInstance, options: InputGuardOptions): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // In JSON text U+0000 and surrogates can only be written as escapes (raw control characters are not JSON, and
  // decoded UTF-8 never holds a lone surrogate), so a body whose text has no such escape needs no walk.
  const cleanBodies = new WeakSet<object>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const overflow = jsonNestingOverflow(text, options.maxJsonDepth);
    if (overflow !== -1) {
      done(
        new CatalogError(
          'nesting-too-deep',
          `nested deeper than ${options.maxJsonDepth} levels at character ${overflow}`,
        ),
        undefined,
      );
      return;
    }
    parseJson(request, text, (error, body) => {
      if (!error && typeof body === 'object' && body !== null && !SUSPECT_ESCAPE.test(text))
        cleanBodies.add(body);
      done(error, body);
    });
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    const parts: [string, unknown][] = [
      ['query', request.query],
      ['params', request.params],
    ];
    const body = request.body;
    const known = typeof body === 'object' && body !== null && cleanBodies.has(body);
    if (!known && isPlainJson(body)) parts.push(['body', body]);
    for (const [where, value] of parts) {
      const found = findUnstorableText(value);
      if (found) throw new CatalogError('invalid-text', describeUnstorableText(found, where));
    }
  });
}
