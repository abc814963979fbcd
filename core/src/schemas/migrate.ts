import { err, ok, type Result } from '../result.js';
import { type CollectionSpec, collections } from './collections.js';

export type MigrationReason = 'unknown-collection' | 'version-ahead' | 'migration-missing' | 'not-an-object';

/**
 * Brings a document written under `fromVersion` of a collection's schema up to its current version by running
 * the RxDB-style migration strategies fromVersion + 1 … current in order. Pure: the same strategies RxDB runs
 * on a device also run on the server for documents pushed by devices that have not updated yet.
 */
export function migrateDocument(
  collection: string,
  doc: unknown,
  fromVersion: number,
  registry: Readonly<Record<string, CollectionSpec>> = collections as Readonly<
    Record<string, CollectionSpec>
  >,
): Result<Record<string, unknown>, MigrationReason> {
  const spec = Object.hasOwn(registry, collection) ? registry[collection] : undefined;
  if (!spec) return err('unknown-collection', `no collection named ${JSON.stringify(collection)}`);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return err('not-an-object', 'a document is a JSON object');
  const target = spec.schema.version;
  if (!Number.isInteger(fromVersion) || fromVersion < 0 || fromVersion > target) {
    return err('version-ahead', `${collection} is at version ${target}; cannot migrate from ${fromVersion}`);
  }
  let current = { ...(doc as Record<string, unknown>) };
  for (let version = fromVersion + 1; version <= target; version++) {
    const strategy = spec.migrationStrategies[version];
    if (!strategy)
      return err('migration-missing', `${collection} has no migration strategy to version ${version}`);
    current = strategy(current);
  }
  return ok(current);
}
