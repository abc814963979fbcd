import { err, ok, type Result } from '@storefloor/core';
import { normalizeLabelMac } from '@storefloor/device-drivers';
import type Database from 'better-sqlite3';
import { labelTypeOf } from './label-type.js';

/** One label bound to one product. */
export interface ShelfLabelBinding {
  /** The tag's MAC as the access point prints it (16 upper-case hex). */
  readonly labelMac: string;
  readonly productId: string;
  readonly labelType: string;
  readonly boundAt: number;
  readonly boundBy: string;
}

export type BindingFailure = 'invalid-mac' | 'unknown-label-type' | 'not-bound' | 'unknown-product';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS shelf_label_bindings (
  label_mac TEXT PRIMARY KEY,
  product_id TEXT NOT NULL,
  label_type TEXT NOT NULL,
  bound_at INTEGER NOT NULL,
  bound_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shelf_label_bindings_product ON shelf_label_bindings (product_id);
-- Every bind and unbind, append-only: who put which label on which product, and when.
CREATE TABLE IF NOT EXISTS shelf_label_binding_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  label_mac TEXT NOT NULL,
  product_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('bind', 'unbind')),
  employee_id TEXT NOT NULL,
  at INTEGER NOT NULL
);
`;

interface Row {
  label_mac: string;
  product_id: string;
  label_type: string;
  bound_at: number;
  bound_by: string;
}

const binding = (r: Row): ShelfLabelBinding => ({
  labelMac: r.label_mac,
  productId: r.product_id,
  labelType: r.label_type,
  boundAt: r.bound_at,
  boundBy: r.bound_by,
});

/**
 * Which label shows which product, in the agent's own SQLite tables (never a replicated collection:
 * ARCHITECTURE.md §3). A label shows one product; binding it again moves it. Several labels may show the
 * same product (front and back of a gondola). Every change is logged with the employee.
 */
export class ShelfLabelBindings {
  readonly #db: Database.Database;
  readonly #listeners = new Set<(productIds: readonly string[]) => void>();

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(SCHEMA);
  }

  /** Called with the products whose labels changed, after each bind or unbind. */
  onChange(listener: (productIds: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  bind(
    mac: string,
    productId: string,
    labelType: string,
    employeeId: string,
    at: number,
  ): Result<ShelfLabelBinding, BindingFailure> {
    const labelMac = normalizeLabelMac(mac);
    if (!labelMac) return err('invalid-mac', `${JSON.stringify(mac)} is not a label MAC`);
    if (!labelTypeOf(labelType)) return err('unknown-label-type', labelType);
    const before = this.forLabel(labelMac);
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO shelf_label_bindings (label_mac, product_id, label_type, bound_at, bound_by)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (label_mac) DO UPDATE SET product_id = excluded.product_id,
             label_type = excluded.label_type, bound_at = excluded.bound_at, bound_by = excluded.bound_by`,
        )
        .run(labelMac, productId, labelType, at, employeeId);
      if (before && before.productId !== productId)
        this.#log(labelMac, before.productId, 'unbind', employeeId, at);
      this.#log(labelMac, productId, 'bind', employeeId, at);
    })();
    this.#changed(before && before.productId !== productId ? [before.productId, productId] : [productId]);
    return ok({ labelMac, productId, labelType, boundAt: at, boundBy: employeeId });
  }

  unbind(mac: string, employeeId: string, at: number): Result<ShelfLabelBinding, BindingFailure> {
    const labelMac = normalizeLabelMac(mac);
    if (!labelMac) return err('invalid-mac', `${JSON.stringify(mac)} is not a label MAC`);
    const before = this.forLabel(labelMac);
    if (!before) return err('not-bound', `label ${labelMac} is not bound`);
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM shelf_label_bindings WHERE label_mac = ?').run(labelMac);
      this.#log(labelMac, before.productId, 'unbind', employeeId, at);
    })();
    this.#changed([before.productId]);
    return ok(before);
  }

  forLabel(mac: string): ShelfLabelBinding | undefined {
    const labelMac = normalizeLabelMac(mac);
    if (!labelMac) return undefined;
    const row = this.#db.prepare('SELECT * FROM shelf_label_bindings WHERE label_mac = ?').get(labelMac) as
      | Row
      | undefined;
    return row ? binding(row) : undefined;
  }

  /** The labels of one product, oldest binding first. */
  forProduct(productId: string): ShelfLabelBinding[] {
    return (
      this.#db
        .prepare('SELECT * FROM shelf_label_bindings WHERE product_id = ? ORDER BY bound_at, label_mac')
        .all(productId) as Row[]
    ).map(binding);
  }

  all(): ShelfLabelBinding[] {
    return (
      this.#db.prepare('SELECT * FROM shelf_label_bindings ORDER BY product_id, label_mac').all() as Row[]
    ).map(binding);
  }

  /** Every bind and unbind of a label, oldest first. */
  history(mac: string): { productId: string; action: 'bind' | 'unbind'; employeeId: string; at: number }[] {
    const labelMac = normalizeLabelMac(mac) ?? mac;
    return this.#db
      .prepare(
        `SELECT product_id AS productId, action, employee_id AS employeeId, at
         FROM shelf_label_binding_log WHERE label_mac = ? ORDER BY id`,
      )
      .all(labelMac) as { productId: string; action: 'bind' | 'unbind'; employeeId: string; at: number }[];
  }

  #log(mac: string, productId: string, action: 'bind' | 'unbind', employeeId: string, at: number): void {
    this.#db
      .prepare(
        'INSERT INTO shelf_label_binding_log (label_mac, product_id, action, employee_id, at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(mac, productId, action, employeeId, at);
  }

  #changed(productIds: readonly string[]): void {
    for (const listener of this.#listeners) listener(productIds);
  }
}
