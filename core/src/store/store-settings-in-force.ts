import { versionInForce } from '../catalog/version-in-force.js';
import { err, ok, type Result } from '../result.js';
import type { StoreDoc } from '../schemas/stores.js';

/**
 * The settings of a store in force at an instant, among the `stores` versions a device holds. Versions are
 * never edited (ARCHITECTURE.md §3): the latest `validFrom` not after `instant` wins, then the latest
 * `createdAt` (a correction written later supersedes), then the greatest id; a version whose `validTo` has
 * passed is out of force. Versions of other stores are ignored.
 */
export function storeSettingsInForce(
  storeId: string,
  instant: number,
  versions: readonly StoreDoc[],
): Result<StoreDoc, 'no-store-settings'> {
  const settings = versionInForce(
    versions.filter((v) => v.storeId === storeId),
    storeId,
    instant,
  );
  if (settings === undefined) {
    return err('no-store-settings', `no settings of store '${storeId}' are in force at ${instant}`);
  }
  return ok(settings);
}
