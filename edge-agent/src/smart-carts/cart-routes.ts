import { type Static, Type } from '@sinclair/typebox';
import type { CartLinkState } from '@storefloor/device-drivers';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyTableError } from '../errors/reply-edge-error.js';
import type { LaneRegistry } from '../lan/lane-registry.js';
import type { LaneScope } from '../replica/lane-document-store.js';
import { type CheckAttendant, replyAttendantRefusal } from '../self-checkout/self-checkout-routes.js';
import type { CartService } from './cart-service.js';
import { openAlerts } from './cart-session.js';

/** Stable codes of the cart routes, with their HTTP statuses; the body is the agent's error shape. */
export const CART_ERRORS = {
  unauthorized: { statusCode: 401, message: 'A valid device bearer token is required' },
  'token-revoked': { statusCode: 401, message: 'This device has been revoked' },
  'not-enrolled': { statusCode: 503, message: 'The edge agent is not enrolled at HQ yet' },
  'store-forbidden': { statusCode: 403, message: 'The device belongs to another store' },
  'carts-not-ready': { statusCode: 503, message: 'The cart link is not serving yet' },
  'no-session': { statusCode: 404, message: 'The cart is not in a shopping session' },
  'alert-not-open': { statusCode: 409, message: 'No open alert with that id on the cart' },
  'missing-code': { statusCode: 400, message: 'A rescan needs the code staff scanned' },
  'unknown-item': { statusCode: 422, message: 'The scanned code is no product the store sells' },
  'exit-refused': { statusCode: 409, message: 'The exit code does not let a cart out' },
} as const;
export type CartErrorCode = keyof typeof CART_ERRORS;

const replyError = (reply: FastifyReply, code: CartErrorCode, detail?: string, extra?: object) =>
  replyTableError(CART_ERRORS, reply, code, detail, extra);

const id = Type.String({ minLength: 1, maxLength: 128 });
const AlertParams = Type.Object({ cartId: id, alertId: id });
const ResolveBody = Type.Object(
  {
    employeeId: Type.String({ minLength: 1, maxLength: 64 }),
    pin: Type.String({ minLength: 1, maxLength: 12 }),
    action: Type.Union([Type.Literal('approve'), Type.Literal('remove'), Type.Literal('rescan')]),
    /** For `rescan`: the code staff scanned. */
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  },
  { additionalProperties: false },
);
const CartParams = Type.Object({ cartId: id });
const StaffBody = Type.Object(
  {
    employeeId: Type.String({ minLength: 1, maxLength: 64 }),
    pin: Type.String({ minLength: 1, maxLength: 12 }),
  },
  { additionalProperties: false },
);
const ExitBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

export interface CartRoutesOptions {
  readonly registry: LaneRegistry;
  readonly storeId: () => string | undefined;
  /** Undefined until the hub serves carts (enrolled, store settings in the replica). */
  readonly service: () => CartService | undefined;
  readonly links: () => readonly CartLinkState[];
  readonly checkAttendant: CheckAttendant;
  /** The attendant board's alert for a checkout held for `reason`. */
  readonly heldAlertId: (cartId: string, sessionId: string, reason: string) => string;
  /** Told when staff resolved a cart alert here (the attendant board closes it). */
  readonly onResolved: (
    alertId: string,
    action: 'approve' | 'remove' | 'rescan',
    employeeId: string,
    fromDeviceId: string,
  ) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    cartStaffDevice?: LaneScope;
  }
}

/**
 * The carts' staff routes on the agent's LAN server, device-token authenticated like the kiosk alerts:
 * - `GET /api/carts` every cart the link knows, with its session, basket and open alerts;
 * - `POST /api/carts/:cartId/alerts/:alertId/resolve` staff answer an alert at the cart (approve, remove,
 *   rescan with the code), employee and PIN checked as for a kiosk alert;
 * - `POST /api/exit-gate` the gate's check of an exit code: once, unexpired, weight unchanged since payment.
 */
export function cartRoutes(app: FastifyInstance, options: CartRoutesOptions): void {
  const requireDevice = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return void replyError(reply, 'unauthorized');
    const storeId = options.storeId();
    if (!storeId) return void replyError(reply, 'not-enrolled');
    const auth = options.registry.authenticate(token);
    if (!auth.ok)
      return void replyError(reply, auth.reason === 'token-revoked' ? 'token-revoked' : 'unauthorized');
    if (auth.lane.storeId !== storeId) return void replyError(reply, 'store-forbidden');
    if (!options.service()) return void replyError(reply, 'carts-not-ready');
    request.cartStaffDevice = { deviceId: auth.lane.deviceId, storeId };
  };
  const serviceOf = () => options.service() as CartService;

  app.get('/api/carts', { preHandler: requireDevice }, async () => {
    const service = serviceOf();
    return {
      carts: options.links().map((link) => {
        const session = service.session(link.cartId);
        return {
          cartId: link.cartId,
          connected: link.connected,
          ...(session
            ? {
                sessionId: session.sessionId,
                status: session.status,
                grams: session.grams,
                lines: session.lines,
                alerts: openAlerts(session),
              }
            : { alerts: [] }),
        };
      }),
    };
  });

  app.post<{ Params: Static<typeof AlertParams>; Body: Static<typeof ResolveBody> }>(
    '/api/carts/:cartId/alerts/:alertId/resolve',
    { schema: { params: AlertParams, body: ResolveBody }, preHandler: requireDevice },
    async (request, reply) => {
      const device = request.cartStaffDevice as LaneScope;
      const { cartId, alertId } = request.params;
      const { employeeId, pin, action, code } = request.body;
      const service = serviceOf();
      const session = service.session(cartId);
      if (!session) return replyError(reply, 'no-session', cartId);
      if (!openAlerts(session).some((a) => a.id === alertId))
        return replyError(reply, 'alert-not-open', alertId);
      if (action === 'rescan' && !code) return replyError(reply, 'missing-code');
      const checked = await options.checkAttendant({
        employeeId,
        pin,
        storeId: device.storeId,
        fromDeviceId: device.deviceId,
        facts: { alertId, cartId, sessionId: session.sessionId },
      });
      if (!checked.ok) return replyAttendantRefusal(reply, checked);
      const resolved = service.resolveAlert(cartId, alertId, action, employeeId, code);
      if (!resolved.ok) {
        const code = resolved.reason === 'unknown-alert' ? 'alert-not-open' : resolved.reason;
        return replyError(reply, code, resolved.detail);
      }
      options.onResolved(alertId, action, employeeId, device.deviceId);
      const next = resolved.value;
      return { cartId, sessionId: next.sessionId, lines: next.lines, alerts: openAlerts(next) };
    },
  );

  app.post<{ Params: Static<typeof CartParams>; Body: Static<typeof StaffBody> }>(
    '/api/carts/:cartId/age-verification',
    { schema: { params: CartParams, body: StaffBody }, preHandler: requireDevice },
    async (request, reply) => {
      const device = request.cartStaffDevice as LaneScope;
      const { cartId } = request.params;
      const { employeeId, pin } = request.body;
      const service = serviceOf();
      const session = service.session(cartId);
      if (session?.status !== 'shopping') return replyError(reply, 'no-session', cartId);
      const checked = await options.checkAttendant({
        employeeId,
        pin,
        storeId: device.storeId,
        fromDeviceId: device.deviceId,
        facts: { cartId, sessionId: session.sessionId, check: 'age' },
      });
      if (!checked.ok) return replyAttendantRefusal(reply, checked);
      const verified = service.verifyAge(cartId, employeeId);
      if (!verified.ok) return replyError(reply, 'no-session', cartId);
      options.onResolved(
        options.heldAlertId(cartId, session.sessionId, 'age-verification-required'),
        'approve',
        employeeId,
        device.deviceId,
      );
      return { cartId, sessionId: session.sessionId, ageVerifiedBy: employeeId };
    },
  );

  app.post<{ Body: Static<typeof ExitBody> }>(
    '/api/exit-gate',
    { schema: { body: ExitBody }, preHandler: requireDevice },
    async (request, reply) => {
      const verified = serviceOf().verifyExit(request.body.code);
      if (!verified.ok) return replyError(reply, 'exit-refused', undefined, { reason: verified.reason });
      return { open: true, ...verified.value };
    },
  );
}
