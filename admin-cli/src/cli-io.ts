/** Where a command writes: standard output for results, standard error for progress and problems. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard error is a terminal (the progress bar draws only there). */
  readonly interactive: boolean;
  /** The terminal the progress bar draws on, when `interactive`. */
  readonly progressStream?: NodeJS.WriteStream;
}

/** A command's failure the user must act on: printed as `storefloor: <message>`, exit status 1. */
export class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** Exit statuses: 0 done; 1 nothing done (bad input, HQ refused or unreachable); 2 imported, rows rejected. */
export const EXIT_FAILED = 1;
export const EXIT_ROWS_REJECTED = 2;
