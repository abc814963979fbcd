import { randomUUID } from 'node:crypto';
import { type CollectionName, sameDocument, validateDocument } from '@storefloor/core';
import type { Database, Queryable } from '../db/database.js';
import { describeUnstorableText, findUnstorableText } from '../input/unstorable-text.js';
import { writeMasterDocuments } from '../replication/write-master-documents.js';
import type { ImportFatalCode, ImportItem } from './import-item.js';
import type { ImportContext, ImportDocument, ImportKind } from './import-kind.js';
import { RowFields, type RowRejection } from './row-fields.js';

/**
 * 'apply-valid' (the default): rows that fail are reported with their line and the others are applied.
 * 'all-or-nothing': any rejected row fails the whole import and nothing is written.
 * Either way a fatal error (malformed file, over the size limit, upload cut off) writes nothing.
 */
export type ImportMode = 'apply-valid' | 'all-or-nothing';

export interface RejectedRow {
  readonly line: number;
  readonly reason: string;
  readonly field?: string;
}

export interface ImportReport {
  readonly importId: string;
  readonly kind: string;
  readonly mode: ImportMode;
  /** Rows written (new or changed documents). */
  readonly accepted: number;
  /** Valid rows identical to the stored document: not rewritten, so devices do not pull them again. */
  readonly unchanged: number;
  readonly rejectedCount: number;
  /** The first `rejectedLimit` rejections, by line. */
  readonly rejected: readonly RejectedRow[];
  readonly rejectedTruncated: boolean;
}

export type ImportFailureCode = ImportFatalCode | 'import-rejected';

export type ImportOutcome =
  | { readonly ok: true; readonly report: ImportReport }
  | {
      readonly ok: false;
      readonly code: ImportFailureCode;
      readonly detail: string;
      readonly line?: number;
      readonly report: ImportReport;
    };

export interface ImportOptions {
  readonly mode: ImportMode;
  readonly context: Omit<ImportContext, 'newId' | 'now'> & Partial<Pick<ImportContext, 'newId' | 'now'>>;
  readonly rejectedLimit?: number;
  /** Rows per staging INSERT and per writeMasterDocuments call. */
  readonly chunkSize?: number;
}

/** Stamp fields differ on every import; they do not make a row "changed". */
const STAMP_FIELDS = new Set(['updatedAt', 'createdAt']);
/** Staging rows of an import that died with its process are purged after this long. */
const STALE_STAGING = "interval '1 day'";

class Rejections {
  count = 0;
  readonly rows: RejectedRow[] = [];
  constructor(private readonly limit: number) {}
  add(line: number, rejection: RowRejection): void {
    this.count++;
    if (this.rows.length < this.limit) this.rows.push({ line, ...rejection });
  }
}

interface StagedRow {
  readonly line: number;
  readonly doc: ImportDocument;
}

/**
 * Runs one import: streams `items` into validated documents staged in `hq_import_rows`, then applies them in
 * one transaction through writeMasterDocuments. Returns the report, or the failure that left nothing written.
 */
export async function runImport(
  db: Database,
  kind: ImportKind,
  items: AsyncIterable<ImportItem>,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const importId = randomUUID();
  const context: ImportContext = {
    now: options.context.now ?? Date.now(),
    newId: options.context.newId ?? randomUUID,
    defaultCurrency: options.context.defaultCurrency,
    defaultStoreId: options.context.defaultStoreId,
  };
  const chunkSize = options.chunkSize ?? 5_000;
  const rejections = new Rejections(options.rejectedLimit ?? 1_000);
  let accepted = 0;
  let unchanged = 0;
  const report = (): ImportReport => ({
    importId,
    kind: kind.name,
    mode: options.mode,
    accepted,
    unchanged,
    rejectedCount: rejections.count,
    rejected: [...rejections.rows].sort((a, b) => a.line - b.line),
    rejectedTruncated: rejections.count > rejections.rows.length,
  });
  const fail = async (code: ImportFailureCode, detail: string, line?: number): Promise<ImportOutcome> => {
    await db.query('DELETE FROM hq_import_rows WHERE import_id = $1', [importId]);
    await db.query(
      `UPDATE hq_imports SET status = 'failed', failure_code = $2, rejected = $3, finished_at = now()
       WHERE import_id = $1`,
      [importId, code, rejections.count],
    );
    accepted = 0;
    unchanged = 0;
    return line === undefined
      ? { ok: false, code, detail, report: report() }
      : { ok: false, code, detail, line, report: report() };
  };

  await purgeStaleStaging(db);
  await db.query(`INSERT INTO hq_imports (import_id, kind, mode, status) VALUES ($1, $2, $3, 'staging')`, [
    importId,
    kind.name,
    options.mode,
  ]);

  const known = new Set(kind.columns);
  let pending: StagedRow[] = [];
  const stage = async (): Promise<void> => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const { rows: inserted } = await db.query<{ doc_id: string; line: number }>(
      `INSERT INTO hq_import_rows (import_id, doc_id, line, data)
       SELECT $1, t.doc_id, t.line, t.data FROM unnest($2::text[], $3::int[], $4::jsonb[]) AS t(doc_id, line, data)
       ON CONFLICT (import_id, doc_id) DO NOTHING
       RETURNING doc_id, line`,
      [importId, rows.map((r) => r.doc.id), rows.map((r) => r.line), rows.map((r) => JSON.stringify(r.doc))],
    );
    if (inserted.length === rows.length) return;
    const insertedLines = new Set(inserted.map((r) => Number(r.line)));
    for (const row of rows) {
      if (!insertedLines.has(row.line)) {
        rejections.add(row.line, {
          reason: `duplicate-id: ${row.doc.id} appears on an earlier line`,
          field: 'id',
        });
      }
    }
  };

  try {
    for await (const item of items) {
      if (item.type === 'fatal') return await fail(item.code, item.message, item.line);
      if (item.type === 'rejected') {
        rejections.add(item.line, item.field === undefined ? { reason: item.reason } : item);
        continue;
      }
      if (item.type === 'header') {
        const problem = headerProblem(kind, item.columns);
        if (problem) return await fail('import-bad-header', problem, item.line);
        continue;
      }
      // U+0000 or a lone surrogate would fail the staging INSERT (jsonb): reject the row, keys included.
      const unstorable = findUnstorableText(item.fields);
      if (unstorable) {
        rejections.add(item.line, { reason: `invalid-text: ${describeUnstorableText(unstorable)}` });
        continue;
      }
      const unknownField = Object.keys(item.fields).find((name) => !known.has(name));
      if (unknownField !== undefined) {
        rejections.add(item.line, { reason: `unknown-field: ${unknownField}`, field: unknownField });
        continue;
      }
      const row = new RowFields(item.fields);
      const doc = await kind.toDocument(row, context);
      if (row.rejection || doc === undefined) {
        rejections.add(item.line, row.rejection ?? { reason: 'invalid-row' });
        continue;
      }
      const valid = validateDocument(kind.collection as CollectionName, doc);
      if (!valid.ok) {
        const reason = `invalid-document: ${valid.detail ?? valid.reason}`;
        rejections.add(item.line, valid.path ? { reason, field: valid.path } : { reason });
        continue;
      }
      pending.push({ line: item.line, doc });
      if (pending.length >= chunkSize) await stage();
    }
    await stage();
  } catch (error) {
    await fail('import-aborted', 'the import stopped before the end of the file');
    throw error;
  }

  if (options.mode === 'all-or-nothing' && rejections.count > 0) {
    return fail(
      'import-rejected',
      `${rejections.count} row(s) rejected; nothing was written (all-or-nothing)`,
    );
  }

  const applied = await db
    .transaction(async (tx) => {
      const counts = await applyStaged(tx, kind, importId, chunkSize, rejections, options.mode);
      await tx.query('DELETE FROM hq_import_rows WHERE import_id = $1', [importId]);
      await tx.query(
        `UPDATE hq_imports SET status = 'applied', accepted = $2, unchanged = $3, rejected = $4, finished_at = now()
         WHERE import_id = $1`,
        [importId, counts.accepted, counts.unchanged, rejections.count],
      );
      return counts;
    })
    .catch((error: unknown) => {
      if (error instanceof RejectedWhileApplying) return undefined;
      throw error;
    });
  if (applied === undefined) {
    return fail(
      'import-rejected',
      `${rejections.count} row(s) rejected; nothing was written (all-or-nothing)`,
    );
  }
  accepted = applied.accepted;
  unchanged = applied.unchanged;
  return { ok: true, report: report() };
}

class RejectedWhileApplying extends Error {}

async function applyStaged(
  tx: Queryable,
  kind: ImportKind,
  importId: string,
  chunkSize: number,
  rejections: Rejections,
  mode: ImportMode,
): Promise<{ accepted: number; unchanged: number }> {
  let accepted = 0;
  let unchanged = 0;
  let after = '';
  for (;;) {
    const { rows } = await tx.query<{ doc_id: string; line: number; data: ImportDocument }>(
      `SELECT doc_id, line, data FROM hq_import_rows WHERE import_id = $1 AND doc_id > $2 ORDER BY doc_id LIMIT $3`,
      [importId, after, chunkSize],
    );
    const last = rows.at(-1);
    if (!last) break;
    after = last.doc_id;
    const docs = rows.map((row) => row.data);
    const refused = kind.screen ? await kind.screen(tx, docs) : new Map<string, RowRejection>();
    if (refused.size > 0 && mode === 'all-or-nothing') {
      for (const row of rows) {
        const rejection = refused.get(row.doc_id);
        if (rejection) rejections.add(Number(row.line), rejection);
      }
      throw new RejectedWhileApplying();
    }
    const { rows: existing } = await tx.query<{
      id: string;
      deleted: boolean;
      data: Record<string, unknown>;
    }>('SELECT id, deleted, data FROM documents WHERE collection = $1 AND id = ANY($2::text[])', [
      kind.collection,
      docs.map((doc) => doc.id),
    ]);
    const stored = new Map(existing.map((row) => [row.id, row]));
    const changed: ImportDocument[] = [];
    for (const row of rows) {
      const rejection = refused.get(row.doc_id);
      if (rejection) {
        rejections.add(Number(row.line), rejection);
        continue;
      }
      const current = stored.get(row.doc_id);
      if (current && !current.deleted && sameDocument(withoutStamps(current.data), withoutStamps(row.data))) {
        unchanged++;
        continue;
      }
      changed.push(row.data);
    }
    const { written } = await writeMasterDocuments(tx, kind.collection, changed);
    accepted += written;
  }
  return { accepted, unchanged };
}

function withoutStamps(doc: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!STAMP_FIELDS.has(key)) body[key] = value;
  return body;
}

function headerProblem(kind: ImportKind, columns: readonly string[]): string | undefined {
  const known = new Set(kind.columns);
  const unknown = columns.filter((column) => !known.has(column));
  if (unknown.length > 0) {
    return `unknown column(s) ${unknown.join(', ')}; a ${kind.name} file may have ${kind.columns.join(', ')}`;
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) return `column ${column} appears twice`;
    seen.add(column);
  }
  const missing = kind.requiredColumns.filter((column) => !seen.has(column));
  if (missing.length > 0) return `missing column(s) ${missing.join(', ')}`;
  return undefined;
}

async function purgeStaleStaging(db: Database): Promise<void> {
  await db.query(
    `DELETE FROM hq_import_rows WHERE import_id IN
       (SELECT import_id FROM hq_imports WHERE status = 'staging' AND started_at < now() - ${STALE_STAGING})`,
  );
  await db.query(
    `UPDATE hq_imports SET status = 'failed', failure_code = 'import-aborted', finished_at = now()
     WHERE status = 'staging' AND started_at < now() - ${STALE_STAGING}`,
  );
}
