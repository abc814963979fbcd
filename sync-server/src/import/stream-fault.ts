import { BodyTooLarge } from './byte-limit.js';
import type { ImportItem } from './import-item.js';

/** Maps an error raised by the body stream (not by a row) to the fatal item that ends the import. */
export function streamFault(error: unknown, line?: number): Extract<ImportItem, { type: 'fatal' }> {
  if (error instanceof BodyTooLarge)
    return { type: 'fatal', code: 'import-too-large', message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'ABORT_ERR') {
    return { type: 'fatal', code: 'import-aborted', message: 'the client closed the upload before it ended' };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return line === undefined
      ? { type: 'fatal', code: 'import-malformed', message: `malformed CSV: ${message}` }
      : { type: 'fatal', code: 'import-malformed', message: `malformed CSV: ${message}`, line };
  }
  throw error;
}
