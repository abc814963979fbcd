import type { ShelfLabelTag } from '@storefloor/device-drivers';
import type Database from 'better-sqlite3';

/** What the agent knows of one bound label: what it should show, what was sent, what it acknowledged. */
export interface ShelfLabelStatus {
  readonly labelMac: string;
  readonly productId: string;
  /** The content version the register price calls for now ('no-price' when the product has none). */
  readonly wantedVersion: string;
  /** The price that version shows, as drawn ('12.90'). */
  readonly wantedPrice: string;
  readonly wantedSince: number;
  readonly pushedVersion: string | undefined;
  readonly pushedAt: number | undefined;
  /** The version the tag acknowledged (AP hash changed, nothing pending) and when that was seen. */
  readonly shownVersion: string | undefined;
  readonly shownPrice: string | undefined;
  readonly shownAt: number | undefined;
  readonly apId: string | undefined;
  readonly batteryMv: number | undefined;
  readonly lastSeen: string | undefined;
  readonly pending: number;
  readonly lastError: string | undefined;
}

/** A label whose shown price is not the register's, for the manager (and HQ's day-end report). */
export interface ShelfLabelMismatch {
  readonly labelMac: string;
  readonly productId: string;
  readonly registerPrice: string;
  /** What the label shows, as far as the agent knows; undefined when it never acknowledged anything. */
  readonly shownPrice: string | undefined;
  readonly since: number;
  readonly lastError: string | undefined;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS shelf_label_state (
  label_mac TEXT PRIMARY KEY,
  product_id TEXT NOT NULL,
  wanted_version TEXT NOT NULL,
  wanted_price TEXT NOT NULL,
  wanted_since INTEGER NOT NULL,
  pushed_version TEXT,
  pushed_price TEXT,
  pushed_at INTEGER,
  -- The AP's record of the tag just before the push: an acknowledgement is a change from it.
  base_update_count INTEGER,
  base_hash TEXT,
  shown_version TEXT,
  shown_price TEXT,
  shown_at INTEGER,
  ap_id TEXT,
  ap_hash TEXT,
  ap_update_count INTEGER,
  pending INTEGER NOT NULL DEFAULT 0,
  battery_mv INTEGER,
  last_seen TEXT,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS shelf_label_state_product ON shelf_label_state (product_id);
`;

interface Row {
  label_mac: string;
  product_id: string;
  wanted_version: string;
  wanted_price: string;
  wanted_since: number;
  pushed_version: string | null;
  pushed_price: string | null;
  pushed_at: number | null;
  base_update_count: number | null;
  base_hash: string | null;
  shown_version: string | null;
  shown_price: string | null;
  shown_at: number | null;
  ap_id: string | null;
  ap_hash: string | null;
  ap_update_count: number | null;
  pending: number;
  battery_mv: number | null;
  last_seen: string | null;
  last_error: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function status(r: Row): ShelfLabelStatus {
  return {
    labelMac: r.label_mac,
    productId: r.product_id,
    wantedVersion: r.wanted_version,
    wantedPrice: r.wanted_price,
    wantedSince: r.wanted_since,
    pushedVersion: opt(r.pushed_version),
    pushedAt: opt(r.pushed_at),
    shownVersion: opt(r.shown_version),
    shownPrice: opt(r.shown_price),
    shownAt: opt(r.shown_at),
    apId: opt(r.ap_id),
    batteryMv: opt(r.battery_mv),
    lastSeen: opt(r.last_seen),
    pending: r.pending,
    lastError: opt(r.last_error),
  };
}

/**
 * The label acknowledgement ledger in the agent's SQLite: derived from what the AP's tag list says, never
 * replicated. A push is acknowledged when a later tag list shows the tag's image changed (its `updatecount`
 * grew or its hash moved from what it was before the push) with nothing pending: the AP hashes the image as
 * converted for the tag, so the hash can be watched but never predicted (device-drivers README).
 */
export class ShelfLabelLedger {
  readonly #db: Database.Database;
  readonly #get: Database.Statement;
  readonly #want: Database.Statement;
  readonly #pushed: Database.Statement;
  readonly #failed: Database.Statement;
  readonly #observe: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(SCHEMA);
    // Prepared once: preparing each call cost more than running the statement (bench/shelf-labels.bench.ts).
    this.#get = db.prepare('SELECT * FROM shelf_label_state WHERE label_mac = ?');
    this.#want = db.prepare(
      `INSERT INTO shelf_label_state (label_mac, product_id, wanted_version, wanted_price, wanted_since)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (label_mac) DO UPDATE SET product_id = excluded.product_id,
         wanted_version = excluded.wanted_version, wanted_price = excluded.wanted_price,
         wanted_since = excluded.wanted_since`,
    );
    this.#pushed = db.prepare(
      `UPDATE shelf_label_state SET pushed_version = ?, pushed_price = ?, pushed_at = ?, ap_id = ?,
         base_update_count = ap_update_count, base_hash = ap_hash, last_error = NULL
       WHERE label_mac = ?`,
    );
    this.#failed = db.prepare('UPDATE shelf_label_state SET last_error = ? WHERE label_mac = ?');
    this.#observe = db.prepare(
      `UPDATE shelf_label_state SET ap_id = ?, ap_hash = ?, ap_update_count = ?, pending = ?, battery_mv = ?,
         last_seen = ?, shown_version = ?, shown_price = ?, shown_at = ?
       WHERE label_mac = ?`,
    );
  }

  /**
   * Runs `fn` in one transaction (nested calls join the outer one): the agent's SQLite syncs every commit
   * (synchronous FULL), so 10,000 label writes one commit each cost seconds that one commit does not.
   */
  batch<T>(fn: () => T): T {
    if (this.#db.inTransaction) return fn();
    return this.#db.transaction(fn)();
  }

  get(mac: string): ShelfLabelStatus | undefined {
    const row = this.#get.get(mac) as Row | undefined;
    return row ? status(row) : undefined;
  }

  /** Records what the label should show now; `since` only moves when the wanted version changes. */
  want(mac: string, productId: string, version: string, price: string, since: number): boolean {
    const before = this.#get.get(mac) as Row | undefined;
    if (before && before.wanted_version === version && before.product_id === productId) return false;
    this.#want.run(mac, productId, version, price, since);
    return true;
  }

  /** The AP took the image ("Ok, saved"); the baseline is the tag as last listed. */
  pushed(mac: string, apId: string, version: string, price: string, at: number): void {
    this.#pushed.run(version, price, at, apId, mac);
  }

  failed(mac: string, reason: string): void {
    this.#failed.run(reason, mac);
  }

  /** Takes one tag record of an AP's list: battery, last seen, pending, and an acknowledgement if any. */
  observe(apId: string, tag: ShelfLabelTag, at: number): void {
    const row = this.#get.get(tag.mac) as Row | undefined;
    if (!row) return;
    const changed =
      row.pushed_version !== null &&
      (tag.updateCount > (row.base_update_count ?? 0) || tag.hash !== (row.base_hash ?? '0'.repeat(32)));
    const acknowledged = changed && tag.pending === 0 && row.shown_version !== row.pushed_version;
    const same =
      !acknowledged &&
      row.ap_id === apId &&
      row.ap_hash === tag.hash &&
      row.ap_update_count === tag.updateCount &&
      row.pending === tag.pending &&
      row.battery_mv === (tag.batteryMv ?? null) &&
      row.last_seen === (tag.lastSeen ?? null);
    if (same) return;
    this.#observe.run(
      apId,
      tag.hash,
      tag.updateCount,
      tag.pending,
      tag.batteryMv ?? null,
      tag.lastSeen ?? null,
      acknowledged ? row.pushed_version : row.shown_version,
      acknowledged ? row.pushed_price : row.shown_price,
      acknowledged ? at : row.shown_at,
      tag.mac,
    );
  }

  forget(mac: string): void {
    this.#db.prepare('DELETE FROM shelf_label_state WHERE label_mac = ?').run(mac);
  }

  all(): ShelfLabelStatus[] {
    return (this.#db.prepare('SELECT * FROM shelf_label_state ORDER BY label_mac').all() as Row[]).map(
      status,
    );
  }

  /** Labels not showing the register's price, longest first. */
  mismatches(): ShelfLabelMismatch[] {
    return (
      this.#db
        .prepare(
          `SELECT * FROM shelf_label_state WHERE shown_version IS NULL OR shown_version <> wanted_version
           ORDER BY wanted_since, label_mac`,
        )
        .all() as Row[]
    ).map((r) => ({
      labelMac: r.label_mac,
      productId: r.product_id,
      registerPrice: r.wanted_price,
      shownPrice: opt(r.shown_price),
      since: r.wanted_since,
      lastError: opt(r.last_error),
    }));
  }
}
