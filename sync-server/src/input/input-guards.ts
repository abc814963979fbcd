import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CatalogError } from '../errors/index.js';
import { jsonNestingOverflow } from './json-nesting.js';
import { describeUnstorableText, findUnstorableText } from './unstorable-text.js';

export interface InputGuardOptions {
  /** Deepest array/object nesting a JSON body may have. */
  readonly maxJsonDepth: number;
}

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
    parseJson(request, text, done);
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    const parts: [string, unknown][] = [
      ['query', request.query],
      ['params', request.params],
    ];
    if (isPlainJson(request.body)) parts.push(['body', request.body]);
    for (const [where, value] of parts) {
      const found = findUnstorableText(value);
      if (found) throw new CatalogError('invalid-text', describeUnstorableText(found, where));
    }
  });
}
