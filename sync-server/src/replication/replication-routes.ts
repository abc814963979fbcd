import { type Static, Type } from '@sinclair/typebox';
import {
  type ReplicationLimits as CoreReplicationLimits,
  checkPushSize,
  DEFAULT_REPLICATION_LIMITS,
} from '@storefloor/core';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, replyError } from '../errors/index.js';
import type { SyncMetrics } from '../metrics/sync-metrics.js';
import { openSseSink } from '../notify/sse-sink.js';
import type { StreamHub } from '../notify/stream-hub.js';
import { checkDeviceOwnership, type DeviceDirectory } from './device-ownership.js';
import { documentBody } from './document-equality.js';
import type { DocumentStore, ReplicationScope } from './document-store.js';
import type { CollectionRegistry, ReplicatedCollection } from './replicated-collection.js';
import type { PushRow, WireDocument } from './wire.js';

export interface ReplicationLimits extends CoreReplicationLimits {
  /** Largest push body in bytes (checked while reading, before parsing). */
  readonly maxPushBodyBytes: number;
}

export const DEFAULT_LIMITS: ReplicationLimits = {
  ...DEFAULT_REPLICATION_LIMITS,
  maxPushBodyBytes: 16 * 1024 * 1024,
};

export interface ReplicationRoutesOptions {
  readonly store: DocumentStore;
  readonly registry: CollectionRegistry;
  readonly hub: StreamHub;
  readonly metrics: SyncMetrics;
  readonly limits: ReplicationLimits;
  /** Live streams one device may hold open on this instance (default 16). */
  readonly maxStreamsPerDevice?: number;
  /** Origins allowed to read the stream from a browser (the CORS allow-list); none: no CORS header. */
  readonly allowOrigin?: (origin: string) => boolean;
  /** Which devices are enrolled in a store, for the store-hub role rule. */
  readonly devices: DeviceDirectory;
}

const CollectionParams = Type.Object({ collection: Type.String({ minLength: 1, maxLength: 64 }) });
const Checkpoint = Type.Object(
  { sequence: Type.Integer({ minimum: 0 }), id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
const PullBody = Type.Object(
  {
    checkpoint: Type.Optional(Type.Union([Checkpoint, Type.Null()])),
    batchSize: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
const Document = Type.Object({ _deleted: Type.Optional(Type.Boolean()) }, { additionalProperties: true });
const PushBody = Type.Array(
  Type.Object(
    {
      assumedMasterState: Type.Optional(Type.Union([Document, Type.Null()])),
      newDocumentState: Document,
    },
    { additionalProperties: false },
  ),
);
// The one route where a credential may travel in the query (clients that cannot set headers on a stream).
const StreamQuery = Type.Object(
  {
    ticket: Type.Optional(Type.String({ maxLength: 200 })),
    token: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

type Failure = { code: ErrorCode; detail: string };

/**
 * Every rule a push must pass before anything is written; the first failure refuses the whole push.
 * U+0000, lone surrogates and deep nesting never get here: the server's input guard (src/input) refuses them.
 */
function checkPush(
  collection: ReplicatedCollection,
  rows: readonly PushRow[],
  scope: ReplicationScope,
  limits: ReplicationLimits,
): Failure | undefined {
  if (collection.kind === 'master') {
    return { code: 'master-data-read-only', detail: `${collection.name} is master data` };
  }
  const size = checkPushSize(rows, limits);
  if (!size.ok) {
    return {
      code: size.reason === 'batch-size' ? 'batch-too-large' : 'document-too-large',
      detail: `${size.path ?? ''} ${size.detail ?? ''}`.trim(),
    };
  }
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const body = documentBody(row.newDocumentState);
    const id = body[collection.primaryKey];
    if (typeof id !== 'string' || id.length === 0) {
      return { code: 'invalid-document', detail: `row ${index}: no string ${collection.primaryKey}` };
    }
    if (seen.has(id)) return { code: 'duplicate-document', detail: `row ${index}: ${id} appears twice` };
    seen.add(id);
    const valid = collection.validate(body);
    if (!valid.ok) {
      return { code: 'invalid-document', detail: `row ${index} (${id}): ${valid.detail ?? valid.reason}` };
    }
    const storeId = collection.storeIdOf(body);
    if (storeId !== scope.storeId) {
      return { code: 'store-forbidden', detail: `row ${index} (${id}) belongs to store ${String(storeId)}` };
    }
  }
  return undefined;
}

/**
 * POST /sync/:collection/pull, POST /sync/:collection/push, GET /sync/:collection/stream — the RxDB
 * replication protocol over HTTP for devices (ARCHITECTURE.md §4). The store behind them is an interface so
 * that another service (the edge agent) can serve the same protocol.
 */
export const replicationRoutes: FastifyPluginAsync<ReplicationRoutesOptions> = async (
  app: FastifyInstance,
  { store, registry, hub, metrics, limits, devices, maxStreamsPerDevice = 16, allowOrigin = () => false },
) => {
  const collectionOf = (request: FastifyRequest, reply: FastifyReply): ReplicatedCollection | undefined => {
    const name = (request.params as Static<typeof CollectionParams>).collection;
    const collection = registry.get(name);
    if (!collection) replyError(reply, 'unknown-collection', name);
    return collection;
  };
  const scopeOf = (request: FastifyRequest): ReplicationScope => {
    const device = request.device;
    if (!device) throw new Error('replication route reached without requireDevice');
    return { storeId: device.storeId, writer: device.deviceId };
  };

  app.post<{ Params: Static<typeof CollectionParams>; Body: Static<typeof PullBody> }>(
    '/sync/:collection/pull',
    { schema: { params: CollectionParams, body: PullBody }, onRequest: app.requireDevice },
    async (request, reply) => {
      const collection = collectionOf(request, reply);
      if (!collection) return reply;
      const batchSize = request.body.batchSize ?? limits.maxBatchSize;
      if (batchSize > limits.maxBatchSize) {
        return replyError(reply, 'batch-too-large', `batchSize ${batchSize}; at most ${limits.maxBatchSize}`);
      }
      const checkpoint = request.body.checkpoint ?? null;
      if (checkpoint && checkpoint.sequence > (await store.lastSequence(collection.name))) {
        return replyError(reply, 'checkpoint-from-future', `seq ${checkpoint.sequence}`);
      }
      const response = await store.pull(collection, scopeOf(request), checkpoint, batchSize);
      metrics.pulls.inc({ collection: collection.name });
      return response;
    },
  );

  app.post<{ Params: Static<typeof CollectionParams>; Body: Static<typeof PushBody> }>(
    '/sync/:collection/push',
    {
      schema: { params: CollectionParams, body: PushBody },
      bodyLimit: limits.maxPushBodyBytes,
      onRequest: app.requireDevice,
    },
    async (request, reply) => {
      const collection = collectionOf(request, reply);
      if (!collection) return reply;
      const scope = scopeOf(request);
      const rows = request.body as unknown as PushRow[];
      const failure =
        checkPush(collection, rows, scope, limits) ??
        (request.device ? await checkDeviceOwnership(collection, rows, request.device, devices) : undefined);
      if (failure) {
        metrics.pushes.inc({ collection: collection.name, outcome: failure.code });
        return replyError(reply, failure.code, failure.detail);
      }
      const outcome = await store.push(collection, scope, rows);
      if (!outcome.ok) {
        metrics.pushes.inc({ collection: collection.name, outcome: outcome.reason });
        return replyError(reply, outcome.reason, outcome.detail);
      }
      metrics.pushes.inc({ collection: collection.name, outcome: 'ok' });
      metrics.documentsWritten.inc({ collection: collection.name }, outcome.written);
      if (outcome.conflicts.length > 0)
        metrics.conflicts.inc({ collection: collection.name }, outcome.conflicts.length);
      return outcome.conflicts satisfies WireDocument[];
    },
  );

  app.get<{ Params: Static<typeof CollectionParams>; Querystring: Static<typeof StreamQuery> }>(
    '/sync/:collection/stream',
    { schema: { params: CollectionParams, querystring: StreamQuery }, onRequest: app.requireStreamDevice },
    async (request, reply) => {
      const collection = collectionOf(request, reply);
      if (!collection) return reply;
      const device = request.device;
      if (!device) throw new Error('stream route reached without requireDevice');
      if (hub.streamsOf(device.deviceId) >= maxStreamsPerDevice) {
        reply.header('retry-after', '30');
        return replyError(reply, 'too-many-streams', `at most ${maxStreamsPerDevice} per device`);
      }
      reply.hijack();
      const origin = request.headers.origin;
      const sink = openSseSink(reply.raw, origin !== undefined && allowOrigin(origin) ? origin : undefined);
      try {
        const remove = await hub.open(collection, device, sink);
        reply.raw.on('close', remove);
        if (reply.raw.destroyed) remove();
      } catch (error) {
        // The response is already a 200 event stream: end it; the client reconnects and RESYNCs.
        request.log.error({ err: error }, 'could not open the live stream');
        sink.close();
      }
    },
  );
};
