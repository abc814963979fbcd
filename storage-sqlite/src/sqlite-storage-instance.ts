import type Database from 'better-sqlite3';
import type {
  BulkWriteRow,
  CategorizeBulkWriteRowsOutput,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
  StringKeys,
} from 'rxdb';
import {
  categorizeBulkWriteRows,
  getChangedDocumentsSinceQuery,
  getPrimaryFieldOfPrimaryKey,
  getQueryMatcher,
  getSortComparator,
  now,
  prepareQuery,
} from 'rxdb';
import type { Observable } from 'rxjs';
import type { CollectionTable } from './collection-table.js';
import { dropCollectionTable, quoteIdentifier } from './collection-table.js';
import type { DocumentCache } from './document-cache.js';
import type { DocumentCodec } from './document-codec.js';
import { documentCodecOf } from './document-codec.js';
import type { IndexKey } from './index-key.js';
import { indexKeyEncoder } from './index-key.js';
import type { IndexRange, RangeReadKind } from './index-range.js';
import { indexRangeOf, rangeReadSql } from './index-range.js';
import type { ChangeEventBulk, SharedDatabase } from './shared-database.js';
import { changesOf, documentCacheOf, releaseDatabase } from './shared-database.js';
import { SQLiteStorageError, toStorageError } from './storage-error.js';
import type { TableFormat } from './table-format.js';

export type SQLiteStorageInternals = {
  /** Absolute path of the database file. */
  readonly file: string;
  readonly documentsTable: string;
};

/** Options RxDB passes per collection; none are needed, settings live on the storage. */
export type SQLiteInstanceCreationOptions = Record<string, never>;

/** `[id, data]` as returned by the raw query statements. */
type StoredRow = [string, string];
type AttachmentRow = { digest: string; type: string; data: Buffer };

export class SQLiteStorageInstance<RxDocType>
  implements
    RxStorageInstance<
      RxDocType,
      SQLiteStorageInternals,
      SQLiteInstanceCreationOptions,
      RxStorageDefaultCheckpoint
    >
{
  readonly internals: SQLiteStorageInternals;
  private readonly primaryPath: StringKeys<RxDocumentData<RxDocType>>;
  private readonly db: Database.Database;
  private readonly selectById: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly statementCache = new Map<string, Database.Statement>();
  private readonly cache: DocumentCache<RxDocumentData<RxDocType>>;
  /** How this table's `data` column is written and read (document-codec.ts). */
  private readonly codec: DocumentCodec<RxDocumentData<RxDocType>>;
  /** How this table's index columns hold RxDB's index strings (index-key.ts). */
  private readonly indexKey: (indexString: string) => IndexKey;
  private closed = false;

  constructor(
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly options: Readonly<SQLiteInstanceCreationOptions>,
    private readonly shared: SharedDatabase,
    private readonly table: CollectionTable,
    format: TableFormat,
  ) {
    this.codec = documentCodecOf(format.documents);
    this.indexKey = indexKeyEncoder(format.indexKeys);
    this.internals = { file: shared.file, documentsTable: table.documentsTable };
    this.primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as StringKeys<
      RxDocumentData<RxDocType>
    >;
    this.db = shared.db;
    this.cache = documentCacheOf(shared, table.documentsTable);
    const docs = quoteIdentifier(table.documentsTable);
    const columns = [
      'id',
      'data',
      'deleted',
      'lwt',
      ...[...table.indexColumns.values()].map((ix) => ix.column),
    ];
    this.selectById = this.db.prepare(`SELECT data FROM ${docs} WHERE id = ?`).pluck();
    // categorizeBulkWriteRows only lets an insert through when no row has that id, so a plain INSERT suffices
    // (and fails loudly if that ever stopped being true); updates, including un-deletes, replace the row.
    this.insert = this.db.prepare(
      `INSERT INTO ${docs} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    this.upsert = this.db.prepare(
      `INSERT INTO ${docs} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT(id) DO UPDATE SET ${columns
         .slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
  }

  async bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    this.ensureOpen();
    // Blob contents can only be read asynchronously, so they are read before the transaction; the
    // conflict check and all writes then happen synchronously in one transaction.
    const attachmentBytes = this.schema.attachments ? await readAttachmentBytes(documentWrites) : undefined;
    this.ensureOpen();
    let categorized: CategorizeBulkWriteRowsOutput<RxDocType>;
    try {
      categorized = this.db.transaction(() =>
        this.writeInTransaction(documentWrites, context, attachmentBytes),
      )();
    } catch (error) {
      throw toStorageError(error, this.shared.file, `writing to collection "${this.collectionName}"`);
    }
    // Only now that the transaction committed may the cache show the new states.
    for (const row of categorized.bulkInsertDocs) {
      this.cache.set(row.document[this.primaryPath] as string, row.document);
    }
    for (const row of categorized.bulkUpdateDocs) {
      this.cache.set(row.document[this.primaryPath] as string, row.document);
    }
    const eventBulk = categorized.eventBulk;
    if (eventBulk.events.length > 0 && categorized.newestRow) {
      const newest = categorized.newestRow.document;
      eventBulk.checkpoint = { id: newest[this.primaryPath] as string, lwt: newest._meta.lwt };
      changesOf(this.shared, this.table.documentsTable).next(eventBulk as unknown as ChangeEventBulk);
    }
    return { error: categorized.errors };
  }

  private writeInTransaction(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
    attachmentBytes: Map<Blob, Buffer> | undefined,
  ): CategorizeBulkWriteRowsOutput<RxDocType> {
    const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
    const uncached: string[] = [];
    for (const row of documentWrites) {
      const id = row.document[this.primaryPath] as string;
      const cached = this.cache.get(id);
      if (cached) {
        docsInDb.set(id, cached);
      } else {
        uncached.push(id);
      }
    }
    for (const doc of this.readByIds(uncached)) {
      docsInDb.set(doc[this.primaryPath] as string, doc);
    }
    const categorized = categorizeBulkWriteRows<RxDocType>(
      this,
      this.primaryPath as StringKeys<RxDocType>,
      docsInDb,
      documentWrites,
      context,
    );
    for (const row of categorized.bulkInsertDocs) {
      this.insert.run(this.rowValues(row.document));
    }
    for (const row of categorized.bulkUpdateDocs) {
      this.upsert.run(this.rowValues(row.document));
    }
    if (attachmentBytes) {
      this.writeAttachments(categorized, attachmentBytes);
    }
    return categorized;
  }

  private rowValues(doc: RxDocumentData<RxDocType>): unknown[] {
    const values: unknown[] = [
      doc[this.primaryPath],
      this.codec.encode(doc),
      doc._deleted ? 1 : 0,
      doc._meta.lwt,
    ];
    for (const ix of this.table.indexColumns.values()) {
      values.push(this.indexKey(ix.indexableString(doc as RxDocumentData<unknown>)));
    }
    return values;
  }

  private writeAttachments(
    categorized: CategorizeBulkWriteRowsOutput<RxDocType>,
    bytes: Map<Blob, Buffer>,
  ): void {
    const attachments = quoteIdentifier(this.table.attachmentsTable);
    const put = this.statement(
      'attachment-put',
      `INSERT OR REPLACE INTO ${attachments} (document_id, attachment_id, digest, type, data) VALUES (?, ?, ?, ?, ?)`,
    );
    for (const added of [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate]) {
      const data = bytes.get(added.attachmentData.data as Blob);
      if (!data) {
        throw new SQLiteStorageError(
          'attachment-missing',
          this.shared.file,
          `attachment "${added.attachmentId}" of document "${added.documentId}" has no data to write`,
        );
      }
      put.run(added.documentId, added.attachmentId, added.digest, added.attachmentData.type, data);
    }
    const remove = this.statement(
      'attachment-remove',
      `DELETE FROM ${attachments} WHERE document_id = ? AND attachment_id = ?`,
    );
    for (const removed of categorized.attachmentsRemove) {
      remove.run(removed.documentId, removed.attachmentId);
    }
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    this.ensureOpen();
    const found: RxDocumentData<RxDocType>[] = [];
    const keep = (doc: RxDocumentData<RxDocType>) => {
      if (withDeleted || !doc._deleted) {
        found.push(doc);
      }
    };
    try {
      const missing: string[] = [];
      for (const id of ids) {
        const cached = this.cache.get(id);
        if (cached) {
          keep(cached);
        } else {
          missing.push(id);
        }
      }
      for (const doc of this.readByIds(missing)) {
        keep(doc);
      }
    } catch (error) {
      throw toStorageError(error, this.shared.file, `reading collection "${this.collectionName}"`);
    }
    return found;
  }

  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    this.ensureOpen();
    try {
      return { documents: this.runQuery(preparedQuery) };
    } catch (error) {
      throw toStorageError(error, this.shared.file, `querying collection "${this.collectionName}"`);
    }
  }

  private runQuery(preparedQuery: PreparedQuery<RxDocType>): RxDocumentData<RxDocType>[] {
    const { query, queryPlan } = preparedQuery;
    const skip = query.skip ?? 0;
    const limit = typeof query.limit === 'number' ? query.limit : Number.POSITIVE_INFINITY;
    const range = this.rangeOf(preparedQuery);

    if (range && queryPlan.selectorSatisfiedByIndex && queryPlan.sortSatisfiedByIndex) {
      // The index alone answers the query, so SQLite applies skip and limit too.
      const page = [range.lower, range.upper, Number.isFinite(limit) ? limit : -1, skip];
      if (this.cache.isEmpty) {
        // Nothing can be served from the cache (a cold start), so only `data` is read and parsed.
        const texts = this.rangeStatement(range, 'page-data').all(...page) as string[];
        return texts.map((text) => this.cacheParsed(text));
      }
      const rows = this.rangeStatement(range, 'page').all(...page) as StoredRow[];
      return rows.map((row) => this.documentOfRow(row));
    }

    const matcher =
      queryPlan.selectorSatisfiedByIndex && range ? undefined : getQueryMatcher(this.schema, query);
    const mustSort = !range || !queryPlan.sortSatisfiedByIndex;
    const enough = skip + limit;
    const rows: RxDocumentData<RxDocType>[] = [];
    const source = range
      ? this.rangeStatement(range, 'scan')
      : this.rowStatement('all', `SELECT id, data FROM ${quoteIdentifier(this.table.documentsTable)}`);
    const params = range ? [range.lower, range.upper] : [];
    // Rows are streamed only when the scan may stop early; when every row must be read anyway, one all()
    // is much cheaper than stepping an iterator row by row.
    const candidates = (mustSort ? source.all(...params) : source.iterate(...params)) as Iterable<StoredRow>;
    for (const row of candidates) {
      const doc = this.documentOfRow(row);
      if (!matcher || matcher(doc)) {
        rows.push(doc);
        if (!mustSort && rows.length >= enough) {
          break;
        }
      }
    }
    if (mustSort) {
      rows.sort(getSortComparator(this.schema, query));
    }
    return rows.slice(skip, enough);
  }

  async count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    this.ensureOpen();
    try {
      const range = this.rangeOf(preparedQuery);
      if (range && preparedQuery.queryPlan.selectorSatisfiedByIndex) {
        const counted = this.rangeStatement(range, 'count').get(range.lower, range.upper) as { n: number };
        return { count: counted.n, mode: 'fast' };
      }
      const all = this.runQuery({
        ...preparedQuery,
        query: { ...preparedQuery.query, skip: 0, limit: undefined },
      });
      return { count: all.length, mode: 'fast' };
    } catch (error) {
      throw toStorageError(error, this.shared.file, `counting in collection "${this.collectionName}"`);
    }
  }

  private rangeOf(preparedQuery: PreparedQuery<RxDocType>): IndexRange | undefined {
    return indexRangeOf(
      this.schema as RxJsonSchema<RxDocumentData<unknown>>,
      this.table,
      this.indexKey,
      preparedQuery.queryPlan,
    );
  }

  /** The cached statement of a read over `range`; `scan` and `page` return `[id, data]` rows. */
  private rangeStatement(range: IndexRange, kind: RangeReadKind): Database.Statement {
    const { cacheKey, sql } = rangeReadSql(this.table, range, kind);
    switch (kind) {
      case 'count':
        return this.statement(cacheKey, sql);
      case 'page-data':
        return this.statement(cacheKey, sql, 'pluck');
      default:
        return this.rowStatement(cacheKey, sql);
    }
  }

  /**
   * SQLite's plan for the statement `query()` runs for this prepared query, one line per step
   * (e.g. `SEARCH docs:sales:v0 USING INDEX ...`). Diagnostics only: it lets tests and operators see
   * that a query RxDB planned on an index really runs on a SQLite index.
   */
  explainQueryPlan(preparedQuery: PreparedQuery<RxDocType>): string[] {
    this.ensureOpen();
    const range = this.rangeOf(preparedQuery);
    const plan = preparedQuery.queryPlan;
    let source: string;
    let params: unknown[];
    if (!range) {
      source = `SELECT id, data FROM ${quoteIdentifier(this.table.documentsTable)}`;
      params = [];
    } else if (plan.selectorSatisfiedByIndex && plan.sortSatisfiedByIndex) {
      source = this.rangeStatement(range, 'page').source;
      params = [range.lower, range.upper, -1, 0];
    } else {
      source = this.rangeStatement(range, 'scan').source;
      params = [range.lower, range.upper];
    }
    const steps = this.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as { detail: string }[];
    return steps.map((step) => step.detail);
  }

  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    // RxDB's own checkpoint query runs on the ['_meta.lwt', primary key] index every schema carries.
    const query = getChangedDocumentsSinceQuery<RxDocType, RxStorageDefaultCheckpoint>(
      this,
      limit,
      checkpoint,
    );
    const { documents } = await this.query(prepareQuery(this.schema, query));
    const last = documents[documents.length - 1];
    return {
      documents,
      checkpoint: last
        ? { id: last[this.primaryPath] as string, lwt: last._meta.lwt }
        : (checkpoint ?? { id: '', lwt: 0 }),
    };
  }

  changeStream(): Observable<
    EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
  > {
    this.ensureOpen();
    // One untyped Subject per table is shared by every instance over it; the table fixes the document type.
    return changesOf(this.shared, this.table.documentsTable).asObservable() as Observable<
      EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
    >;
  }

  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    this.ensureOpen();
    const maxDeletionTime = now() - minimumDeletedTime;
    const docs = quoteIdentifier(this.table.documentsTable);
    const purgeable = `deleted = 1 AND lwt <= ?`;
    try {
      this.db.transaction(() => {
        if (this.schema.attachments) {
          this.statement(
            'cleanup-attachments',
            `DELETE FROM ${quoteIdentifier(this.table.attachmentsTable)}
             WHERE document_id IN (SELECT id FROM ${docs} WHERE ${purgeable})`,
          ).run(maxDeletionTime);
        }
        this.statement(
          'cleanup',
          `DELETE FROM ${docs} INDEXED BY ${quoteIdentifier(this.table.cleanupIndex)} WHERE ${purgeable}`,
        ).run(maxDeletionTime);
      })();
      this.cache.clear();
    } catch (error) {
      throw toStorageError(error, this.shared.file, `cleaning up collection "${this.collectionName}"`);
    }
    return true;
  }

  async getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    this.ensureOpen();
    const row = this.schema.attachments
      ? (this.statement(
          'attachment-get',
          `SELECT digest, type, data FROM ${quoteIdentifier(this.table.attachmentsTable)}
           WHERE document_id = ? AND attachment_id = ?`,
        ).get(documentId, attachmentId) as AttachmentRow | undefined)
      : undefined;
    if (!row || !digest || row.digest !== digest) {
      throw new SQLiteStorageError(
        'attachment-missing',
        this.shared.file,
        `attachment "${attachmentId}" of document "${documentId}" with digest "${digest}" does not exist`,
      );
    }
    return new Blob([new Uint8Array(row.data)], { type: row.type });
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.statementCache.clear();
    releaseDatabase(this.shared);
  }

  async remove(): Promise<void> {
    this.ensureOpen();
    try {
      dropCollectionTable(this.db, this.table);
      this.cache.clear();
    } catch (error) {
      throw toStorageError(error, this.shared.file, `removing collection "${this.collectionName}"`);
    }
    await this.close();
  }

  /**
   * Reads the stored documents of these ids, which the caller found missing from the cache, and caches them.
   * Many ids cost one statement, not one call into SQLite each: SQLite walks the JSON array of ids and seeks
   * each in the primary key. Only `data` is selected (the id is inside it), which spares a string per row.
   */
  private readByIds(ids: readonly string[]): RxDocumentData<RxDocType>[] {
    if (ids.length === 0) {
      return [];
    }
    if (ids.length === 1) {
      const doc = this.documentById(ids[0] as string);
      return doc ? [doc] : [];
    }
    const texts = this.statement(
      'by-ids',
      `SELECT d.data FROM json_each(?) AS wanted
       CROSS JOIN ${quoteIdentifier(this.table.documentsTable)} AS d ON d.id = wanted.value`,
      'pluck',
    ).all(JSON.stringify([...new Set(ids)])) as string[];
    return texts.map((text) => this.cacheParsed(text));
  }

  /** The stored document, from the cache or parsed from SQLite (and then cached). */
  private documentById(id: string): RxDocumentData<RxDocType> | undefined {
    const cached = this.cache.get(id);
    if (cached) {
      return cached;
    }
    const data = this.selectById.get(id) as string | undefined;
    if (data === undefined) {
      return undefined;
    }
    const doc = this.codec.decode(data);
    this.cache.set(id, doc);
    return doc;
  }

  /** A row read by a query: parsing is the expensive part, so a cached document wins. */
  private documentOfRow([id, data]: StoredRow): RxDocumentData<RxDocType> {
    const cached = this.cache.get(id);
    if (cached) {
      return cached;
    }
    const doc = this.codec.decode(data);
    this.cache.set(id, doc);
    return doc;
  }

  /** Parses a stored document read without its id column and caches it under its primary key. */
  private cacheParsed(text: string): RxDocumentData<RxDocType> {
    const doc = this.codec.decode(text);
    this.cache.set(doc[this.primaryPath] as string, doc);
    return doc;
  }

  /** A cached statement returning each row as an `[id, data]` array. */
  private rowStatement(key: string, sql: string): Database.Statement {
    let prepared = this.statementCache.get(key);
    if (!prepared) {
      prepared = this.db.prepare(sql).raw();
      this.statementCache.set(key, prepared);
    }
    return prepared;
  }

  /** A cached statement; `pluck` makes it return each row's single column as a bare value. */
  private statement(key: string, sql: string, mode?: 'pluck'): Database.Statement {
    let prepared = this.statementCache.get(key);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      if (mode === 'pluck') {
        prepared.pluck();
      }
      this.statementCache.set(key, prepared);
    }
    return prepared;
  }

  private ensureOpen(): void {
    if (this.closed) {
      // Using an instance after close() is a programming error, not an expected failure, so this is a plain
      // Error (as RxDB's own storages throw); it still carries a stable code and the file.
      throw Object.assign(
        new Error(
          `storage instance of collection "${this.collectionName}" is already closed (file: ${this.shared.file})`,
        ),
        { code: 'instance-closed', file: this.shared.file },
      );
    }
  }
}

async function readAttachmentBytes<RxDocType>(rows: BulkWriteRow<RxDocType>[]): Promise<Map<Blob, Buffer>> {
  const bytes = new Map<Blob, Buffer>();
  for (const row of rows) {
    for (const attachment of Object.values(row.document._attachments ?? {})) {
      const data = (attachment as { data?: unknown }).data;
      if (data instanceof Blob && !bytes.has(data)) {
        bytes.set(data, Buffer.from(await data.arrayBuffer()));
      }
    }
  }
  return bytes;
}
