import type { ReplicationCheckpoint } from '@storefloor/core';
import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { liveStream } from './live-stream.js';
import { postJson, type SyncEndpoint } from './sync-endpoint.js';

export interface StorefloorReplicationOptions<RxDocType> {
  readonly collection: RxCollection<RxDocType>;
  /** Base URL of a sync server or edge agent, e.g. `https://hq.example/` or `http://edge.local:8790`. */
  readonly url: string;
  /** The device bearer token from enrollment. */
  readonly token: string;
  /** Remote collection name; default the RxDB collection's name. */
  readonly remoteCollection?: string;
  /** Keep replicating (pull stream + push on change); default true. False: sync once, then stop. */
  readonly live?: boolean;
  /** Documents per pull and per push; default 200. The server caps it. */
  readonly batchSize?: number;
  /** Master data: pull only, never push (the server would refuse it). Default false. */
  readonly pullOnly?: boolean;
  /**
   * This device's id. When set, a document carrying another `deviceId` is never pushed: it came from the
   * upstream (a lane pulls the other lanes' sales of its store), and the upstream refuses a whole push that
   * holds one. RxDB does try to push such a document back: after a crash between its two writes of a pulled
   * document (the document, then the state saying where it came from), or when its first push sync after a
   * (re)connect compares a batch it read earlier with a state the pull has updated since. The push was then
   * refused and retried forever, and nothing the device wrote in that collection left it again. Documents
   * without a `deviceId` are pushed as before.
   */
  readonly deviceId?: string;
  /** RxDB's retry delay after a failed pull or push, ms; default 5000. */
  readonly retryTime?: number;
  /** Reconnect backoff of the live stream. */
  readonly backoff?: BackoffOptions;
  /** Per-request timeout, ms; default 30000. The live stream must answer within it too. */
  readonly requestTimeoutMs?: number;
  /** A live stream silent this long (no event, no heartbeat) is reconnected, ms; default 45000. */
  readonly streamIdleTimeoutMs?: number;
  /** Defaults to RxDB's: wait to lead among browser tabs. */
  readonly waitForLeadership?: boolean;
  /** Called when the live stream fails; `willRetry` false means the token was refused. */
  readonly onStreamError?: (error: unknown, willRetry: boolean) => void;
  /** Injected fetch (tests, proxies); default the global one. */
  readonly fetch?: typeof fetch;
}

type PullResult<RxDocType> = {
  documents: WithDeleted<RxDocType>[];
  checkpoint: ReplicationCheckpoint | null;
};

/**
 * Replicates one RxDB collection with a Storefloor sync endpoint (sync server or edge agent) over RxDB's
 * replication protocol: pull by (sequence, id) checkpoint, push with assumed master state (conflicts come
 * back as the master state and RxDB's conflict handler keeps it), live changes from the SSE stream.
 */
export function replicateStorefloorCollection<RxDocType>(
  options: StorefloorReplicationOptions<RxDocType>,
): RxReplicationState<RxDocType, ReplicationCheckpoint> {
  if (!options.url) throw new Error('replicateStorefloorCollection: option "url" is required');
  if (!options.token) throw new Error('replicateStorefloorCollection: option "token" is required');
  const batchSize = options.batchSize ?? 200;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error('replicateStorefloorCollection: option "batchSize" must be a positive integer');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const endpoint: SyncEndpoint = {
    url: options.url,
    collection: options.remoteCollection ?? options.collection.name,
    token: options.token,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    fetch: fetchImpl,
  };
  const live = options.live ?? true;
  const deviceId = options.deviceId;
  if (deviceId !== undefined && deviceId.length === 0) {
    throw new Error('replicateStorefloorCollection: option "deviceId" must not be empty');
  }

  return replicateRxCollection<RxDocType, ReplicationCheckpoint>({
    collection: options.collection,
    replicationIdentifier: `storefloor:${endpoint.url}:${endpoint.collection}`,
    live,
    retryTime: options.retryTime ?? 5_000,
    waitForLeadership: options.waitForLeadership,
    pull: {
      batchSize,
      async handler(lastCheckpoint, size) {
        const result = await postJson<PullResult<RxDocType>>(endpoint, 'pull', {
          checkpoint: lastCheckpoint ?? null,
          batchSize: size,
        });
        return { documents: result.documents, checkpoint: result.checkpoint ?? undefined };
      },
      stream$: live
        ? liveStream<RxReplicationPullStreamItem<RxDocType, ReplicationCheckpoint>>(endpoint, {
            backoff: options.backoff ?? DEFAULT_BACKOFF,
            healthyAfterMs: 10_000,
            ...(options.streamIdleTimeoutMs ? { idleTimeoutMs: options.streamIdleTimeoutMs } : {}),
            onError: options.onStreamError,
          })
        : undefined,
    },
    push: options.pullOnly
      ? undefined
      : {
          batchSize,
          handler: (rows) => postJson<WithDeleted<RxDocType>[]>(endpoint, 'push', rows),
          // RxDB leaves a row the modifier turns into null out of the push and records it as replicated.
          ...(deviceId === undefined
            ? {}
            : { modifier: (doc: WithDeleted<RxDocType>) => (isAnotherDevices(doc, deviceId) ? null : doc) }),
        },
  });
}

function isAnotherDevices(doc: unknown, deviceId: string): boolean {
  const owner = (doc as { deviceId?: unknown }).deviceId;
  return typeof owner === 'string' && owner !== deviceId;
}
