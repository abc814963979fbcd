/**
 * Which print jobs reached the printer. A job is `written` once all its bytes left for the printer and
 * `confirmed` once the printer acknowledged its process ID. A retry of a job id found here is never
 * printed again; only an explicit reprint is.
 *
 * The interface lets the host keep the ledger durably (a lane restarted mid-job must still know);
 * MemoryPrintJobLedger is enough for one process.
 */
export type PrintJobState = 'written' | 'confirmed';

export interface PrintJobRecord {
  readonly jobId: string;
  readonly state: PrintJobState;
  readonly processId: string;
  /** 1 for the original; each explicit reprint adds one. */
  readonly copies: number;
  readonly updatedAt: string;
}

export interface PrintJobLedger {
  get(jobId: string): PrintJobRecord | undefined;
  put(record: PrintJobRecord): void;
}

export class MemoryPrintJobLedger implements PrintJobLedger {
  readonly #records = new Map<string, PrintJobRecord>();

  get(jobId: string): PrintJobRecord | undefined {
    return this.#records.get(jobId);
  }

  put(record: PrintJobRecord): void {
    this.#records.set(record.jobId, record);
  }

  list(): PrintJobRecord[] {
    return [...this.#records.values()];
  }
}
