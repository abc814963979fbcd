import type { RxDocumentData, RxJsonSchema, RxQueryPlan } from 'rxdb';
import { getStartIndexStringFromLowerBound, getStartIndexStringFromUpperBound } from 'rxdb';
import type { CollectionTable, IndexColumn } from './collection-table.js';
import { indexKeyOf, quoteIdentifier } from './collection-table.js';
import type { IndexKey } from './index-key.js';

/** The part of one index column a query reads: RxDB's planned start and end keys, encoded as the table stores keys. */
export type IndexRange = {
  readonly column: IndexColumn;
  readonly lower: IndexKey;
  readonly upper: IndexKey;
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
};

/** The range RxDB's query planner chose, or undefined when the plan names an index the table does not have. */
export function indexRangeOf(
  schema: RxJsonSchema<RxDocumentData<unknown>>,
  table: CollectionTable,
  indexKey: (indexString: string) => IndexKey,
  plan: RxQueryPlan,
): IndexRange | undefined {
  const column = table.indexColumns.get(indexKeyOf(plan.index));
  if (!column) {
    return undefined;
  }
  return {
    column,
    lower: indexKey(getStartIndexStringFromLowerBound(schema, plan.index, plan.startKeys)),
    upper: indexKey(getStartIndexStringFromUpperBound(schema, plan.index, plan.endKeys)),
    inclusiveStart: plan.inclusiveStart,
    inclusiveEnd: plan.inclusiveEnd,
  };
}

/**
 * How a statement over a range reads: `count` one `{ n }` row; `scan` every `[id, data]` row in index order;
 * `page` the same with `LIMIT ? OFFSET ?`; `page-data` a page of bare `data` values (for a cold cache, where
 * the id column would only cost a string per row).
 */
export type RangeReadKind = 'count' | 'scan' | 'page' | 'page-data';

/**
 * The SQL of a read over `range`, and a key under which the prepared statement can be cached: statements
 * differ only by column, bound inclusiveness and kind; the keys themselves are bound parameters.
 */
export function rangeReadSql(
  table: CollectionTable,
  range: IndexRange,
  kind: RangeReadKind,
): { readonly cacheKey: string; readonly sql: string } {
  const { column, inclusiveStart, inclusiveEnd } = range;
  const from = `${quoteIdentifier(table.documentsTable)} INDEXED BY ${quoteIdentifier(column.sqliteIndex)}`;
  const where = `${column.column} ${inclusiveStart ? '>=' : '>'} ? AND ${column.column} ${inclusiveEnd ? '<=' : '<'} ?`;
  const order = `ORDER BY ${column.column}`;
  const sql = {
    count: `SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`,
    scan: `SELECT id, data FROM ${from} WHERE ${where} ${order}`,
    page: `SELECT id, data FROM ${from} WHERE ${where} ${order} LIMIT ? OFFSET ?`,
    'page-data': `SELECT data FROM ${from} WHERE ${where} ${order} LIMIT ? OFFSET ?`,
  }[kind];
  return { cacheKey: `${kind}:${column.column}:${inclusiveStart}:${inclusiveEnd}`, sql };
}
