import { isDocumentRefusal } from './push-refusal.js';
import type { SyncHttpError } from './sync-http-error.js';

export interface IsolatedPush<Row, Conflict> {
  /** The conflicts the upstream answered for the rows it took. */
  readonly conflicts: Conflict[];
  /** Rows the upstream took (written, a no-op re-push, or answered with a conflict). */
  readonly accepted: Row[];
  /** Rows the upstream refused for good, each with the refusal it answered when pushed alone. */
  readonly refused: { readonly row: Row; readonly error: SyncHttpError }[];
}

/**
 * Pushes `rows` and, when the upstream refuses the push because of what it carries, finds the refused rows by
 * pushing halves (a server refuses a whole push for one bad row and writes nothing of it): k bad rows among n
 * cost about 2·k·log2(n) more requests, and every good row is still pushed. A row refused alone is refused for
 * good. Any other failure (network, timeout, 5xx, auth) is thrown as it is, for the caller to retry; rows a
 * half already wrote are then pushed again, which the upstream takes as a no-op.
 */
export async function pushIsolatingRefusals<Row, Conflict>(
  rows: readonly Row[],
  post: (rows: Row[]) => Promise<Conflict[]>,
): Promise<IsolatedPush<Row, Conflict>> {
  try {
    return { conflicts: await post([...rows]), accepted: [...rows], refused: [] };
  } catch (error) {
    if (!isDocumentRefusal(error)) throw error;
    const [only] = rows;
    if (rows.length === 1 && only !== undefined)
      return { conflicts: [], accepted: [], refused: [{ row: only, error }] };
    if (rows.length === 0) throw error;
    const middle = Math.ceil(rows.length / 2);
    const first = await pushIsolatingRefusals(rows.slice(0, middle), post);
    const second = await pushIsolatingRefusals(rows.slice(middle), post);
    return {
      conflicts: [...first.conflicts, ...second.conflicts],
      accepted: [...first.accepted, ...second.accepted],
      refused: [...first.refused, ...second.refused],
    };
  }
}
