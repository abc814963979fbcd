import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.js';
import { CatalogError, replyError } from '../errors/index.js';
import { hashSecret, newAdminTokenId, newToken } from './tokens.js';

export interface AdminTokenRoutesOptions {
  readonly db: Database;
}

const TokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
  { additionalProperties: false },
);
const TokenParams = Type.Object({ tokenId: Type.String({ minLength: 1, maxLength: 64 }) });
const AuditQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

interface TokenRow {
  token_id: string;
  name: string;
  created_at: Date | string;
  created_by: string | null;
  revoked_at: Date | string | null;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/**
 * Named admin tokens: `POST /api/admin/tokens` `{ name }` (the token is shown once), `GET /api/admin/tokens`,
 * `DELETE /api/admin/tokens/:tokenId`; and the audit trail, `GET /api/admin/audit?after=&limit=`.
 */
export const adminTokenRoutes: FastifyPluginAsync<AdminTokenRoutesOptions> = async (
  app: FastifyInstance,
  { db },
) => {
  app.post<{ Body: Static<typeof TokenBody> }>(
    '/api/admin/tokens',
    { onRequest: app.requireAdmin, schema: { body: TokenBody } },
    async (request, reply) => {
      const token = newToken('sfa');
      const tokenId = newAdminTokenId();
      const { rows } = await db.query<{ created_at: Date | string }>(
        `INSERT INTO admin_tokens (token_hash, token_id, name, created_by) VALUES ($1, $2, $3, $4)
         RETURNING created_at`,
        [hashSecret(token), tokenId, request.body.name.trim(), request.admin?.tokenId ?? null],
      );
      return reply.code(201).send({
        tokenId,
        name: request.body.name.trim(),
        token,
        createdAt: iso(rows[0]?.created_at ?? new Date()),
      });
    },
  );

  app.get('/api/admin/tokens', { onRequest: app.requireAdmin }, async () => {
    const { rows } = await db.query<TokenRow>(
      'SELECT token_id, name, created_at, created_by, revoked_at FROM admin_tokens ORDER BY created_at, token_id',
    );
    return {
      tokens: rows.map((row) => ({
        tokenId: row.token_id,
        name: row.name,
        createdAt: iso(row.created_at),
        createdBy: row.created_by,
        revokedAt: iso(row.revoked_at),
      })),
    };
  });

  app.delete<{ Params: Static<typeof TokenParams> }>(
    '/api/admin/tokens/:tokenId',
    { onRequest: app.requireAdmin, schema: { params: TokenParams } },
    async (request, reply) => {
      const { tokenId } = request.params;
      const revoked = await db.transaction(async (tx) => {
        // Serialises revocations so that two admins cannot revoke the last two tokens at once.
        await tx.query('LOCK TABLE admin_tokens IN SHARE ROW EXCLUSIVE MODE');
        const { rows } = await tx.query<{ token_id: string; revoked_at: Date | string | null }>(
          'SELECT token_id, revoked_at FROM admin_tokens WHERE token_id = $1',
          [tokenId],
        );
        const row = rows[0];
        if (!row) throw new CatalogError('unknown-admin-token', tokenId);
        if (row.revoked_at) return row.revoked_at;
        const { rows: active } = await tx.query<{ n: string | number }>(
          'SELECT count(*) AS n FROM admin_tokens WHERE revoked_at IS NULL',
        );
        if (Number(active[0]?.n ?? 0) <= 1) throw new CatalogError('last-admin-token', tokenId);
        const { rows: updated } = await tx.query<{ revoked_at: Date | string }>(
          'UPDATE admin_tokens SET revoked_at = now() WHERE token_id = $1 RETURNING revoked_at',
          [tokenId],
        );
        return updated[0]?.revoked_at ?? new Date();
      });
      if (!revoked) return replyError(reply, 'unknown-admin-token', tokenId);
      return { tokenId, revokedAt: iso(revoked) };
    },
  );

  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/api/admin/audit',
    { onRequest: app.requireAdmin, schema: { querystring: AuditQuery } },
    async (request) => {
      const { rows } = await db.query<{
        entry_id: string | number;
        at: Date | string;
        actor_id: string;
        actor_name: string;
        action: string;
        target: string | null;
        detail: Record<string, unknown>;
      }>(
        `SELECT entry_id, at, actor_id, actor_name, action, target, detail FROM admin_audit
         WHERE entry_id > $1 ORDER BY entry_id LIMIT $2`,
        [request.query.after ?? 0, request.query.limit ?? 100],
      );
      return {
        entries: rows.map((row) => ({
          entryId: Number(row.entry_id),
          at: iso(row.at),
          actor: { id: row.actor_id, name: row.actor_name },
          action: row.action,
          target: row.target,
          detail: row.detail,
        })),
      };
    },
  );
};
