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

/** Deep equality of JSON values; key order does not matter (jsonb reorders keys). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).filter((key) => ra[key] !== undefined);
  const keysB = Object.keys(rb).filter((key) => rb[key] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => Object.hasOwn(rb, key) && jsonEqual(ra[key], rb[key]))
  );
}

/** Same document state: same body and same `_deleted`. */
export function sameDocumentState(
  a: { body: Record<string, unknown>; deleted: boolean },
  b: { body: Record<string, unknown>; deleted: boolean },
): boolean {
  return a.deleted === b.deleted && jsonEqual(a.body, b.body);
}
