import { sameDocument } from '@storefloor/core';

/** Fields RxDB keeps per client and never compares across replicas. */
const LOCAL_FIELDS = new Set(['_deleted', '_rev', '_meta', '_attachments']);

/** The stored body of a wire document: everything but the replica-local fields and `_deleted`. */
export function documentBody(document: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (!LOCAL_FIELDS.has(key) && value !== undefined) body[key] = value;
  }
  return body;
}

/**
 * Same document state: same body and same `_deleted`. Core's `sameDocument` is the one definition of
 * "an identical re-push" (key order ignored, as jsonb reorders keys), shared with every replica that serves pushes.
 */
export function sameDocumentState(
  a: { body: Record<string, unknown>; deleted: boolean },
  b: { body: Record<string, unknown>; deleted: boolean },
): boolean {
  return a.deleted === b.deleted && sameDocument(a.body, b.body);
}
