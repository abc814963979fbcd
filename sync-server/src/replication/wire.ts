/**
 * The replication wire format (RxDB replication protocol over HTTP, ARCHITECTURE.md §4), as published by
 * @storefloor/core, specialised to untyped documents: the server treats every collection alike.
 */
import type * as core from '@storefloor/core';

export type ReplicationCheckpoint = core.ReplicationCheckpoint;
export type WireDocument = core.WireDocument<Record<string, unknown>>;
export type PullResponse = core.PullResponse<Record<string, unknown>>;
/** `assumedMasterState` may also be absent: RxDB omits it (JSON drops `undefined`) for a new document. */
export type PushRow = Omit<core.PushRow<Record<string, unknown>>, 'assumedMasterState'> & {
  readonly assumedMasterState?: WireDocument | null;
};
export type PushResponse = core.PushResponse<Record<string, unknown>>;
export type StreamEvent = core.StreamEvent<Record<string, unknown>>;
