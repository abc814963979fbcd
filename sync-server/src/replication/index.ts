export { coreCollections, replicatedFromSpec } from './core-collections.js';
export type { ChangedDocument, DocumentStore, PushOutcome, ReplicationScope } from './document-store.js';
export type { CollectionRegistry, ReplicatedCollection } from './replicated-collection.js';
export { CHAIN_WIDE_STORE, collectionRegistry } from './replicated-collection.js';
export type { ReplicationLimits, ReplicationRoutesOptions } from './replication-routes.js';
export { DEFAULT_LIMITS, replicationRoutes } from './replication-routes.js';
export { lastCollectionSequence, lockCollectionSequence } from './sequence-lock.js';
export { SqlDocumentStore, toWireDocument } from './sql-document-store.js';
export type {
  PullResponse,
  PushResponse,
  PushRow,
  ReplicationCheckpoint,
  StreamEvent,
  WireDocument,
} from './wire.js';
export type { MasterWriteOptions } from './write-master-documents.js';
export { writeMasterDocuments } from './write-master-documents.js';
