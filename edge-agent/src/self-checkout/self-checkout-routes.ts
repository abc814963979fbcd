import { type Static, Type } from '@sinclair/typebox';
import { type AuditEntryDoc, createIdGenerator, type EmployeeDoc } from '@storefloor/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyTableError } from '../errors/reply-edge-error.js';
import type { LaneRegistry } from '../lan/lane-registry.js';
import { openSseSink } from '../lan/sse-sink.js';
import type { LaneDocuments, LaneScope } from '../replica/lane-document-store.js';
import { ALERT_KINDS, type AlertBoard, type SelfCheckoutAlert } from './alert-board.js';
import { pinMatches } from './attendant-pin.js';

/** Stable codes of the self-checkout routes, with their HTTP statuses; the body is the agent's error shape. */
export const SELF_CHECKOUT_ERRORS = {
  unauthorized: { statusCode: 401, message: 'A valid device bearer token is required' },
  'token-revoked': { statusCode: 401, message: 'This device has been revoked' },
  'not-enrolled': { statusCode: 503, message: 'The edge agent is not enrolled at HQ yet' },
  'store-forbidden': { statusCode: 403, message: 'The device belongs to another store' },
  'alert-not-found': { statusCode: 404, message: 'No such alert' },
  'alert-id-reused': { statusCode: 409, message: 'The alert id was used for another alert' },
  'alert-not-open': { statusCode: 409, message: 'The alert was answered already' },
  'not-own-alert': { statusCode: 403, message: 'Only the kiosk that raised an alert may withdraw it' },
  'unknown-attendant': { statusCode: 403, message: 'No active attendant with that id' },
  'not-an-attendant': { statusCode: 403, message: 'The employee may not answer kiosk alerts' },
  'pin-wrong': { statusCode: 403, message: 'Wrong PIN' },
  'attendant-locked': { statusCode: 423, message: 'The attendant is locked after too many wrong PINs' },
  'replica-unavailable': { statusCode: 503, message: 'The store replica cannot be read' },
} as const;
export type SelfCheckoutErrorCode = keyof typeof SELF_CHECKOUT_ERRORS;

const replyError = (reply: FastifyReply, code: SelfCheckoutErrorCode, detail?: string, extra?: object) =>
  replyTableError(SELF_CHECKOUT_ERRORS, reply, code, detail, extra);

export interface SelfCheckoutOptions {
  readonly board: AlertBoard;
  readonly registry: LaneRegistry;
  /** The agent's store and device id once enrolled (its own audit entries carry the agent's device id). */
  readonly agent: () => { storeId: string; deviceId: string } | undefined;
  /** Reads an employee from the store replica. */
  readonly employee: (id: string) => Promise<EmployeeDoc | undefined>;
  /** Writes documents as the agent (the replica, and on to HQ through the outbox). */
  readonly documents: LaneDocuments;
  readonly onAuditFailed?: (error: string) => void;
  /** Wrong PINs in a row that lock an attendant (default 5). */
  readonly pinAttempts?: number;
  /** How long a locked attendant stays locked (default 15 minutes). */
  readonly lockoutMs?: number;
  readonly now?: () => number;
  readonly heartbeatMs?: number;
}

const Facts = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 500 })]),
  { maxProperties: 40 },
);
const id = Type.String({ minLength: 1, maxLength: 64 });
const RaiseBody = Type.Object(
  {
    id,
    kind: Type.Union(ALERT_KINDS.map((k) => Type.Literal(k))),
    kioskLabel: Type.Optional(Type.String({ maxLength: 100 })),
    saleId: Type.Optional(Type.String({ maxLength: 64 })),
    lineId: Type.Optional(Type.String({ maxLength: 64 })),
    productId: Type.Optional(Type.String({ maxLength: 64 })),
    productName: Type.Optional(Type.String({ maxLength: 200 })),
    facts: Type.Optional(Facts),
  },
  { additionalProperties: false },
);
const AlertParams = Type.Object({ id });
const ResolveBody = Type.Object(
  {
    employeeId: id,
    pin: Type.String({ minLength: 1, maxLength: 12 }),
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const StreamQuery = Type.Object({ token: Type.Optional(Type.String()) });

declare module 'fastify' {
  interface FastifyRequest {
    selfCheckoutDevice?: LaneScope;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) return /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/** Why an attendant's answer was not taken, with what the reply carries beside the code. */
export interface AttendantRefusal {
  readonly code: Extract<
    SelfCheckoutErrorCode,
    'unknown-attendant' | 'not-an-attendant' | 'attendant-locked' | 'pin-wrong' | 'replica-unavailable'
  >;
  readonly detail?: string;
  readonly extra?: { readonly lockedUntil?: number; readonly attemptsLeft?: number };
}

/**
 * Checks an attendant's employee id and PIN against the replica (supervisor or manager, active, of the
 * store), counting wrong PINs in one place for every device and locking after the limit. Each refusal is
 * audited with `facts`. Shared by the kiosk alerts and the smart carts.
 */
export type CheckAttendant = (input: {
  readonly employeeId: string;
  readonly pin: string;
  readonly storeId: string;
  readonly fromDeviceId: string;
  readonly saleId?: string;
  readonly facts: AuditEntryDoc['facts'];
}) => Promise<{ ok: true; at: number } | ({ ok: false } & AttendantRefusal)>;

export function replyAttendantRefusal(reply: FastifyReply, refusal: AttendantRefusal) {
  return replyError(reply, refusal.code, refusal.detail, refusal.extra);
}

/**
 * Kiosk interventions across devices: a kiosk raises an alert and locks; every attendant screen (and the
 * kiosk) sees the store's open alerts live (SSE); an attendant answers with a PIN checked here, from any
 * device; five wrong PINs lock the attendant. Every step is an audit entry written by the agent.
 */
export async function selfCheckoutRoutes(
  app: FastifyInstance,
  options: SelfCheckoutOptions,
): Promise<{ checkAttendant: CheckAttendant }> {
  const now = options.now ?? Date.now;
  const attempts = options.pinAttempts ?? 5;
  const lockoutMs = options.lockoutMs ?? 15 * 60_000;
  const newId = createIdGenerator();
  const { board } = options;

  const audit = async (
    action: string,
    fields: { employeeId?: string; approvedBy?: string; saleId?: string; facts: AuditEntryDoc['facts'] },
  ): Promise<void> => {
    const agent = options.agent();
    if (!agent) return;
    const doc: AuditEntryDoc = {
      id: newId(),
      storeId: agent.storeId,
      deviceId: agent.deviceId,
      employeeId: fields.employeeId ?? '',
      approvedBy: fields.approvedBy ?? '',
      action,
      subjectCollection: fields.saleId ? 'sales' : '',
      subjectId: fields.saleId ?? '',
      facts: fields.facts,
      occurredAt: now(),
    };
    const written = await options.documents.push('audit_entries', agent, [
      { assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } },
    ]);
    if (!written.ok) options.onAuditFailed?.(`${written.code}: ${written.detail}`);
  };
  const saleOf = (input: { saleId?: string }) => (input.saleId ? { saleId: input.saleId } : {});
  const alertFacts = (alert: SelfCheckoutAlert) => ({
    alertId: alert.id,
    kind: alert.kind,
    kioskDeviceId: alert.deviceId,
    ...(alert.productId ? { productId: alert.productId } : {}),
    ...(alert.lineId ? { lineId: alert.lineId } : {}),
  });

  const requireDevice = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(request);
    if (!token) return void replyError(reply, 'unauthorized');
    const agent = options.agent();
    if (!agent) return void replyError(reply, 'not-enrolled');
    const auth = options.registry.authenticate(token);
    if (!auth.ok)
      return void replyError(reply, auth.reason === 'token-revoked' ? 'token-revoked' : 'unauthorized');
    if (auth.lane.storeId !== agent.storeId) return void replyError(reply, 'store-forbidden');
    request.selfCheckoutDevice = { deviceId: auth.lane.deviceId, storeId: auth.lane.storeId };
  };
  const deviceOf = (request: FastifyRequest): LaneScope => {
    if (!request.selfCheckoutDevice) throw new Error('self-checkout route reached without a device');
    return request.selfCheckoutDevice;
  };

  const checkAttendant: CheckAttendant = async (input) => {
    const { employeeId, pin, storeId, fromDeviceId } = input;
    const facts = { ...input.facts, fromDeviceId };
    let employee: EmployeeDoc | undefined;
    try {
      employee = await options.employee(employeeId);
    } catch (error) {
      return { ok: false, code: 'replica-unavailable', detail: (error as Error).message };
    }
    if (!employee?.active || employee.storeId !== storeId) return { ok: false, code: 'unknown-attendant' };
    if (!employee.roles.some((r) => r === 'supervisor' || r === 'manager'))
      return { ok: false, code: 'not-an-attendant' };
    const at = now();
    const state = board.pinState(employeeId);
    if (state.lockedAt !== null) {
      if (at - state.lockedAt < lockoutMs) {
        await audit('attendant.locked-refused', { employeeId, ...saleOf(input), facts });
        return { ok: false, code: 'attendant-locked', extra: { lockedUntil: state.lockedAt + lockoutMs } };
      }
      board.pinRight(employeeId);
    }
    if (!(await pinMatches(pin, employee.pinHash))) {
      const wrong = board.pinWrong(employeeId, attempts, at);
      await audit(wrong.locked ? 'attendant.locked-out' : 'attendant.pin-wrong', {
        employeeId,
        ...saleOf(input),
        facts: { ...facts, failures: wrong.failures },
      });
      return wrong.locked
        ? { ok: false, code: 'attendant-locked', extra: { lockedUntil: at + lockoutMs } }
        : { ok: false, code: 'pin-wrong', extra: { attemptsLeft: attempts - wrong.failures } };
    }
    board.pinRight(employeeId);
    return { ok: true, at };
  };

  app.post<{ Body: Static<typeof RaiseBody> }>(
    '/api/self-checkout/alerts',
    { schema: { body: RaiseBody }, preHandler: requireDevice },
    async (request, reply) => {
      const device = deviceOf(request);
      const body = request.body;
      const raised = board.raise({
        id: body.id,
        storeId: device.storeId,
        deviceId: device.deviceId,
        kioskLabel: body.kioskLabel ?? device.deviceId,
        kind: body.kind,
        saleId: body.saleId ?? '',
        lineId: body.lineId ?? '',
        productId: body.productId ?? '',
        productName: body.productName ?? '',
        facts: body.facts ?? {},
        raisedAt: now(),
      });
      if (!raised.ok) return replyError(reply, raised.code);
      if (raised.created) {
        await audit('self-checkout.alert-raised', {
          saleId: raised.alert.saleId,
          facts: { ...raised.alert.facts, ...alertFacts(raised.alert) },
        });
      }
      return reply.code(raised.created ? 201 : 200).send(raised.alert);
    },
  );

  app.get('/api/self-checkout/alerts', { preHandler: requireDevice }, async (request) => ({
    alerts: board.open(deviceOf(request).storeId),
  }));

  app.get<{ Params: Static<typeof AlertParams> }>(
    '/api/self-checkout/alerts/:id',
    { schema: { params: AlertParams }, preHandler: requireDevice },
    async (request, reply) => {
      const alert = board.get(request.params.id);
      if (!alert || alert.storeId !== deviceOf(request).storeId) return replyError(reply, 'alert-not-found');
      return alert;
    },
  );

  // One event per change: the store's open alerts and the alert that changed (so a kiosk sees its answer).
  app.get<{ Querystring: Static<typeof StreamQuery> }>(
    '/api/self-checkout/alerts/stream',
    { schema: { querystring: StreamQuery }, preHandler: requireDevice },
    async (request, reply) => {
      const { storeId } = deviceOf(request);
      reply.hijack();
      const sink = openSseSink(reply.raw);
      sink.send(JSON.stringify({ alerts: board.open(storeId) }));
      const off = board.onChange((changed) => {
        if (changed.storeId === storeId) sink.send(JSON.stringify({ alerts: board.open(storeId), changed }));
      });
      const beat = setInterval(() => sink.heartbeat(), options.heartbeatMs ?? 15_000);
      const stop = () => {
        off();
        clearInterval(beat);
      };
      reply.raw.on('close', stop);
      if (reply.raw.destroyed) stop();
    },
  );

  app.post<{ Params: Static<typeof AlertParams> }>(
    '/api/self-checkout/alerts/:id/withdraw',
    { schema: { params: AlertParams }, preHandler: requireDevice },
    async (request, reply) => {
      const device = deviceOf(request);
      const alert = board.get(request.params.id);
      if (!alert || alert.storeId !== device.storeId) return replyError(reply, 'alert-not-found');
      if (alert.deviceId !== device.deviceId) return replyError(reply, 'not-own-alert');
      const closed = board.close(alert.id, 'withdrawn', {
        employeeId: '',
        deviceId: device.deviceId,
        reason: 'cleared at the kiosk',
        at: now(),
      });
      if (!closed) return replyError(reply, 'alert-not-open', alert.status);
      await audit('self-checkout.alert-withdrawn', { saleId: closed.saleId, facts: alertFacts(closed) });
      return closed;
    },
  );

  app.post<{ Params: Static<typeof AlertParams>; Body: Static<typeof ResolveBody> }>(
    '/api/self-checkout/alerts/:id/resolve',
    { schema: { params: AlertParams, body: ResolveBody }, preHandler: requireDevice },
    async (request, reply) => {
      const device = deviceOf(request);
      const { employeeId, pin, decision } = request.body;
      const alert = board.get(request.params.id);
      if (!alert || alert.storeId !== device.storeId) return replyError(reply, 'alert-not-found');
      if (alert.status !== 'open') return replyError(reply, 'alert-not-open', alert.status);
      const checked = await checkAttendant({
        employeeId,
        pin,
        storeId: device.storeId,
        fromDeviceId: device.deviceId,
        saleId: alert.saleId,
        facts: alertFacts(alert),
      });
      if (!checked.ok) return replyAttendantRefusal(reply, checked);
      const at = checked.at;
      const closed = board.close(alert.id, decision === 'approve' ? 'approved' : 'rejected', {
        employeeId,
        deviceId: device.deviceId,
        reason: request.body.reason ?? '',
        at,
      });
      if (!closed) return replyError(reply, 'alert-not-open');
      await audit(decision === 'approve' ? 'self-checkout.alert-approved' : 'self-checkout.alert-rejected', {
        employeeId,
        approvedBy: decision === 'approve' ? employeeId : '',
        saleId: closed.saleId,
        facts: {
          ...alertFacts(closed),
          fromDeviceId: device.deviceId,
          ...(closed.reason ? { reason: closed.reason } : {}),
        },
      });
      return closed;
    },
  );
  return { checkAttendant };
}
