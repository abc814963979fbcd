import { type Static, Type } from '@sinclair/typebox';
import { DEFAULT_REPLICATION_LIMITS, isCollectionName, type ReplicationLimits } from '@storefloor/core';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { EdgeErrorCode } from '../errors/edge-error-catalog.js';
import { installEdgeErrorHandler, replyEdgeError } from '../errors/reply-edge-error.js';
import type { LaneDocuments, LaneScope, PushRow } from '../replica/lane-document-store.js';
import type { LaneRegistry } from './lane-registry.js';
import type { LaneStreams } from './lane-stream-hub.js';
import { openSseSink } from './sse-sink.js';

export type EnrollRelayOutcome =
  | { readonly ok: true; readonly enrolled: { deviceId: string; storeId: string; token: string } }
  | { readonly ok: false; readonly code: EdgeErrorCode; readonly detail?: string };

export interface BuildEdgeServerOptions {
  readonly documents: LaneDocuments;
  readonly hub: LaneStreams;
  readonly registry: LaneRegistry;
  /** Set while the replica cannot be used at all (it failed to open): every sync route answers 503 naming it. */
  readonly replicaUnavailable?: () => string | undefined;
  /** The agent's store, once it is enrolled at HQ. */
  readonly storeId: () => string | undefined;
  /** Relays a lane's enrollment to HQ. */
  readonly enroll: (code: string, label: string | undefined) => Promise<EnrollRelayOutcome>;
  /** A lane authenticated with this token (the revocation watcher follows it at HQ). */
  readonly onLaneSeen?: (deviceId: string, token: string) => void;
  readonly status: () => Promise<object> | object;
  readonly health: () => { ok: boolean; detail?: string };
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
  /** The store's business day for the manager (day-end); absent while the replica is unusable. */
  readonly storeDay?: (storeId: string, businessDay: string) => Promise<object>;
  readonly limits?: Partial<ReplicationLimits> & { readonly maxPushBodyBytes?: number };
  readonly logger?: FastifyServerOptions['logger'];
  /** A pino logger the caller owns (used instead of `logger`). */
  readonly loggerInstance?: FastifyBaseLogger;
}

declare module 'fastify' {
  interface FastifyRequest {
    lane?: LaneScope;
  }
}

const CollectionParams = Type.Object({ collection: Type.String({ minLength: 1, maxLength: 64 }) });
const Checkpoint = Type.Object(
  { sequence: Type.Integer({ minimum: 0 }), id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
const PullBody = Type.Object({
  checkpoint: Type.Optional(Type.Union([Checkpoint, Type.Null()])),
  batchSize: Type.Optional(Type.Integer({ minimum: 1 })),
});
const Document = Type.Object({ _deleted: Type.Optional(Type.Boolean()) }, { additionalProperties: true });
const PushBody = Type.Array(
  Type.Object({
    assumedMasterState: Type.Optional(Type.Union([Document, Type.Null()])),
    newDocumentState: Document,
  }),
);
const StreamQuery = Type.Object({ token: Type.Optional(Type.String()) });
const DayParams = Type.Object({ businessDay: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) });
const EnrollBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  label: Type.Optional(Type.String({ maxLength: 200 })),
});

function bearerToken(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) return /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const query = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof query === 'string' && query.length > 0 ? query : undefined;
}

/**
 * The agent's LAN server (does not listen): the same `/sync/:collection/{pull,push,stream}` contract as HQ,
 * served from the store replica with the agent's own sequence as checkpoints, so a lane replicates with
 * @storefloor/sync-client unchanged; lane enrollment relayed to HQ; status, metrics and health.
 */
export async function buildEdgeServer(options: BuildEdgeServerOptions): Promise<FastifyInstance> {
  const limits = {
    ...DEFAULT_REPLICATION_LIMITS,
    maxPushBodyBytes: 16 * 1024 * 1024,
    ...options.limits,
  };
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
  });
  installEdgeErrorHandler(app);
  app.decorateRequest('lane', undefined);

  const requireLane = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (!token) return void replyEdgeError(reply, 'unauthorized');
    const unavailable = options.replicaUnavailable?.();
    if (unavailable) return void replyEdgeError(reply, 'replica-unavailable', unavailable);
    const storeId = options.storeId();
    if (!storeId) return void replyEdgeError(reply, 'not-enrolled');
    const auth = options.registry.authenticate(token);
    if (!auth.ok) return void replyEdgeError(reply, auth.reason);
    if (auth.lane.storeId !== storeId) {
      return void replyEdgeError(reply, 'store-forbidden', `the lane belongs to store ${auth.lane.storeId}`);
    }
    request.lane = { deviceId: auth.lane.deviceId, storeId: auth.lane.storeId };
    options.onLaneSeen?.(auth.lane.deviceId, token);
  };
  const laneOf = (request: FastifyRequest): LaneScope => {
    if (!request.lane) throw new Error('replication route reached without requireLane');
    return request.lane;
  };

  app.post<{ Params: Static<typeof CollectionParams>; Body: Static<typeof PullBody> }>(
    '/sync/:collection/pull',
    { schema: { params: CollectionParams, body: PullBody }, preHandler: requireLane },
    async (request, reply) => {
      const outcome = await options.documents.pull(
        request.params.collection,
        laneOf(request),
        request.body.checkpoint ?? null,
        request.body.batchSize ?? limits.maxBatchSize,
      );
      if (!outcome.ok) return replyEdgeError(reply, outcome.code, outcome.detail);
      return { documents: outcome.documents, checkpoint: outcome.checkpoint };
    },
  );

  app.post<{ Params: Static<typeof CollectionParams>; Body: Static<typeof PushBody> }>(
    '/sync/:collection/push',
    {
      schema: { params: CollectionParams, body: PushBody },
      bodyLimit: limits.maxPushBodyBytes,
      preHandler: requireLane,
    },
    async (request, reply) => {
      const outcome = await options.documents.push(
        request.params.collection,
        laneOf(request),
        request.body as unknown as PushRow[],
      );
      if (!outcome.ok) return replyEdgeError(reply, outcome.code, outcome.detail);
      return outcome.conflicts;
    },
  );

  app.get<{ Params: Static<typeof CollectionParams>; Querystring: Static<typeof StreamQuery> }>(
    '/sync/:collection/stream',
    { schema: { params: CollectionParams, querystring: StreamQuery }, preHandler: requireLane },
    async (request, reply) => {
      const { collection } = request.params;
      if (!isCollectionName(collection)) return replyEdgeError(reply, 'unknown-collection', collection);
      reply.hijack();
      const sink = openSseSink(reply.raw);
      const remove = options.hub.open(collection, laneOf(request), sink);
      reply.raw.on('close', remove);
      if (reply.raw.destroyed) remove();
    },
  );

  app.post<{ Body: Static<typeof EnrollBody> }>(
    '/api/enroll',
    { schema: { body: EnrollBody } },
    async (request, reply) => {
      const outcome = await options.enroll(request.body.code, request.body.label);
      if (!outcome.ok) return replyEdgeError(reply, outcome.code, outcome.detail);
      return reply.code(201).send(outcome.enrolled);
    },
  );

  app.get('/status', async () => options.status());
  app.get('/healthz', async (_request, reply) => {
    const health = options.health();
    if (health.ok) return { status: 'ok' };
    return reply.code(503).send({ status: 'unavailable', detail: health.detail });
  });
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await options.metrics();
    reply.header('content-type', contentType);
    return body;
  });
  const storeDay = options.storeDay;
  app.get<{ Params: Static<typeof DayParams> }>(
    '/api/day/:businessDay',
    { schema: { params: DayParams }, preHandler: requireLane },
    async (request, reply) => {
      if (!storeDay) return replyEdgeError(reply, 'replica-unavailable', options.replicaUnavailable?.());
      return storeDay(laneOf(request).storeId, request.params.businessDay);
    },
  );
  return app;
}
