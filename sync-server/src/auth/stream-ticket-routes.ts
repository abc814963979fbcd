import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.js';
import { hashSecret, newToken } from './tokens.js';

export interface StreamTicketRoutesOptions {
  readonly db: Database;
  /** How long a ticket may wait before it is used (default 60 s). */
  readonly ttlSeconds?: number;
}

export const DEFAULT_STREAM_TICKET_TTL_SECONDS = 60;

const TicketResponse = Type.Object({ ticket: Type.String(), expiresAt: Type.String() });

/**
 * `POST /api/stream-tickets` (device, header auth): a single-use ticket for `GET /sync/:collection/stream?ticket=`,
 * for clients that cannot set headers on a stream (a browser EventSource). A URL ends up in proxy logs and
 * browser history; a spent or expired ticket there is worthless, a long-lived token would not be.
 */
export const streamTicketRoutes: FastifyPluginAsync<StreamTicketRoutesOptions> = async (
  app: FastifyInstance,
  { db, ttlSeconds = DEFAULT_STREAM_TICKET_TTL_SECONDS },
) => {
  app.post(
    '/api/stream-tickets',
    { onRequest: app.requireDevice, schema: { response: { 201: TicketResponse } } },
    async (request, reply) => {
      const device = request.device;
      if (!device) throw new Error('stream ticket route reached without requireDevice');
      const ticket = newToken('sft');
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      // Spent and expired tickets are kept an hour (for inspection), then dropped as new ones are issued.
      await db.query("DELETE FROM stream_tickets WHERE expires_at < now() - interval '1 hour'");
      await db.query('INSERT INTO stream_tickets (ticket_hash, device_id, expires_at) VALUES ($1, $2, $3)', [
        hashSecret(ticket),
        device.deviceId,
        expiresAt.toISOString(),
      ]);
      return reply.code(201).send({ ticket, expiresAt: expiresAt.toISOString() });
    },
  );
};
