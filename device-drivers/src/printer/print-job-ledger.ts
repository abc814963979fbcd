/**
 * Which print jobs reached the printer. A job is `sending` from just before its bytes go out, `written`
 * once they all left for the printer, and `confirmed` once the printer acknowledged its process ID. A
 * retry of a job id found here is never printed again; only an explicit reprint is (headed REPRINT).
 *
 * The host keeps the ledger durably (SqlitePrintJobLedger in the host process, or its own store behind
 * this interface), so a lane restarted between "sent" and "acknowledged" still knows the receipt is out.
 * MemoryPrintJobLedger is enough for one process.
 */
export type PrintJobState = 'sending' | 'written' | 'confirmed';

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
  /** Forgets an attempt none of whose bytes can have reached the printer. */
  remove(jobId: string): void;
}

export class MemoryPrintJobLedger implements PrintJobLedger {
  readonly #records = new Map<string, PrintJobRecord>();

  get(jobId: string): PrintJobRecord | undefined {
    return this.#records.get(jobId);
  }

  put(record: PrintJobRecord): void {
    this.#records.set(record.jobId, record);
  }

  remove(jobId: string): void {
    this.#records.delete(jobId);
  }

  list(): PrintJobRecord[] {
    return [...this.#records.values()];
  }
}
