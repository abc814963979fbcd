import { err, ok, type Result } from '../result.js';

export type ReplicationLimits = {
  /** Most documents one pull may return or one push may carry. */
  readonly maxBatchSize: number;
  /** Most UTF-8 bytes one document may take as JSON. */
  readonly maxDocumentBytes: number;
};

export const DEFAULT_REPLICATION_LIMITS: ReplicationLimits = {
  maxBatchSize: 2000,
  maxDocumentBytes: 256 * 1024,
};

export type SizeGuardReason = 'batch-size' | 'document-too-large';

/** Clamps a client's requested pull batch size into `[1, maxBatchSize]`; nonsense asks for the default. */
export function clampBatchSize(
  requested: unknown,
  limits: ReplicationLimits = DEFAULT_REPLICATION_LIMITS,
): number {
  if (typeof requested !== 'number' || !Number.isFinite(requested) || requested < 1)
    return limits.maxBatchSize;
  return Math.min(Math.floor(requested), limits.maxBatchSize);
}

/** UTF-8 length of a string without allocating an encoder (core has no I/O and no platform dependencies). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Refuses a push batch that is too long or holds a document that is too large, naming the first offender. */
export function checkPushSize(
  rows: readonly { readonly newDocumentState: unknown }[],
  limits: ReplicationLimits = DEFAULT_REPLICATION_LIMITS,
): Result<number, SizeGuardReason> {
  if (rows.length > limits.maxBatchSize) {
    return err('batch-size', `${rows.length} rows, at most ${limits.maxBatchSize} per push`);
  }
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const bytes = utf8ByteLength(JSON.stringify(rows[i]!.newDocumentState) ?? '');
    if (bytes > limits.maxDocumentBytes) {
      return err(
        'document-too-large',
        `${bytes} bytes, at most ${limits.maxDocumentBytes}`,
        `[${i}].newDocumentState`,
      );
    }
    total += bytes;
  }
  return ok(total);
}
