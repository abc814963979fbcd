import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { recordAudit } from '../audit/admin-audit.js';
import type { Database } from '../db/database.js';
import { CatalogError, replyError } from '../errors/index.js';
import { REVOCATIONS_CHANNEL } from '../notify/channels.js';
import type { StreamHub } from '../notify/stream-hub.js';
import { CHAIN_WIDE_STORE } from '../replication/replicated-collection.js';
import { storeRoutes } from '../stores/store-routes.js';
import type { DeviceRole } from './auth-plugin.js';
import { hashSecret, newDeviceId, newEnrollmentCode, newToken, normaliseEnrollmentCode } from './tokens.js';

export interface TenancyRoutesOptions {
  readonly db: Database;
  readonly hub: StreamHub;
}

const StoreParams = Type.Object({ storeId: Type.String({ minLength: 1, maxLength: 64 }) });
const CodeBody = Type.Object({
  // The role of the device this code enrolls (ARCHITECTURE.md §3); a till, kiosk or cart host by default.
  role: Type.Optional(Type.Union([Type.Literal('lane'), Type.Literal('store-hub')])),
  // Default one hour; at most a week: a code on a sticky note should not stay valid forever.
  ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 3600 })),
});
const EnrollBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  label: Type.Optional(Type.String({ maxLength: 200 })),
});
const DeviceParams = Type.Object({ deviceId: Type.String({ minLength: 1, maxLength: 64 }) });

/** Stores (store-routes.ts), enrollment codes with the role they give, device enrollment and revocation. */
export const tenancyRoutes: FastifyPluginAsync<TenancyRoutesOptions> = async (
  app: FastifyInstance,
  { db, hub },
) => {
  await app.register(storeRoutes, { db });

  app.post<{ Params: Static<typeof StoreParams>; Body: Static<typeof CodeBody> }>(
    '/api/admin/stores/:storeId/enrollment-codes',
    { schema: { params: StoreParams, body: Type.Optional(CodeBody) }, onRequest: app.requireAdmin },
    async (request, reply) => {
      const { storeId } = request.params;
      if (storeId === CHAIN_WIDE_STORE) return replyError(reply, 'unknown-store', storeId);
      const { rows } = await db.query('SELECT 1 FROM stores WHERE store_id = $1', [storeId]);
      if (rows.length === 0) return replyError(reply, 'unknown-store', storeId);
      const ttlSeconds = request.body?.ttlSeconds ?? 3600;
      const role: DeviceRole = request.body?.role ?? 'lane';
      const code = newEnrollmentCode();
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      await db.query(
        'INSERT INTO enrollment_codes (code_hash, store_id, expires_at, role, created_by) VALUES ($1, $2, $3, $4, $5)',
        [
          hashSecret(normaliseEnrollmentCode(code)),
          storeId,
          expiresAt.toISOString(),
          role,
          request.admin?.tokenId ?? null,
        ],
      );
      return reply.code(201).send({ code, storeId, role, expiresAt: expiresAt.toISOString() });
    },
  );

  app.post<{ Body: Static<typeof EnrollBody> }>(
    '/api/enroll',
    { schema: { body: EnrollBody } },
    async (request, reply) => {
      const codeHash = hashSecret(normaliseEnrollmentCode(request.body.code));
      const enrolled = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{
          store_id: string;
          role: DeviceRole;
          expires_at: Date | string;
          used_at: unknown;
          created_by: string | null;
          creator_name: string | null;
        }>(
          `SELECT c.store_id, c.role, c.expires_at, c.used_at, c.created_by, t.name AS creator_name
           FROM enrollment_codes c LEFT JOIN admin_tokens t ON t.token_id = c.created_by
           WHERE c.code_hash = $1 FOR UPDATE OF c`,
          [codeHash],
        );
        const code = rows[0];
        if (!code) throw new CatalogError('enrollment-code-invalid');
        if (code.used_at) throw new CatalogError('enrollment-code-used');
        if (new Date(code.expires_at).getTime() <= Date.now())
          throw new CatalogError('enrollment-code-expired');
        const deviceId = newDeviceId();
        const token = newToken('sfd');
        await tx.query(
          'INSERT INTO devices (device_id, store_id, token_hash, label, role) VALUES ($1, $2, $3, $4, $5)',
          [deviceId, code.store_id, hashSecret(token), request.body.label ?? null, code.role],
        );
        await tx.query(
          'UPDATE enrollment_codes SET used_at = now(), used_by_device = $2 WHERE code_hash = $1',
          [codeHash, deviceId],
        );
        // The admin who made the code is who enrolled the device: the trail names them, not the till.
        await recordAudit(tx, {
          actorId: code.created_by ?? 'unknown',
          actorName: code.creator_name ?? 'unknown',
          action: 'device.enroll',
          target: deviceId,
          detail: { storeId: code.store_id, deviceId, role: code.role, label: request.body.label ?? null },
        });
        return { deviceId, storeId: code.store_id, role: code.role, token };
      });
      return reply.code(201).send(enrolled);
    },
  );

  app.delete<{ Params: Static<typeof DeviceParams> }>(
    '/api/admin/devices/:deviceId',
    { schema: { params: DeviceParams }, onRequest: app.requireAdmin },
    async (request, reply) => {
      const { deviceId } = request.params;
      const revoked = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ revoked_at: Date | string }>(
          'UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE device_id = $1 RETURNING revoked_at',
          [deviceId],
        );
        // Every instance closes this device's streams when the revocation commits.
        if (rows[0]) await tx.query('SELECT pg_notify($1, $2)', [REVOCATIONS_CHANNEL, deviceId]);
        return rows[0];
      });
      if (!revoked) return replyError(reply, 'unknown-device', deviceId);
      hub.closeDevice(deviceId);
      return { deviceId, revokedAt: new Date(revoked.revoked_at).toISOString() };
    },
  );
};
