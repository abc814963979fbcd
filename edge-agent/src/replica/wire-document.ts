/** Fields RxDB keeps per replica and never sends or compares. */
const LOCAL_FIELDS = new Set(['_deleted', '_rev', '_meta', '_attachments']);

/** The body of a document: everything but RxDB's replica-local fields and `_deleted`. */
export function documentBody(document: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (!LOCAL_FIELDS.has(key) && value !== undefined) body[key] = value;
  }
  return body;
}

/** A stored document as it travels on the replication wire: its body and `_deleted`. */
export function toWireDocument(stored: Record<string, unknown>): Record<string, unknown> {
  return { ...documentBody(stored), _deleted: stored._deleted === true };
}
