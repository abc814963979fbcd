import { masterCollectionNames } from '@storefloor/core';
import { replicateStorefloorCollection } from '@storefloor/sync-client';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { StoreReplica } from '../replica/store-replica.js';

export interface MasterDataPullOptions {
  readonly replica: StoreReplica;
  readonly hqUrl: string;
  readonly token: string;
  readonly fetch: typeof fetch;
  /** RxDB's retry delay after a failed pull, ms. */
  readonly retryTime: number;
  readonly onError?: (collection: string, error: unknown) => void;
}

/**
 * The store's master data from HQ into the replica: one pull-only replication per master collection through
 * @storefloor/sync-client (checkpoint pull plus HQ's live stream, RESYNC after every reconnect). HQ decides
 * what the store sees (chain-wide rows and the store's own); the checkpoints live in the replica file.
 */
export function startMasterDataPull(options: MasterDataPullOptions): RxReplicationState<unknown, unknown>[] {
  return masterCollectionNames.map((name) => {
    const state = replicateStorefloorCollection({
      collection: options.replica.collections[name],
      url: options.hqUrl,
      token: options.token,
      pullOnly: true,
      live: true,
      batchSize: 500,
      retryTime: options.retryTime,
      waitForLeadership: false,
      backoff: { initialMs: 500, maxMs: 5_000 },
      fetch: options.fetch,
      onStreamError: (error) => options.onError?.(name, error),
    });
    state.error$.subscribe((error) => options.onError?.(name, error));
    return state as RxReplicationState<unknown, unknown>;
  });
}
