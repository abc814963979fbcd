import type Database from 'better-sqlite3';
import type { CartSessionState } from './cart-session.js';

const SCHEMA = `
-- Cart sessions, in the agent's own SQLite (never a replicated collection: ARCHITECTURE.md §3).
CREATE TABLE IF NOT EXISTS cart_sessions (
  session_id TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL,
  state_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
-- The session each cart is in, and the last cart sequence applied (a replayed message changes nothing).
CREATE TABLE IF NOT EXISTS cart_current (
  cart_id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  last_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cart_exit_codes (
  code TEXT PRIMARY KEY,
  session_id TEXT NOT NULL UNIQUE,
  cart_id TEXT NOT NULL,
  sale_id TEXT NOT NULL,
  grams_at_payment INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
-- Coupons held by a cart checkout from its claim until its sale (and the coupon's redemption) is in the
-- replica's loyalty ledger: the agent's one decision point, so two checkouts cannot both spend a coupon.
CREATE TABLE IF NOT EXISTS cart_coupon_claims (
  coupon_code TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  cart_id TEXT NOT NULL,
  claimed_at INTEGER NOT NULL
);
-- The card tender of a session (its id is the terminal's idempotency key): kept so that a retried
-- checkout, or one after an agent restart, asks about the same tender instead of charging a new one.
CREATE TABLE IF NOT EXISTS cart_card_tenders (
  session_id TEXT PRIMARY KEY,
  tender_id TEXT NOT NULL UNIQUE,
  sale_id TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  -- 'open' from the moment the terminal is asked until its answer; then 'unpaid' or 'paid'.
  state TEXT NOT NULL DEFAULT 'unpaid'
);
`;

export interface ExitCodeRecord {
  readonly code: string;
  readonly sessionId: string;
  readonly cartId: string;
  readonly saleId: string;
  readonly gramsAtPayment: number;
  readonly expiresAt: number;
  readonly usedAt: number | undefined;
}

/** Cart sessions and exit codes, durable across an agent restart. */
export class CartStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  current(cartId: string): { session: CartSessionState; lastSeq: number } | undefined {
    const row = this.#db
      .prepare(
        `SELECT s.state_json AS state, c.last_seq AS lastSeq FROM cart_current c
         JOIN cart_sessions s ON s.session_id = c.session_id WHERE c.cart_id = ?`,
      )
      .get(cartId) as { state: string; lastSeq: number } | undefined;
    return row ? { session: JSON.parse(row.state) as CartSessionState, lastSeq: row.lastSeq } : undefined;
  }

  lastSeq(cartId: string): number {
    const row = this.#db.prepare('SELECT last_seq FROM cart_current WHERE cart_id = ?').get(cartId) as
      | { last_seq: number }
      | undefined;
    return row?.last_seq ?? 0;
  }

  session(sessionId: string): CartSessionState | undefined {
    const row = this.#db
      .prepare('SELECT state_json FROM cart_sessions WHERE session_id = ?')
      .get(sessionId) as { state_json: string } | undefined;
    return row ? (JSON.parse(row.state_json) as CartSessionState) : undefined;
  }

  /** Saves a session (and makes it the cart's current one) with the sequence that produced it, atomically. */
  save(session: CartSessionState, seq: number | undefined, at: number): void {
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO cart_sessions (session_id, cart_id, state_json, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (session_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`,
        )
        .run(session.sessionId, session.cartId, JSON.stringify(session), at);
      this.#db
        .prepare(
          `INSERT INTO cart_current (cart_id, session_id, last_seq) VALUES (?, ?, ?)
           ON CONFLICT (cart_id) DO UPDATE SET session_id = excluded.session_id,
             last_seq = MAX(cart_current.last_seq, excluded.last_seq)`,
        )
        .run(session.cartId, session.sessionId, seq ?? 0);
    })();
  }

  /** Notes that a message was applied (or refused) without a session change. */
  applied(cartId: string, seq: number): void {
    this.#db
      .prepare('UPDATE cart_current SET last_seq = MAX(last_seq, ?) WHERE cart_id = ?')
      .run(seq, cartId);
  }

  /** Lowers the cart's last applied sequence to where its link starts over; a higher one is kept. */
  restartSequence(cartId: string, seq: number): void {
    this.#db
      .prepare('UPDATE cart_current SET last_seq = ? WHERE cart_id = ? AND last_seq > ?')
      .run(seq, cartId, seq);
  }

  addExitCode(record: Omit<ExitCodeRecord, 'usedAt'>): void {
    this.#db
      .prepare(
        `INSERT INTO cart_exit_codes (code, session_id, cart_id, sale_id, grams_at_payment, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.code,
        record.sessionId,
        record.cartId,
        record.saleId,
        record.gramsAtPayment,
        record.expiresAt,
      );
  }

  exitCodeOf(sessionId: string): ExitCodeRecord | undefined {
    return this.#exit(this.#db.prepare('SELECT * FROM cart_exit_codes WHERE session_id = ?').get(sessionId));
  }

  exitCode(code: string): ExitCodeRecord | undefined {
    return this.#exit(this.#db.prepare('SELECT * FROM cart_exit_codes WHERE code = ?').get(code));
  }

  /** Marks a code used; false when it was used already (the gate lets a cart out once). */
  useExitCode(code: string, at: number): boolean {
    return (
      this.#db
        .prepare('UPDATE cart_exit_codes SET used_at = ? WHERE code = ? AND used_at IS NULL')
        .run(at, code).changes === 1
    );
  }

  /**
   * Claims a coupon for a session's checkout, atomically: true when it is now (or already was) this
   * session's, false when another checkout holds it.
   */
  claimCoupon(code: string, sessionId: string, cartId: string, at: number): boolean {
    this.#db
      .prepare(
        `INSERT INTO cart_coupon_claims (coupon_code, session_id, cart_id, claimed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (coupon_code) DO NOTHING`,
      )
      .run(code, sessionId, cartId, at);
    return this.couponClaimant(code) === sessionId;
  }

  /** The session whose checkout holds a coupon, if any. */
  couponClaimant(code: string): string | undefined {
    const row = this.#db
      .prepare('SELECT session_id FROM cart_coupon_claims WHERE coupon_code = ?')
      .get(code) as { session_id: string } | undefined;
    return row?.session_id;
  }

  /** Lets go of a session's claims (its checkout ended: paid and recorded, declined, or held for staff). */
  releaseCoupons(sessionId: string): void {
    this.#db.prepare('DELETE FROM cart_coupon_claims WHERE session_id = ?').run(sessionId);
  }

  /**
   * Drops every claim: at start no checkout is under way, and a sale that was recorded before a crash
   * has its redemption in the replica's ledger, which is what a claim stood in for.
   */
  releaseAllCoupons(): void {
    this.#db.exec('DELETE FROM cart_coupon_claims');
  }

  /** The session's card tender, made once and reused by every attempt (the terminal keys on it). */
  cardTender(
    sessionId: string,
    make: () => { tenderId: string; saleId: string; terminalId: string },
  ): { tenderId: string; saleId: string; terminalId: string } {
    const row = this.#db
      .prepare('SELECT tender_id, sale_id, terminal_id FROM cart_card_tenders WHERE session_id = ?')
      .get(sessionId) as { tender_id: string; sale_id: string; terminal_id: string } | undefined;
    if (row) return { tenderId: row.tender_id, saleId: row.sale_id, terminalId: row.terminal_id };
    const made = make();
    this.#db
      .prepare(
        'INSERT INTO cart_card_tenders (session_id, tender_id, sale_id, terminal_id) VALUES (?, ?, ?, ?)',
      )
      .run(sessionId, made.tenderId, made.saleId, made.terminalId);
    return made;
  }

  /** The session's card tender while its outcome is not known (asked, no final answer yet). */
  openCardTender(sessionId: string): { tenderId: string; saleId: string; terminalId: string } | undefined {
    const row = this.#db
      .prepare(
        `SELECT tender_id, sale_id, terminal_id FROM cart_card_tenders WHERE session_id = ? AND state = 'open'`,
      )
      .get(sessionId) as { tender_id: string; sale_id: string; terminal_id: string } | undefined;
    return row ? { tenderId: row.tender_id, saleId: row.sale_id, terminalId: row.terminal_id } : undefined;
  }

  cardTenderSettled(sessionId: string, state: 'open' | 'unpaid' | 'paid'): void {
    this.#db.prepare('UPDATE cart_card_tenders SET state = ? WHERE session_id = ?').run(state, sessionId);
  }

  #exit(raw: unknown): ExitCodeRecord | undefined {
    if (!raw) return undefined;
    const r = raw as Record<string, unknown>;
    return {
      code: r.code as string,
      sessionId: r.session_id as string,
      cartId: r.cart_id as string,
      saleId: r.sale_id as string,
      gramsAtPayment: r.grams_at_payment as number,
      expiresAt: r.expires_at as number,
      usedAt: (r.used_at as number | null) ?? undefined,
    };
  }
}
