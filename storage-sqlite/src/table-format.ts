import type { DocumentFormat } from './document-codec.js';
import { DocumentCodecError, documentFormatOf, shapeOfSchema } from './document-codec.js';
import type { IndexKeyEncoding } from './index-key.js';

/**
 * How one collection table stores its rows, recorded with the table when it is created (column
 * `table_format` of the collections table) and read back every time it is opened, so that a table is always
 * read the way it was written, whatever this version would choose for a new one.
 */
export type TableFormat = {
  /** The `data` column (document-codec.ts). */
  readonly documents: DocumentFormat;
  /** The index columns (index-key.ts). */
  readonly indexKeys: IndexKeyEncoding;
};

/** Tables created before formats were recorded (NULL `table_format`). */
export const LEGACY_TABLE_FORMAT: TableFormat = { documents: { format: 'json' }, indexKeys: 'utf16be' };

/** The format of a table created now. */
export function newTableFormat(schema: object): TableFormat {
  return { documents: { format: 'shape-1', shape: shapeOfSchema(schema) }, indexKeys: 'text-1' };
}

/** Reads a recorded format; one this version does not know is refused rather than misread. */
export function parseTableFormat(stored: string | null): TableFormat {
  if (stored === null) {
    return LEGACY_TABLE_FORMAT;
  }
  let parsed: { documents?: unknown; indexKeys?: unknown };
  try {
    parsed = JSON.parse(stored) as typeof parsed;
  } catch {
    throw new DocumentCodecError(`recorded table format is not JSON: ${stored.slice(0, 200)}`);
  }
  if (parsed?.indexKeys !== 'utf16be' && parsed?.indexKeys !== 'text-1') {
    throw new DocumentCodecError(`unknown recorded index key encoding: ${stored.slice(0, 200)}`);
  }
  return { documents: documentFormatOf(parsed.documents), indexKeys: parsed.indexKeys };
}
