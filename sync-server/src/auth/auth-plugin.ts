import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Database } from '../db/database.js';
import type { ErrorCode } from '../errors/index.js';
import { replyError } from '../errors/index.js';
import { bearerToken, hashSecret } from './tokens.js';

/**
 * 'lane' (a till, kiosk or cart host) writes only documents carrying its own deviceId; 'store-hub' (the edge
 * agent) relays documents of any device enrolled in its store (ARCHITECTURE.md §3).
 */
export type DeviceRole = 'lane' | 'store-hub';

export interface AuthenticatedDevice {
  readonly deviceId: string;
  readonly storeId: string;
  readonly role: DeviceRole;
}

/** The named admin token a request was made with (the actor of the admin audit trail). */
export interface AuthenticatedAdmin {
  readonly tokenId: string;
  readonly name: string;
}

type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    requireAdmin: AuthHook;
    requireDevice: AuthHook;
    /** The live stream only: the header, or `?ticket=` (a stream ticket), or `?token=`. */
    requireStreamDevice: AuthHook;
  }
  interface FastifyRequest {
    device?: AuthenticatedDevice;
    admin?: AuthenticatedAdmin;
  }
}

interface DeviceRow {
  device_id: string;
  store_id: string;
  role: DeviceRole;
  revoked_at: unknown;
}

/**
 * A refusal sent before the body was read: the client may still be sending it (a 14 MB push), so the
 * connection is closed instead of drained. An unauthenticated client learns nothing of the route's schema.
 */
function refuse(request: FastifyRequest, reply: FastifyReply, code: ErrorCode): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (hasBody) reply.header('connection', 'close');
  replyError(reply, code);
}

/**
 * Decorates `app.requireAdmin`, `app.requireDevice` and `app.requireStreamDevice`. Tokens are looked up by hash
 * on every request, so a revocation takes effect at once on every instance.
 *
 * Authentication runs in `onRequest`, before the body is read, parsed or validated. A route that names one
 * of these as a `preHandler` has it moved to `onRequest` when it is registered, so no route can authenticate
 * late by mistake.
 */
export function installAuth(app: FastifyInstance, db: Database): void {
  app.decorateRequest('device', undefined);
  app.decorateRequest('admin', undefined);

  const deviceByToken = async (token: string): Promise<DeviceRow | undefined> => {
    const { rows } = await db.query<DeviceRow>(
      'SELECT device_id, store_id, role, revoked_at FROM devices WHERE token_hash = $1',
      [hashSecret(token)],
    );
    return rows[0];
  };
  const acceptDevice = (
    request: FastifyRequest,
    reply: FastifyReply,
    device: DeviceRow | undefined,
  ): void => {
    if (!device) return void refuse(request, reply, 'unauthorized');
    if (device.revoked_at) return void refuse(request, reply, 'token-revoked');
    request.device = { deviceId: device.device_id, storeId: device.store_id, role: device.role };
  };

  const requireAdmin: AuthHook = async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) return void refuse(request, reply, 'unauthorized');
    const { rows } = await db.query<{ token_id: string; name: string; revoked_at: unknown }>(
      'SELECT token_id, name, revoked_at FROM admin_tokens WHERE token_hash = $1',
      [hashSecret(token)],
    );
    const admin = rows[0];
    if (!admin) return void refuse(request, reply, 'admin-required');
    if (admin.revoked_at) return void refuse(request, reply, 'admin-token-revoked');
    request.admin = { tokenId: admin.token_id, name: admin.name };
  };

  const requireDevice: AuthHook = async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) return void refuse(request, reply, 'unauthorized');
    acceptDevice(request, reply, await deviceByToken(token));
  };

  const requireStreamDevice: AuthHook = async (request, reply) => {
    const header = bearerToken(request.headers.authorization);
    if (header) return void acceptDevice(request, reply, await deviceByToken(header));
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (typeof query.ticket === 'string' && query.ticket.length > 0) {
      // Single use: the UPDATE both checks and spends the ticket, so a replayed URL finds nothing.
      const { rows } = await db.query<DeviceRow>(
        `UPDATE stream_tickets t SET used_at = now() FROM devices d
         WHERE t.ticket_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND d.device_id = t.device_id
         RETURNING d.device_id, d.store_id, d.role, d.revoked_at`,
        [hashSecret(query.ticket)],
      );
      if (!rows[0]) return void refuse(request, reply, 'stream-ticket-invalid');
      return void acceptDevice(request, reply, rows[0]);
    }
    if (typeof query.token === 'string' && query.token.length > 0) {
      return void acceptDevice(request, reply, await deviceByToken(query.token));
    }
    refuse(request, reply, 'unauthorized');
  };

  app.decorate('requireAdmin', requireAdmin);
  app.decorate('requireDevice', requireDevice);
  app.decorate('requireStreamDevice', requireStreamDevice);

  const authHooks = new Set<unknown>([requireAdmin, requireDevice, requireStreamDevice]);
  app.addHook('onRoute', (route: RouteOptions) => {
    const preHandlers = route.preHandler === undefined ? [] : [route.preHandler].flat();
    const moved = preHandlers.filter((hook) => authHooks.has(hook));
    if (moved.length === 0) return;
    route.preHandler = preHandlers.filter((hook) => !authHooks.has(hook));
    const onRequest = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...moved, ...onRequest] as RouteOptions['onRequest'];
  });
}
