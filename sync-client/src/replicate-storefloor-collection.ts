import type { ReplicationCheckpoint } from '@storefloor/core';
import type {
  RxCollection,
  RxDocumentData,
  RxReplicationPullStreamItem,
  RxReplicationWriteToMasterRow,
  WithDeleted,
} from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { type Observable, ReplaySubject } from 'rxjs';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { liveStream } from './live-stream.js';
import { pushIsolatingRefusals } from './push-isolating-refusals.js';
import { type RefusedDocument, RefusedDocuments } from './refused-documents.js';
import { postJson, type SyncEndpoint } from './sync-endpoint.js';
import { SyncHttpError } from './sync-http-error.js';

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

/**
 * RxDB's replication state plus the quarantine of documents the upstream refused for good (see the package
 * README, "Refused pushes").
 */
export type StorefloorReplicationState<RxDocType> = RxReplicationState<RxDocType, ReplicationCheckpoint> & {
  /** The parked documents, oldest refusal first: the current list on subscription (once read), then each change. */
  readonly refused$: Observable<readonly RefusedDocument[]>;
  /** The parked documents now; empty until the quarantine has been read at start. */
  refused(): readonly RefusedDocument[];
  /**
   * Pushes the parked documents again as they are now in the local database (all, or those of `ids`), e.g.
   * once HQ has been fixed; resolves with what is still refused. A new local revision of a parked document
   * is pushed by the replication itself and needs no call.
   */
  retryRefused(ids?: readonly string[]): Promise<readonly RefusedDocument[]>;
};

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
): StorefloorReplicationState<RxDocType> {
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

  const replicationIdentifier = `storefloor:${endpoint.url}:${endpoint.collection}`;
  const primaryPath = options.collection.schema.primaryPath as string;
  const idOf = (doc: unknown): string => String((doc as Record<string, unknown>)[primaryPath]);
  const modifier = (doc: WithDeleted<RxDocType>): WithDeleted<RxDocType> | null =>
    deviceId !== undefined && isAnotherDevices(doc, deviceId) ? null : doc;
  // Opened at once; the push handler waits for it, so nothing is pushed before the parked list is known.
  const quarantine = options.pullOnly
    ? undefined
    : RefusedDocuments.open(options.collection as RxCollection, replicationIdentifier, endpoint.collection);
  const post = (rows: RxReplicationWriteToMasterRow<RxDocType>[]) =>
    postJson<WithDeleted<RxDocType>[]>(endpoint, 'push', rows);

  const push = async (rows: RxReplicationWriteToMasterRow<RxDocType>[], refused: RefusedDocuments) => {
    const outcome = await pushIsolatingRefusals(rows, post);
    await refused.settle(
      outcome.refused.map(({ row, error }) => ({
        id: idOf(row.newDocumentState),
        error,
        assumedMasterState: (row.assumedMasterState ?? null) as Record<string, unknown> | null,
      })),
      outcome.accepted.map((row) => idOf(row.newDocumentState)),
    );
    return outcome.conflicts;
  };

  const state = replicateRxCollection<RxDocType, ReplicationCheckpoint>({
    collection: options.collection,
    replicationIdentifier,
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
    push: quarantine
      ? {
          batchSize,
          // A permanent refusal parks the refused documents and pushes the rest; a transient failure throws,
          // and RxDB retries the whole batch after `retryTime`.
          // Should the quarantine not open, push as before rather than push nothing (refused$ says why).
          handler: async (rows) => {
            const refused = await quarantine.catch(() => undefined);
            return refused ? push(rows, refused) : post(rows);
          },
          // RxDB leaves a row the modifier turns into null out of the push and records it as replicated.
          ...(deviceId === undefined ? {} : { modifier }),
        }
      : undefined,
  });

  let parked: readonly RefusedDocument[] = [];
  const refused$ = new ReplaySubject<readonly RefusedDocument[]>(1);
  if (quarantine) {
    void quarantine.then(
      (q) => {
        q.changes$.subscribe((list) => {
          parked = list;
          refused$.next(list);
        });
        state.onCancel.push(() => void q.close());
      },
      (error: unknown) => refused$.error(error),
    );
  } else {
    refused$.next([]);
  }

  const retryRefused = async (ids?: readonly string[]): Promise<readonly RefusedDocument[]> => {
    if (!quarantine) return [];
    const q = await quarantine;
    const wanted = q.list().filter((doc) => ids === undefined || ids.includes(doc.id));
    if (wanted.length === 0) return q.list();
    const stored = await options.collection.storageInstance.findDocumentsById(
      wanted.map((doc) => doc.id),
      true,
    );
    const found = new Set(stored.map((doc) => idOf(doc)));
    const rows: RxReplicationWriteToMasterRow<RxDocType>[] = [];
    const dropped: string[] = wanted.map((doc) => doc.id).filter((id) => !found.has(id));
    for (const doc of stored) {
      const newDocumentState = modifier(wireDocument(doc));
      // Gone from the local database, or another device's: nothing of ours to push.
      if (newDocumentState === null) dropped.push(idOf(doc));
      else {
        const assumed = q.assumedMasterStateOf(idOf(doc));
        rows.push({
          newDocumentState,
          ...(assumed ? { assumedMasterState: assumed as WithDeleted<RxDocType> } : {}),
        });
      }
    }
    const outcome = rows.length > 0 ? await pushIsolatingRefusals(rows, post) : undefined;
    const conflicted = new Set((outcome?.conflicts ?? []).map(idOf));
    await q.settle(
      [
        ...(outcome?.refused ?? []).map(({ row, error }) => ({
          id: idOf(row.newDocumentState),
          error,
          assumedMasterState: null,
        })),
        // The upstream holds another version than the one it held at the refusal: only one device writes a
        // transaction, so keep ours parked and say so rather than overwrite either.
        ...[...conflicted].map((id) => ({
          id,
          error: new SyncHttpError(409, 'upstream-conflict', 'The upstream holds a different version'),
          assumedMasterState: null,
        })),
      ],
      [
        ...dropped,
        ...(outcome?.accepted ?? [])
          .map((row) => idOf(row.newDocumentState))
          .filter((id) => !conflicted.has(id)),
      ],
    );
    return q.list();
  };

  return Object.assign(state, {
    refused$: refused$.asObservable(),
    refused: () => parked,
    retryRefused,
  });
}

/** The wire form of a stored document: RxDB's own fields off, `_deleted` kept. */
function wireDocument<RxDocType>(doc: RxDocumentData<RxDocType>): WithDeleted<RxDocType> {
  const {
    _meta: _m,
    _rev: _r,
    _attachments: _a,
    ...rest
  } = doc as RxDocumentData<RxDocType> & Record<string, unknown>;
  return rest as unknown as WithDeleted<RxDocType>;
}

function isAnotherDevices(doc: unknown, deviceId: string): boolean {
  const owner = (doc as { deviceId?: unknown }).deviceId;
  return typeof owner === 'string' && owner !== deviceId;
}
