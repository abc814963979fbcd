import type { AddressInfo } from 'node:net';
import { DEFAULT_REPLICATION_LIMITS } from '@storefloor/core';
import { SyncHttpError } from '@storefloor/sync-client';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { DayCollection, DayDigest } from './day-end/day-digest.js';
import { storeDay } from './day-end/store-day.js';
import { deviceStatusRoutes } from './device-status/index.js';
import { type StoreDeviceHost, startStoreDeviceHost } from './devices/store-device-host.js';
import { loadStoreDevicesConfig } from './devices/store-devices-config.js';
import { isEdgeErrorCode } from './errors/edge-error-catalog.js';
import { enrollAgent } from './hq/agent-enrollment.js';
import { HqLink } from './hq/hq-link.js';
import { hqUrl, postToHq } from './hq/hq-requests.js';
import { LaneRevocationWatcher } from './hq/lane-revocation-watcher.js';
import { startMasterDataPull } from './hq/master-data-pull.js';
import { OutboxPusher } from './hq/outbox-pusher.js';
import { buildEdgeServer, type EnrollRelayOutcome } from './lan/edge-server.js';
import { LaneRegistry } from './lan/lane-registry.js';
import { LaneStreamHub, type LaneStreams } from './lan/lane-stream-hub.js';
import {
  LaneDocumentStore,
  type LaneDocuments,
  refusingLaneDocuments,
} from './replica/lane-document-store.js';
import { ReplicaHealth } from './replica/replica-health.js';
import { ReplicaSequencer } from './replica/replica-sequencer.js';
import { openStoreReplica, type StoreReplica } from './replica/store-replica.js';
import { installSelfCheckout } from './self-checkout/index.js';
import { type ShelfLabelsConfig, ShelfLabelsHub } from './shelf-labels/shelf-label-routes.js';
import { type SmartCartsConfig, SmartCartsHub } from './smart-carts/smart-carts-hub.js';
import { type AgentDatabase, openAgentDatabase } from './state/agent-database.js';
import type { AgentIdentity } from './state/agent-identity.js';
import { Outbox } from './state/outbox.js';
import { UpstreamRejections } from './state/upstream-rejections.js';
import { AgentMetrics } from './status/agent-metrics.js';
import { type AgentStatus, agentStatus } from './status/agent-status.js';
import { redactingLogger } from './util/redacting-logger.js';
import type { WalletConfig } from './wallet/wallet-config.js';
import { startWalletRoutes } from './wallet/wallet-routes.js';

export interface StartEdgeAgentOptions {
  readonly hqUrl: string;
  readonly enrollmentCode?: string | undefined;
  readonly dataDir: string;
  /** LAN port; 0 picks a free one (tests). */
  readonly lanPort: number;
  readonly lanHost?: string;
  /** Fastify/pino logger options, or false. Default: pino at info. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Hard cap on the replica file (tests of a full disk). */
  readonly replicaMaxBytes?: number;
  /** Retry delay of the master-data pulls after a failure, ms (default 5000). */
  readonly pullRetryMs?: number;
  /** Backoff of the outbox pusher (default 250 ms doubling to 15 s, full jitter). */
  readonly pushBackoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly fetch?: typeof fetch;
  /** The store's device file (devices and device-host clients); validated before anything starts. */
  readonly devicesFile?: string;
  /** The store's wallet merchant credentials (issue 15); without them the wallet routes say so. */
  readonly wallet?: WalletConfig;
  /** The store's shelf-label access points (none: no labels). */
  readonly shelfLabels?: ShelfLabelsConfig;
  /** The store's cart link (none: no smart carts). The host defaults to the LAN server's. */
  readonly carts?: SmartCartsConfig;
}

export interface EdgeAgent {
  readonly app: FastifyInstance;
  /** `http://host:port` the LAN server listens on. */
  readonly url: string;
  /** Undefined when the replica could not be opened (the status says why). */
  readonly replica: StoreReplica | undefined;
  status(): AgentStatus;
  /** Resolves once the agent is enrolled at HQ (at once when it was enrolled before). */
  readonly enrolled: Promise<AgentIdentity | undefined>;
  readonly shelfLabels: ShelfLabelsHub | undefined;
  readonly carts: SmartCartsHub | undefined;
  close(): Promise<void>;
}

/** The streams of an agent whose replica is unusable: none open (the sync routes refuse first). */
const closedStreams: LaneStreams = {
  openStreamCount: 0,
  open: (_collection, _lane, sink) => {
    sink.close();
    return () => undefined;
  },
  closeDevice: () => undefined,
  close: () => undefined,
};

/**
 * Starts the store's edge agent: opens the agent tables and the replica (numbering what a crash left
 * unnumbered), serves the lanes on the LAN at once, and in the background enrolls at HQ (or reuses the
 * stored identity), pulls master data and pushes the store's transactions.
 */
export async function startEdgeAgent(options: StartEdgeAgentOptions): Promise<EdgeAgent> {
  if (!options.hqUrl) throw new Error('startEdgeAgent: option "hqUrl" is required');
  if (!options.dataDir) throw new Error('startEdgeAgent: option "dataDir" is required');
  if (!Number.isInteger(options.lanPort) || options.lanPort < 0 || options.lanPort > 65_535) {
    throw new Error('startEdgeAgent: option "lanPort" must be an integer 0-65535');
  }
  const base = options.hqUrl.replace(/\/+$/, '');
  const devicesConfig = options.devicesFile ? loadStoreDevicesConfig(options.devicesFile) : undefined;
  const log = redactingLogger(options.logger);
  const db: AgentDatabase = openAgentDatabase(options.dataDir);
  const health = new ReplicaHealth();
  let replica: StoreReplica | undefined;
  let sequencer: ReplicaSequencer | undefined;
  let unavailable: string | undefined;
  try {
    replica = await openStoreReplica({
      directory: options.dataDir,
      ...(options.replicaMaxBytes ? { maxDatabaseSizeBytes: options.replicaMaxBytes } : {}),
    });
    sequencer = new ReplicaSequencer(db, replica);
    await sequencer.start();
  } catch (error) {
    // A damaged replica is left as it is (storage-sqlite never empties it): the agent stays up to say so,
    // refusing every sync call with the file named, until a person restores or replaces the file.
    const problem = health.fail(error);
    unavailable = `${problem.code}: ${problem.file ?? problem.message}`;
    log.error({ code: problem.code, file: problem.file }, `store replica unusable: ${problem.message}`);
    await replica?.close().catch(() => undefined);
    replica = undefined;
    sequencer = undefined;
  }

  const link = new HqLink(options.fetch);
  const registry = new LaneRegistry(db);
  const outbox = new Outbox(db);
  const hub: LaneStreams = replica && sequencer ? new LaneStreamHub(replica, sequencer) : closedStreams;
  const documents: LaneDocuments =
    replica && sequencer
      ? new LaneDocumentStore(replica, sequencer, health, DEFAULT_REPLICATION_LIMITS)
      : refusingLaneDocuments(unavailable ?? 'replica not open');
  let identity: AgentIdentity | undefined;
  let enrollmentProblem: string | undefined;
  let lastPushAt: number | undefined;
  const rejected = new UpstreamRejections(db);

  const watcher = new LaneRevocationWatcher({
    hqUrl: base,
    fetch: link.fetch,
    onRevoked: (deviceId) => {
      registry.revoke(deviceId);
      hub.closeDevice(deviceId);
      log.warn({ deviceId }, 'lane revoked at HQ');
    },
  });

  const status = (): AgentStatus =>
    agentStatus({
      identity: () => identity,
      enrollmentProblem: () => enrollmentProblem,
      link,
      outbox,
      sequencerFailure: () => sequencer?.failure,
      health,
      lanes: () => {
        const lanes = registry.list();
        return {
          enrolled: lanes.length,
          revoked: lanes.filter((lane) => lane.revokedAt !== null).length,
          openStreams: hub.openStreamCount,
        };
      },
      rejected: () => rejected.list(),
      rejectedCounts: () => rejected.counts(),
      lastPushAt: () => lastPushAt,
    });
  const metrics = new AgentMetrics(status);

  const enroll = async (code: string, label: string | undefined): Promise<EnrollRelayOutcome> => {
    if (!identity) return { ok: false, code: 'not-enrolled' };
    try {
      const enrolled = await postToHq<{ deviceId: string; storeId: string; token: string }>(
        link.fetch,
        hqUrl(base, '/api/enroll'),
        label === undefined ? { code } : { code, label },
        { timeoutMs: 10_000 },
      );
      if (enrolled.storeId !== identity.storeId) {
        return { ok: false, code: 'store-forbidden', detail: `the code is for store ${enrolled.storeId}` };
      }
      registry.enroll({ ...enrolled, label });
      return { ok: true, enrolled };
    } catch (error) {
      if (error instanceof SyncHttpError && isEdgeErrorCode(error.code) && error.status < 500) {
        return { ok: false, code: error.code, ...(error.detail ? { detail: error.detail } : {}) };
      }
      return { ok: false, code: 'hq-unreachable', detail: (error as Error).message };
    }
  };

  const confirmAtHq = async (businessDay: string) => {
    if (!identity) return { ok: false as const, reason: 'not-enrolled' };
    try {
      const response = await link.fetch(hqUrl(base, `/api/store-hub/days/${businessDay}`), {
        headers: { authorization: `Bearer ${identity.token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 404) return { ok: false as const, reason: 'hq-has-no-day-receipt-endpoint' };
      if (!response.ok) return { ok: false as const, reason: `hq-answered-${response.status}` };
      const body = (await response.json()) as { collections: Record<DayCollection, DayDigest> };
      return { ok: true as const, collections: body.collections };
    } catch (error) {
      return { ok: false as const, reason: `hq-unreachable: ${(error as Error).message}` };
    }
  };
  const openReplica = replica;
  const shelfLabels = options.shelfLabels ? new ShelfLabelsHub(db, options.shelfLabels) : undefined;
  const app = await buildEdgeServer({
    ...(openReplica
      ? {
          storeDay: async (storeId: string, businessDay: string) => ({
            ...(await storeDay(
              { replica: openReplica, outbox, lanes: () => registry.list(), confirmAtHq },
              storeId,
              businessDay,
            )),
            ...(shelfLabels ? { shelfLabelMismatches: shelfLabels.mismatches() } : {}),
          }),
        }
      : {}),
    documents,
    hub,
    registry,
    replicaUnavailable: () => unavailable,
    storeId: () => identity?.storeId,
    enroll,
    onLaneSeen: (deviceId, token) => {
      if (identity) watcher.watch(deviceId, token);
    },
    status,
    health: () => {
      const current = status();
      if (!current.replica.ok) {
        return { ok: false, detail: `${current.replica.problem?.code}: ${current.replica.problem?.file}` };
      }
      return { ok: true };
    },
    metrics: async () => ({
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
    loggerInstance: log,
  });
  const wallet = startWalletRoutes(app, {
    db,
    registry,
    replica,
    storeId: () => identity?.storeId,
    config: options.wallet,
  });
  const selfCheckout = await installSelfCheckout(app, {
    db,
    registry,
    documents,
    replica,
    identity: () => identity,
    log,
  });
  shelfLabels?.routes(app, registry);
  const carts = options.carts
    ? new SmartCartsHub(db, { host: options.lanHost ?? '127.0.0.1', ...options.carts }, log)
    : undefined;
  carts?.routes(app, {
    registry,
    storeId: () => identity?.storeId,
    board: selfCheckout.board,
    checkAttendant: selfCheckout.checkAttendant,
  });
  let devices: StoreDeviceHost | undefined;
  try {
    if (devicesConfig) devices = startStoreDeviceHost(app.server, devicesConfig);
  } catch (error) {
    await app.close();
    throw new Error(`${options.devicesFile}: ${(error as Error).message}`);
  }
  deviceStatusRoutes(app, {
    registry,
    storeId: () => identity?.storeId,
    storeDevices: () => devices?.host.devices(),
  });
  await app.listen({ port: options.lanPort, host: options.lanHost ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const stopping = new AbortController();
  let pulls: RxReplicationState<unknown, unknown>[] = [];
  let pusher: OutboxPusher | undefined;

  const enrolled = enrollAgent({
    db,
    hqUrl: base,
    enrollmentCode: options.enrollmentCode,
    fetch: link.fetch,
    signal: stopping.signal,
    onRetry: (error, delayMs) => log.warn({ err: error, delayMs }, 'HQ unreachable for enrollment; retrying'),
  }).then((outcome) => {
    if (!outcome.ok) {
      enrollmentProblem = `${outcome.reason}: ${outcome.detail}`;
      if (outcome.reason !== 'aborted') log.error({ reason: outcome.reason }, outcome.detail);
      return undefined;
    }
    identity = outcome.identity;
    if (stopping.signal.aborted || !replica || !sequencer) return identity;
    log.info({ deviceId: identity.deviceId, storeId: identity.storeId }, 'edge agent enrolled at HQ');
    pulls = startMasterDataPull({
      replica,
      hqUrl: base,
      token: identity.token,
      fetch: link.fetch,
      retryTime: options.pullRetryMs ?? 5_000,
      onError: (collection, error) => log.debug({ collection, err: error }, 'master data pull failed'),
    });
    pusher = new OutboxPusher({
      replica,
      sequencer,
      outbox,
      hqUrl: base,
      token: identity.token,
      fetch: link.fetch,
      ...(options.pushBackoff ? { backoff: options.pushBackoff } : {}),
      onPushed: (collection, count) => {
        lastPushAt = Date.now();
        metrics.pushedDocuments.inc({ collection }, count);
      },
      onError: (error, retryInMs) => log.warn({ err: error, retryInMs }, 'push to HQ failed; retrying'),
      onRejected: (collection, id, error) => {
        log.error({ collection, id, code: error.code }, 'HQ refused a document; kept in the replica');
        rejected.record(collection, id, error.code, error.message);
      },
    });
    pusher.start();
    link.onUp(() => pusher?.linkUp());
    shelfLabels
      ?.start(replica, identity.storeId)
      .catch((error: unknown) => log.error({ err: error }, 'shelf labels failed to start'));
    carts
      ?.start({
        replica,
        documents,
        agent: { deviceId: identity.deviceId, storeId: identity.storeId },
        wallet: (deviceId, request) => wallet.charge(deviceId, request),
      })
      .catch((error: unknown) => log.error({ err: error }, 'smart carts failed to start'));
    return identity;
  });

  let closed = false;
  return {
    app,
    url,
    replica,
    status,
    enrolled,
    shelfLabels,
    carts,
    async close() {
      if (closed) return;
      closed = true;
      stopping.abort();
      await enrolled;
      watcher.close();
      shelfLabels?.stop();
      await carts?.stop();
      await pusher?.stop();
      await Promise.all(pulls.map((pull) => pull.cancel()));
      hub.close();
      await devices?.close();
      await app.close();
      sequencer?.stop();
      await replica?.close();
      db.close();
    },
  };
}
