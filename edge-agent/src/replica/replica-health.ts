/** A storage failure of the replica or of the agent's own tables, as the status shows it. */
export interface ReplicaProblem {
  /** storage-sqlite's code: disk-full, database-corrupt, read-only, io-error, … */
  readonly code: string;
  /** The file that failed. */
  readonly file: string | undefined;
  readonly message: string;
  readonly since: string;
}

/** Remembers the last storage failure until a write succeeds again. */
export class ReplicaHealth {
  problem: ReplicaProblem | undefined;

  fail(error: unknown): ReplicaProblem {
    const e = error as { code?: unknown; file?: unknown; message?: unknown; cause?: unknown };
    const inner = (e.cause ?? {}) as { code?: unknown; file?: unknown };
    const code =
      typeof e.code === 'string' ? e.code : typeof inner.code === 'string' ? inner.code : 'unknown';
    const file =
      typeof e.file === 'string' ? e.file : typeof inner.file === 'string' ? inner.file : undefined;
    this.problem = {
      code,
      file,
      message: typeof e.message === 'string' ? e.message : String(error),
      since: this.problem?.since ?? new Date().toISOString(),
    };
    return this.problem;
  }

  recovered(): void {
    this.problem = undefined;
  }
}
