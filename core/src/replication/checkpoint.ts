import type { ReplicationCheckpoint } from './wire.js';

/** Orders checkpoints by server sequence, then id; `null` (the beginning) comes before everything. */
export function compareCheckpoints(a: ReplicationCheckpoint | null, b: ReplicationCheckpoint | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (a.sequence !== b.sequence) return a.sequence < b.sequence ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** True when a document written at `candidate` is newer than what a client at `checkpoint` has seen. */
export function isAfter(candidate: ReplicationCheckpoint, checkpoint: ReplicationCheckpoint | null): boolean {
  return compareCheckpoints(candidate, checkpoint) > 0;
}

/** A checkpoint as it arrives from outside (query string, JSON body): accepted only when well-formed. */
export function isReplicationCheckpoint(value: unknown): value is ReplicationCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const { sequence, id } = value as { sequence?: unknown; id?: unknown };
  return (
    typeof sequence === 'number' &&
    Number.isSafeInteger(sequence) &&
    sequence >= 0 &&
    typeof id === 'string' &&
    id.length <= 64
  );
}
