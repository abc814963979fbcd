import type Database from 'better-sqlite3';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { getIndexableStringMonad } from 'rxdb';
import { canonicalJson } from './canonical-json.js';
import { indexKeyColumnType } from './index-key.js';
import { COLLECTIONS_TABLE } from './shared-database.js';
import { SQLiteStorageError } from './storage-error.js';
import type { TableFormat } from './table-format.js';
import { newTableFormat, parseTableFormat } from './table-format.js';

/** One schema index stored as a key column (see index-key.ts) with its own SQLite index. */
export type IndexColumn = {
  readonly fields: readonly string[];
  readonly column: string;
  readonly sqliteIndex: string;
  readonly indexableString: (doc: RxDocumentData<unknown>) => string;
};

export type CollectionTable = {
  readonly documentsTable: string;
  readonly attachmentsTable: string;
  readonly cleanupIndex: string;
  /** Keyed by the index fields joined with ','. */
  readonly indexColumns: ReadonlyMap<string, IndexColumn>;
};

export function quoteIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

export function indexKeyOf(fields: readonly string[]): string {
  return fields.join(',');
}

/**
 * Tables are per collection and schema version, so a new schema version (with a migration) starts in fresh
 * tables while the old version's data stays readable for RxDB's migration plugin.
 */
export function describeCollectionTable(
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<unknown>>,
): CollectionTable {
  const documentsTable = `docs:${collectionName}:v${schema.version}`;
  const indexColumns = new Map<string, IndexColumn>();
  (schema.indexes ?? []).forEach((index) => {
    const fields = typeof index === 'string' ? [index] : [...index];
    const key = indexKeyOf(fields);
    if (indexColumns.has(key)) {
      return;
    }
    const position = indexColumns.size;
    indexColumns.set(key, {
      fields,
      column: `ix${position}`,
      sqliteIndex: `${documentsTable}:ix${position}`,
      indexableString: getIndexableStringMonad(schema, fields),
    });
  });
  return {
    documentsTable,
    attachmentsTable: `attachments:${collectionName}:v${schema.version}`,
    cleanupIndex: `${documentsTable}:cleanup`,
    indexColumns,
  };
}

/**
 * What the table layout depends on: index columns, primary key and the attachments table. Other schema
 * changes (a new optional property, a title) are RxDB's to police (its DB6 error); refusing them here would
 * make a harmless RxDB upgrade unable to open its own internal store.
 */
function layoutOf(schema: RxJsonSchema<RxDocumentData<unknown>>): string {
  return canonicalJson({
    version: schema.version,
    primaryKey: schema.primaryKey,
    indexes: schema.indexes ?? [],
    attachments: !!schema.attachments,
  });
}

/**
 * Creates the tables on first use and answers the format they store rows in (table-format.ts): a new table
 * gets this version's format, recorded with it; a table that exists keeps the format it was created with.
 *
 * A table that already exists must have the same layout: a changed index or primary key under the same
 * version number means the application skipped a migration, and reading old rows through new index
 * definitions would return wrong query results.
 */
export function ensureCollectionTable(
  db: Database.Database,
  file: string,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<unknown>>,
  table: CollectionTable,
): TableFormat {
  const layout = layoutOf(schema);
  const create = db.transaction((): TableFormat => {
    const existing = db
      .prepare(`SELECT layout_json, table_format FROM ${COLLECTIONS_TABLE} WHERE table_name = ?`)
      .get(table.documentsTable) as { layout_json: string; table_format: string | null } | undefined;
    if (existing) {
      if (existing.layout_json !== layout) {
        throw new SQLiteStorageError(
          'schema-changed-without-migration',
          file,
          `collection "${collectionName}" version ${schema.version} is stored with different indexes, primary ` +
            'key or attachments; raise the schema version and add a migration strategy instead of changing it in place',
        );
      }
      return parseTableFormat(existing.table_format);
    }
    const format = newTableFormat(schema);
    const keyType = indexKeyColumnType(format.indexKeys);
    const indexColumnsSql = [...table.indexColumns.values()]
      .map((ix) => `, ${ix.column} ${keyType} NOT NULL`)
      .join('');
    db.exec(
      `CREATE TABLE ${quoteIdentifier(table.documentsTable)} (
        id TEXT PRIMARY KEY NOT NULL,
        data TEXT NOT NULL,
        deleted INTEGER NOT NULL,
        lwt REAL NOT NULL${indexColumnsSql}
      )`,
    );
    for (const ix of table.indexColumns.values()) {
      db.exec(
        `CREATE INDEX ${quoteIdentifier(ix.sqliteIndex)} ON ${quoteIdentifier(table.documentsTable)} (${ix.column})`,
      );
    }
    db.exec(
      // Partial: only deleted documents are in it, so writing a live document touches one b-tree fewer.
      // (Tables created before hold (deleted, lwt); the cleanup statement runs on either.)
      `CREATE INDEX ${quoteIdentifier(table.cleanupIndex)} ON ${quoteIdentifier(table.documentsTable)} (lwt) WHERE deleted = 1`,
    );
    if (schema.attachments) {
      db.exec(
        `CREATE TABLE ${quoteIdentifier(table.attachmentsTable)} (
          document_id TEXT NOT NULL,
          attachment_id TEXT NOT NULL,
          digest TEXT NOT NULL,
          type TEXT NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (document_id, attachment_id)
        )`,
      );
    }
    db.prepare(
      `INSERT INTO ${COLLECTIONS_TABLE}
         (table_name, collection_name, schema_version, layout_json, schema_json, table_format)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      table.documentsTable,
      collectionName,
      schema.version,
      layout,
      canonicalJson(schema),
      JSON.stringify(format),
    );
    return format;
  });
  return create.immediate();
}

export function dropCollectionTable(db: Database.Database, table: CollectionTable): void {
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(table.documentsTable)}`);
    db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(table.attachmentsTable)}`);
    db.prepare(`DELETE FROM ${COLLECTIONS_TABLE} WHERE table_name = ?`).run(table.documentsTable);
  }).immediate();
}
