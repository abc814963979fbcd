import { type CollectionSpec, collectionNames, collections, validateAgainst } from '@storefloor/core';
import type { ReplicatedCollection } from './replicated-collection.js';

/** A collection of @storefloor/core's registry as the server serves it. */
export function replicatedFromSpec(spec: CollectionSpec): ReplicatedCollection {
  return {
    name: spec.name,
    kind: spec.kind,
    primaryKey: spec.schema.primaryKey,
    storeIdOf: (document) => (typeof document.storeId === 'string' ? document.storeId : undefined),
    // Every transaction collection of core carries the deviceId of the device that created it.
    ...(spec.kind === 'transaction' && 'deviceId' in spec.schema.properties
      ? {
          deviceIdOf: (document: Record<string, unknown>) =>
            typeof document.deviceId === 'string' ? document.deviceId : undefined,
        }
      : {}),
    isFinal: (document) => spec.kind === 'transaction' && (spec.isFinal?.(document) ?? false),
    validate: (document) => validateAgainst(spec, document),
  };
}

/** Every collection of the Storefloor data model (core/src/schemas). */
export function coreCollections(): ReplicatedCollection[] {
  return collectionNames.map((name) => replicatedFromSpec(collections[name] as CollectionSpec));
}
