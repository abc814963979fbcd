import type { Result } from '@storefloor/core';

/**
 * What the server must know of a replicated collection. Built from @storefloor/core's collection registry
 * (see core-collections.ts); tests and the RxDB conformance suite register their own.
 */
export interface ReplicatedCollection {
  readonly name: string;
  /** master: written at HQ, pull-only for devices. transaction: created by one device, final once completed. */
  readonly kind: 'master' | 'transaction';
  readonly primaryKey: string;
  /** The store a document belongs to; '*' means chain-wide (master data only). */
  storeIdOf(document: Record<string, unknown>): string | undefined;
  /**
   * The device a transaction document belongs to (its `deviceId`); absent for collections without one, which
   * the role rule (device-ownership.ts) then leaves alone.
   */
  deviceIdOf?(document: Record<string, unknown>): string | undefined;
  /** True once a transaction document is completed and therefore immutable. */
  isFinal(document: Record<string, unknown>): boolean;
  /** Validates a document (without `_deleted`) against the collection schema. */
  validate(document: Record<string, unknown>): Result<unknown>;
}

export type CollectionRegistry = ReadonlyMap<string, ReplicatedCollection>;

export const CHAIN_WIDE_STORE = '*';

export function collectionRegistry(collections: readonly ReplicatedCollection[]): CollectionRegistry {
  const registry = new Map<string, ReplicatedCollection>();
  for (const collection of collections) {
    if (registry.has(collection.name)) throw new Error(`collection "${collection.name}" is registered twice`);
    registry.set(collection.name, collection);
  }
  return registry;
}
