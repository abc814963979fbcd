/**
 * Which local database the lane opens. When the replica cannot be opened (damaged, or written by a newer
 * version), the cashier may continue on a new one: the generation moves on and the old database is left
 * untouched, so the sales it holds that never reached the store can still be recovered from it.
 */
const KEY = 'storefloor.replica-generation';

export function replicaGeneration(storage: Storage = localStorage): number {
  const n = Number(storage.getItem(KEY) ?? '0');
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** The database name of the current generation: the configured name, then `name-r1`, `name-r2`… */
export function replicaDatabaseName(base: string, storage: Storage = localStorage): string {
  const generation = replicaGeneration(storage);
  return generation === 0 ? base : `${base}-r${generation}`;
}

/** Moves to a new, empty database; the old one stays where it is. */
export function startNewReplicaGeneration(storage: Storage = localStorage): number {
  const next = replicaGeneration(storage) + 1;
  storage.setItem(KEY, String(next));
  return next;
}

/** The lane's local database could not be opened: a value the start screen explains, never a bare string. */
export class ReplicaOpenError extends Error {
  readonly code = 'replica-unavailable';
  constructor(
    readonly databaseName: string,
    override readonly cause: unknown,
  ) {
    super(`the local database "${databaseName}" could not be opened: ${describe(cause)}`, { cause });
    this.name = 'ReplicaOpenError';
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
