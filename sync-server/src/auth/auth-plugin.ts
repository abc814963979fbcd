import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
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

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    requireAdmin: PreHandler;
    requireDevice: PreHandler;
  }
  interface FastifyRequest {
    device?: AuthenticatedDevice;
  }
}

/**
 * Decorates `app.requireAdmin` and `app.requireDevice` (preHandlers). Tokens are looked up by hash on every
 * request, so a revocation takes effect at once on every instance.
 */
export function installAuth(app: FastifyInstance, db: Database): void {
  const tokenOf = (request: FastifyRequest): string | undefined =>
    bearerToken(request.headers.authorization, (request.query as Record<string, unknown> | undefined)?.token);

  app.decorateRequest('device', undefined);

  app.decorate('requireAdmin', async (request: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf(request);
    if (!token) return void replyError(reply, 'unauthorized');
    const { rows } = await db.query('SELECT 1 FROM admin_tokens WHERE token_hash = $1', [hashSecret(token)]);
    if (rows.length === 0) return void replyError(reply, 'admin-required');
  });

  app.decorate('requireDevice', async (request: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf(request);
    if (!token) return void replyError(reply, 'unauthorized');
    const { rows } = await db.query<{
      device_id: string;
      store_id: string;
      role: DeviceRole;
      revoked_at: unknown;
    }>('SELECT device_id, store_id, role, revoked_at FROM devices WHERE token_hash = $1', [
      hashSecret(token),
    ]);
    const device = rows[0];
    if (!device) return void replyError(reply, 'unauthorized');
    if (device.revoked_at) return void replyError(reply, 'token-revoked');
    request.device = { deviceId: device.device_id, storeId: device.store_id, role: device.role };
  });
}
