import Database from 'better-sqlite3';
import type { PrintJobLedger, PrintJobRecord, PrintJobState } from './print-job-ledger.js';

const STATES: readonly PrintJobState[] = ['sending', 'written', 'confirmed'];

interface Row {
  job_id: string;
  state: string;
  process_id: string;
  copies: number;
  updated_at: string;
}

/**
 * The print-job ledger in the host process's own SQLite file (ARCHITECTURE.md §3: per-process state lives
 * in that process's SQLite tables, not in replicated collections). Each `put` is its own transaction,
 * committed with `synchronous = FULL`, so a record the printer driver wrote before a crash, a kill -9 or a
 * power cut is there when the lane starts again.
 */
export class SqlitePrintJobLedger implements PrintJobLedger {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], Row>;
  readonly #put: Database.Statement<[string, string, string, number, string]>;
  readonly #list: Database.Statement<[], Row>;
  readonly #remove: Database.Statement<[string]>;

  /** `file` is a path (created if missing) or an open better-sqlite3 database the host shares. */
  constructor(file: string | Database.Database) {
    this.#db = typeof file === 'string' ? new Database(file) : file;
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS print_jobs (
      job_id TEXT PRIMARY KEY,
      state TEXT NOT NULL CHECK (state IN ('sending', 'written', 'confirmed')),
      process_id TEXT NOT NULL,
      copies INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    this.#get = this.#db.prepare('SELECT * FROM print_jobs WHERE job_id = ?');
    this.#put = this.#db.prepare(
      `INSERT INTO print_jobs (job_id, state, process_id, copies, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, process_id = excluded.process_id,
       copies = excluded.copies, updated_at = excluded.updated_at`,
    );
    this.#list = this.#db.prepare('SELECT * FROM print_jobs ORDER BY updated_at');
    this.#remove = this.#db.prepare('DELETE FROM print_jobs WHERE job_id = ?');
  }

  get(jobId: string): PrintJobRecord | undefined {
    const row = this.#get.get(jobId);
    return row ? toRecord(row) : undefined;
  }

  put(record: PrintJobRecord): void {
    this.#put.run(record.jobId, record.state, record.processId, record.copies, record.updatedAt);
  }

  remove(jobId: string): void {
    this.#remove.run(jobId);
  }

  list(): PrintJobRecord[] {
    return this.#list.all().map(toRecord);
  }

  close(): void {
    this.#db.close();
  }
}

function toRecord(row: Row): PrintJobRecord {
  if (!(STATES as readonly string[]).includes(row.state))
    throw new Error(`print_jobs row ${row.job_id} has unknown state ${row.state}`);
  return {
    jobId: row.job_id,
    state: row.state as PrintJobState,
    processId: row.process_id,
    copies: row.copies,
    updatedAt: row.updated_at,
  };
}
