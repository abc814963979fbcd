import type { Statement } from 'better-sqlite3';
import type { AgentDatabase } from '../state/agent-database.js';
import type { WalletFailure, WalletProvider, WalletRefundFailure } from './wallet-payment.js';

/**
 * Where a wallet tender stands at the agent: `pending` (sent, no answer yet), `waiting-for-shopper` (the
 * provider said USERPAYING / WAIT_BUYER_PAY), `paid`, `failed` (nothing charged, or reversed). `failed` with
 * reason `unknown` is the one state that is not final: the reverse did not go through, so the order is asked
 * about again before anything else is done with it.
 */
export type WalletTenderState = 'pending' | 'waiting-for-shopper' | 'paid' | 'failed';

export interface WalletTenderRecord {
  readonly tenderId: string;
  readonly provider: WalletProvider;
  readonly source: 'payment-code' | 'face';
  readonly minor: number;
  readonly currency: string;
  readonly deviceId: string;
  readonly state: WalletTenderState;
  readonly providerTradeNo?: string;
  readonly failure?: { readonly reason: WalletFailure; readonly detail?: string };
  readonly createdAt: number;
  readonly settledAt?: number;
}

export interface WalletRefundRecord {
  readonly refundId: string;
  readonly tenderId: string;
  readonly minor: number;
  readonly state: 'pending' | 'refunded' | 'failed';
  readonly failure?: { readonly reason: WalletRefundFailure; readonly detail?: string };
  readonly createdAt: number;
}

interface TenderRow {
  tender_id: string;
  provider: WalletProvider;
  source: 'payment-code' | 'face';
  minor: number;
  currency: string;
  device_id: string;
  state: WalletTenderState;
  provider_trade_no: string | null;
  failure_reason: WalletFailure | null;
  failure_detail: string | null;
  created_at: number;
  settled_at: number | null;
}

interface RefundRow {
  refund_id: string;
  tender_id: string;
  minor: number;
  state: 'pending' | 'refunded' | 'failed';
  failure_reason: WalletRefundFailure | null;
  failure_detail: string | null;
  created_at: number;
}

// The agent's own tables (ARCHITECTURE.md §3: process-local state is not a replicated collection). Every
// charge is recorded before the provider is called, so an agent restarted mid-charge knows which orders to
// ask about instead of charging again.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS wallet_tenders (
  tender_id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  source TEXT NOT NULL,
  minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  device_id TEXT NOT NULL,
  state TEXT NOT NULL,
  provider_trade_no TEXT,
  failure_reason TEXT,
  failure_detail TEXT,
  created_at INTEGER NOT NULL,
  settled_at INTEGER
);
CREATE INDEX IF NOT EXISTS wallet_tenders_settled ON wallet_tenders (provider, settled_at);
CREATE TABLE IF NOT EXISTS wallet_refunds (
  refund_id TEXT PRIMARY KEY,
  tender_id TEXT NOT NULL REFERENCES wallet_tenders (tender_id),
  minor INTEGER NOT NULL,
  state TEXT NOT NULL,
  failure_reason TEXT,
  failure_detail TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS wallet_refunds_tender ON wallet_refunds (tender_id);
`;

const tenderOf = (r: TenderRow): WalletTenderRecord => ({
  tenderId: r.tender_id,
  provider: r.provider,
  source: r.source,
  minor: r.minor,
  currency: r.currency,
  deviceId: r.device_id,
  state: r.state,
  ...(r.provider_trade_no ? { providerTradeNo: r.provider_trade_no } : {}),
  ...(r.failure_reason
    ? {
        failure: {
          reason: r.failure_reason,
          ...(r.failure_detail ? { detail: r.failure_detail } : {}),
        },
      }
    : {}),
  createdAt: r.created_at,
  ...(r.settled_at === null ? {} : { settledAt: r.settled_at }),
});

const refundOf = (r: RefundRow): WalletRefundRecord => ({
  refundId: r.refund_id,
  tenderId: r.tender_id,
  minor: r.minor,
  state: r.state,
  ...(r.failure_reason
    ? {
        failure: {
          reason: r.failure_reason,
          ...(r.failure_detail ? { detail: r.failure_detail } : {}),
        },
      }
    : {}),
  createdAt: r.created_at,
});

/** The agent's record of every wallet tender it charged and every refund it made, in agent.sqlite. */
export class WalletLedger {
  readonly #db: AgentDatabase;
  readonly #statements = new Map<string, Statement<unknown[], unknown>>();

  constructor(db: AgentDatabase) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  /**
   * Runs an outcome write without waiting for the disk (WAL, synchronous NORMAL: durable against a crash of
   * the agent, not of the machine). Safe because the outcome can always be asked of the provider again: a
   * tender whose outcome a power cut lost is `pending` after the restart and is settled by query, never paid
   * again. The record that an order was sent (`begin`) waits for the disk: it is what tells the agent to ask.
   */
  #outcome(write: () => void): void {
    const was = this.#db.pragma('synchronous', { simple: true }) as number;
    this.#db.pragma('synchronous = NORMAL');
    try {
      write();
    } finally {
      this.#db.pragma(`synchronous = ${Number(was)}`);
    }
  }

  /** Each statement is prepared once (the charge path runs several per tender). */
  #sql<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  tender(tenderId: string): WalletTenderRecord | undefined {
    const row = this.#sql<[string], TenderRow>('SELECT * FROM wallet_tenders WHERE tender_id = ?').get(
      tenderId,
    );
    return row ? tenderOf(row) : undefined;
  }

  /** Records a tender about to be charged; false when the id is taken already. */
  begin(t: Omit<WalletTenderRecord, 'state' | 'createdAt'>, now: number): boolean {
    const done = this.#sql(
      `INSERT INTO wallet_tenders (tender_id, provider, source, minor, currency, device_id, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (tender_id) DO NOTHING`,
    ).run(t.tenderId, t.provider, t.source, t.minor, t.currency, t.deviceId, now);
    return done.changes === 1;
  }

  waiting(tenderId: string): void {
    this.#outcome(() => {
      this.#sql(
        "UPDATE wallet_tenders SET state = 'waiting-for-shopper' WHERE tender_id = ? AND state = 'pending'",
      ).run(tenderId);
    });
  }

  paid(tenderId: string, providerTradeNo: string, now: number): void {
    this.#outcome(() => {
      this.#sql(
        `UPDATE wallet_tenders SET state = 'paid', provider_trade_no = ?, failure_reason = NULL,
           failure_detail = NULL, settled_at = ? WHERE tender_id = ?`,
      ).run(providerTradeNo, now, tenderId);
    });
  }

  failed(tenderId: string, reason: WalletFailure, detail: string | undefined, now: number): void {
    this.#outcome(() => {
      this.#sql(
        `UPDATE wallet_tenders SET state = 'failed', failure_reason = ?, failure_detail = ?, settled_at = ?
           WHERE tender_id = ?`,
      ).run(reason, detail ?? null, now, tenderId);
    });
  }

  /** Tenders sent but never answered (the agent stopped mid-charge), or left unknown by a failed reverse. */
  unsettled(): WalletTenderRecord[] {
    return this.#sql<[], TenderRow>(
      `SELECT * FROM wallet_tenders WHERE state IN ('pending', 'waiting-for-shopper')
         OR (state = 'failed' AND failure_reason = 'unknown') ORDER BY created_at`,
    )
      .all()
      .map(tenderOf);
  }

  /** Paid tenders of one provider settled in [from, to) (epoch ms). */
  paidBetween(provider: WalletProvider, from: number, to: number): WalletTenderRecord[] {
    return this.#sql<[WalletProvider, number, number], TenderRow>(
      `SELECT * FROM wallet_tenders WHERE provider = ? AND state = 'paid' AND settled_at >= ? AND settled_at < ?
         ORDER BY settled_at`,
    )
      .all(provider, from, to)
      .map(tenderOf);
  }

  refund(refundId: string): WalletRefundRecord | undefined {
    const row = this.#sql<[string], RefundRow>('SELECT * FROM wallet_refunds WHERE refund_id = ?').get(
      refundId,
    );
    return row ? refundOf(row) : undefined;
  }

  /** Minor units refunded (or being refunded) of a tender, other refunds than `except`. */
  refundedOf(tenderId: string, except?: string): number {
    const row = this.#sql<[string, string], { total: number | null }>(
      `SELECT sum(minor) AS total FROM wallet_refunds WHERE tender_id = ? AND refund_id <> ?
         AND state IN ('pending', 'refunded')`,
    ).get(tenderId, except ?? '');
    return row?.total ?? 0;
  }

  beginRefund(refundId: string, tenderId: string, minor: number, now: number): void {
    this.#sql(
      `INSERT INTO wallet_refunds (refund_id, tender_id, minor, state, created_at) VALUES (?, ?, ?, 'pending', ?)
         ON CONFLICT (refund_id) DO UPDATE SET state = 'pending', failure_reason = NULL, failure_detail = NULL`,
    ).run(refundId, tenderId, minor, now);
  }

  refundDone(refundId: string): void {
    this.#sql(
      "UPDATE wallet_refunds SET state = 'refunded', failure_reason = NULL, failure_detail = NULL WHERE refund_id = ?",
    ).run(refundId);
  }

  refundFailed(refundId: string, reason: WalletRefundFailure, detail: string | undefined): void {
    // An unknown refund stays pending: it is sent again under the same id, never forgotten.
    this.#sql(
      'UPDATE wallet_refunds SET state = ?, failure_reason = ?, failure_detail = ? WHERE refund_id = ?',
    ).run(reason === 'unknown' ? 'pending' : 'failed', reason, detail ?? null, refundId);
  }

  /** Refunds that went through for one provider's tenders, made in [from, to). */
  refundsBetween(
    provider: WalletProvider,
    from: number,
    to: number,
  ): (WalletRefundRecord & { provider: WalletProvider })[] {
    return this.#sql<[WalletProvider, number, number], RefundRow>(
      `SELECT r.* FROM wallet_refunds r JOIN wallet_tenders t ON t.tender_id = r.tender_id
         WHERE t.provider = ? AND r.state = 'refunded' AND r.created_at >= ? AND r.created_at < ?`,
    )
      .all(provider, from, to)
      .map((r) => ({ ...refundOf(r), provider }));
  }
}
