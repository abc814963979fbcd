export { compareCheckpoints, isAfter, isReplicationCheckpoint } from './checkpoint.js';
export type { ReplicationLimits, SizeGuardReason } from './size-guard.js';
export {
  checkPushSize,
  clampBatchSize,
  DEFAULT_REPLICATION_LIMITS,
  utf8ByteLength,
} from './size-guard.js';
export type {
  PullRequest,
  PullResponse,
  PushResponse,
  PushRow,
  ReplicationCheckpoint,
  ReplicationError,
  StreamEvent,
  WireDocument,
} from './wire.js';
