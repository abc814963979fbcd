import Database from 'better-sqlite3';
import { quoteIdentifier } from './collection-table.js';
import { documentCodecOf } from './document-codec.js';
import { COLLECTIONS_TABLE } from './shared-database.js';
import { SQLiteStorageError, toStorageError } from './storage-error.js';
import { parseTableFormat } from './table-format.js';

export type InspectRequest = {
  /** A collection name; without it the answer lists the collections. */
  readonly collection?: string;
  /** One document's primary key. */
  readonly id?: string;
  /** How many documents at most, in primary key order; default 20. */
  readonly limit?: number;
};

type CollectionRow = {
  table_name: string;
  collection_name: string;
  schema_version: number;
  table_format?: string | null;
};

/**
 * What is in a database file, as lines of text: its collections, or a collection's documents as JSON, one per
 * line. The `data` column holds `shape-1` text, not JSON, so this is how a person reads it. The file is opened
 * read-only; while the storage has it open (an edge agent running), its exclusive lock refuses this with
 * `database-locked`.
 */
export function inspectDatabase(file: string, request: InspectRequest = {}): string[] {
  let db: Database.Database;
  try {
    // A file held by a running storage stays locked: answer at once rather than wait for it.
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 100 });
  } catch (error) {
    throw toStorageError(error, file, 'opening the database to inspect it');
  }
  try {
    const tables = db
      .prepare(`SELECT * FROM ${COLLECTIONS_TABLE} ORDER BY collection_name, schema_version`)
      .all() as CollectionRow[];
    if (request.collection === undefined) {
      return tables.map((table) => {
        const format = parseTableFormat(table.table_format ?? null);
        const count = db
          .prepare(`SELECT count(*) FROM ${quoteIdentifier(table.table_name)}`)
          .pluck()
          .get();
        return `${table.collection_name} v${table.schema_version}: ${count} documents (documents ${format.documents.format}, index keys ${format.indexKeys})`;
      });
    }
    const versions = tables.filter((table) => table.collection_name === request.collection);
    const table = versions[versions.length - 1];
    if (!table) {
      throw new SQLiteStorageError(
        'sqlite-error',
        file,
        `no collection "${request.collection}"; it has ${tables.map((t) => `"${t.collection_name}"`).join(', ') || 'none'}`,
      );
    }
    const codec = documentCodecOf(parseTableFormat(table.table_format ?? null).documents);
    const name = quoteIdentifier(table.table_name);
    const texts = (
      request.id === undefined
        ? db
            .prepare(`SELECT data FROM ${name} ORDER BY id LIMIT ?`)
            .pluck()
            .all(request.limit ?? 20)
        : db.prepare(`SELECT data FROM ${name} WHERE id = ?`).pluck().all(request.id)
    ) as string[];
    return texts.map((text) => JSON.stringify(codec.decode(text)));
  } catch (error) {
    throw toStorageError(error, file, 'inspecting the database');
  } finally {
    db.close();
  }
}
