import {
  type CollectionSpec,
  checkCompletedSale,
  collectionNames,
  collections,
  type Result,
  type SaleDoc,
  validateAgainst,
} from '@storefloor/core';
import type { ReplicatedCollection } from './replicated-collection.js';

/**
 * Sales: the schema, then, once completed, core's consistency check (lines, discounts, taxes, tenders, change
 * and totals agree), so a completed sale whose figures contradict each other is never stored.
 */
function validateSale(spec: CollectionSpec): (document: Record<string, unknown>) => Result<unknown> {
  return (document) => {
    const valid = validateAgainst(spec, document);
    const status = valid.ok ? (valid.value as SaleDoc).status : undefined;
    // A suspended basket is final too: its lines and totals are checked like a completed sale's.
    if (!valid.ok || (status !== 'completed' && status !== 'suspended')) return valid;
    return checkCompletedSale(valid.value as SaleDoc);
  };
}

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
    validate: spec.name === 'sales' ? validateSale(spec) : (document) => validateAgainst(spec, document),
  };
}

/** Every collection of the Storefloor data model (core/src/schemas). */
export function coreCollections(): ReplicatedCollection[] {
  return collectionNames.map((name) => replicatedFromSpec(collections[name] as CollectionSpec));
}
