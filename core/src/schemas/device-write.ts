import { err, ok, type Result } from '../result.js';
import { type CollectionSpec, collections } from './collections.js';

export type DeviceWriteReason =
  | 'unknown-collection'
  | 'master-read-only'
  | 'final-immutable'
  | 'id-mismatch'
  | 'owner-mismatch';

/** What a device's write does to what the server holds. */
export type DeviceWrite = 'create' | 'update' | 'no-op';

/** Deep equality of two JSON documents, ignoring key order and RxDB bookkeeping other than `_deleted`. */
export function sameDocument(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameDocument(v, other[i]));
  }
  const keep = (k: string) => !k.startsWith('_') || k === '_deleted';
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => keep(k) && ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => keep(k) && rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && sameDocument(ra[k], rb[k]));
}

/**
 * The write rules of ARCHITECTURE.md §3, for a document a device pushes: master data is read-only for
 * devices; a transaction is created once, may change while it is not final, and afterwards only an identical
 * re-push is accepted (as a no-op). It never moves to another store or device. `current` is what the server
 * holds (null when nothing). Schema validation is separate (`validateDocument`).
 */
export function checkDeviceWrite(
  collection: string,
  current: Readonly<Record<string, unknown>> | null,
  next: Readonly<Record<string, unknown>>,
): Result<DeviceWrite, DeviceWriteReason> {
  if (!Object.hasOwn(collections, collection))
    return err('unknown-collection', `no collection named ${collection}`);
  const spec = (collections as Readonly<Record<string, CollectionSpec>>)[collection]!;
  if (spec.kind === 'master') return err('master-read-only', `${collection} is written at HQ only`);
  if (current === null) return ok('create');
  if (current.id !== next.id)
    return err('id-mismatch', `pushed ${String(next.id)} over ${String(current.id)}`, 'id');
  if (sameDocument(current, next)) return ok('no-op');
  if (spec.isFinal?.(current)) {
    return err('final-immutable', `${collection} ${String(current.id)} is final and cannot change`);
  }
  for (const field of ['storeId', 'deviceId'] as const) {
    if (current[field] !== next[field]) {
      return err('owner-mismatch', `${field} of ${collection} ${String(current.id)} cannot change`, field);
    }
  }
  return ok('update');
}
