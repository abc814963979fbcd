import type { Queryable } from '../../db/database.js';

/** Which of `ids` already exist (deleted or not) in `collection`: one index-backed query. */
export async function existingIds(
  tx: Queryable,
  collection: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM documents WHERE collection = $1 AND id = ANY($2::text[])',
    [collection, ids],
  );
  return new Set(rows.map((row) => row.id));
}

/** Which of `ids` exist and are not deleted in `collection`. */
export async function liveIds(
  tx: Queryable,
  collection: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM documents WHERE collection = $1 AND id = ANY($2::text[]) AND NOT deleted',
    [collection, [...new Set(ids)]],
  );
  return new Set(rows.map((row) => row.id));
}
