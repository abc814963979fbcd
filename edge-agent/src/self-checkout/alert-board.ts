import { EventEmitter } from 'node:events';
import type { AgentDatabase } from '../state/agent-database.js';

/** Why a kiosk locked and called an attendant. */
export const ALERT_KINDS = [
  'unexpected-item',
  'weight-mismatch',
  'item-not-bagged',
  'item-removed',
  'scale-unsettled',
  'scale-drift',
  'age-restricted',
  'void',
  'coupon-over-limit',
  'help',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertStatus = 'open' | 'approved' | 'rejected' | 'withdrawn';

export interface SelfCheckoutAlert {
  readonly id: string;
  readonly storeId: string;
  /** The kiosk that raised it. */
  readonly deviceId: string;
  readonly kioskLabel: string;
  readonly kind: AlertKind;
  readonly saleId: string;
  readonly lineId: string;
  readonly productId: string;
  readonly productName: string;
  /** The weights and facts the kiosk decided on (flat, as audit facts are). */
  readonly facts: Record<string, string | number | boolean>;
  readonly raisedAt: number;
  readonly status: AlertStatus;
  readonly resolvedBy: string;
  /** The device the answer came from (the kiosk itself or an attendant screen). */
  readonly resolvedFrom: string;
  readonly resolvedAt: number | null;
  readonly reason: string;
}

export type NewAlert = Omit<
  SelfCheckoutAlert,
  'status' | 'resolvedBy' | 'resolvedFrom' | 'resolvedAt' | 'reason'
>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS self_checkout_alerts (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  raised_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS self_checkout_alerts_open ON self_checkout_alerts (store_id, status, raised_at);
CREATE TABLE IF NOT EXISTS attendant_pin_failures (
  employee_id TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_at INTEGER
);
`;

export type RaiseOutcome =
  | { readonly ok: true; readonly alert: SelfCheckoutAlert; readonly created: boolean }
  | { readonly ok: false; readonly code: 'alert-id-reused' };

/**
 * The store's open kiosk alerts and attendants' wrong-PIN counts, in the agent's own SQLite (never
 * replicated: the audit trail is what reaches HQ). Raising is idempotent by the kiosk's alert id, so a
 * kiosk that retries after a lost answer does not call the attendant twice.
 */
export class AlertBoard {
  readonly #db: AgentDatabase;
  readonly #events = new EventEmitter();

  constructor(db: AgentDatabase) {
    this.#db = db;
    db.exec(SCHEMA);
    this.#events.setMaxListeners(0);
  }

  raise(alert: NewAlert): RaiseOutcome {
    const existing = this.get(alert.id);
    if (existing) {
      const same = existing.deviceId === alert.deviceId && existing.kind === alert.kind;
      return same ? { ok: true, alert: existing, created: false } : { ok: false, code: 'alert-id-reused' };
    }
    const full: SelfCheckoutAlert = {
      ...alert,
      status: 'open',
      resolvedBy: '',
      resolvedFrom: '',
      resolvedAt: null,
      reason: '',
    };
    this.#db
      .prepare(
        'INSERT INTO self_checkout_alerts (id, store_id, device_id, raised_at, status, body) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(full.id, full.storeId, full.deviceId, full.raisedAt, full.status, JSON.stringify(full));
    this.#events.emit('change', full);
    return { ok: true, alert: full, created: true };
  }

  get(id: string): SelfCheckoutAlert | undefined {
    const row = this.#db
      .prepare<[string], { body: string }>('SELECT body FROM self_checkout_alerts WHERE id = ?')
      .get(id);
    return row ? (JSON.parse(row.body) as SelfCheckoutAlert) : undefined;
  }

  open(storeId: string): SelfCheckoutAlert[] {
    return this.#db
      .prepare<[string], { body: string }>(
        "SELECT body FROM self_checkout_alerts WHERE store_id = ? AND status = 'open' ORDER BY raised_at, id",
      )
      .all(storeId)
      .map((row) => JSON.parse(row.body) as SelfCheckoutAlert);
  }

  /** Closes an open alert; undefined when it is not open (answered already, from another screen). */
  close(
    id: string,
    status: Exclude<AlertStatus, 'open'>,
    by: { employeeId: string; deviceId: string; reason: string; at: number },
  ): SelfCheckoutAlert | undefined {
    const current = this.get(id);
    if (current?.status !== 'open') return undefined;
    const closed: SelfCheckoutAlert = {
      ...current,
      status,
      resolvedBy: by.employeeId,
      resolvedFrom: by.deviceId,
      resolvedAt: by.at,
      reason: by.reason,
    };
    const changed = this.#db
      .prepare("UPDATE self_checkout_alerts SET status = ?, body = ? WHERE id = ? AND status = 'open'")
      .run(status, JSON.stringify(closed), id).changes;
    if (changed !== 1) return undefined;
    this.#events.emit('change', closed);
    return closed;
  }

  onChange(listener: (alert: SelfCheckoutAlert) => void): () => void {
    this.#events.on('change', listener);
    return () => this.#events.off('change', listener);
  }

  /** Wrong PINs so far and whether the attendant is locked out. */
  pinState(employeeId: string): { failures: number; lockedAt: number | null } {
    const row = this.#db
      .prepare<[string], { failures: number; locked_at: number | null }>(
        'SELECT failures, locked_at FROM attendant_pin_failures WHERE employee_id = ?',
      )
      .get(employeeId);
    return { failures: row?.failures ?? 0, lockedAt: row?.locked_at ?? null };
  }

  /** Counts a wrong PIN; the `limit`-th in a row locks the attendant. */
  pinWrong(employeeId: string, limit: number, at: number): { failures: number; locked: boolean } {
    const failures = this.pinState(employeeId).failures + 1;
    const locked = failures >= limit;
    this.#db
      .prepare(
        `INSERT INTO attendant_pin_failures (employee_id, failures, locked_at) VALUES (?, ?, ?)
         ON CONFLICT (employee_id) DO UPDATE SET failures = excluded.failures,
           locked_at = coalesce(attendant_pin_failures.locked_at, excluded.locked_at)`,
      )
      .run(employeeId, failures, locked ? at : null);
    return { failures, locked };
  }

  pinRight(employeeId: string): void {
    this.#db.prepare('DELETE FROM attendant_pin_failures WHERE employee_id = ?').run(employeeId);
  }
}
