import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/admin-audit.js';
import type { Database } from '../db/database.js';
import { replyError } from '../errors/index.js';
import { eraseMember, exportMember, setMemberConsent } from './member-privacy.js';

export interface MemberPrivacyRoutesOptions {
  readonly db: Database;
}

const MemberParams = Type.Object({ memberId: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * A member's rights at HQ (PIPL): `GET /api/admin/members/:memberId/export` (access and copy),
 * `POST /api/admin/members/:memberId/erase` (deletion; the id stays for the ledgers), and
 * `PUT /api/admin/members/:memberId/consent { personalData }` (withdraw or give consent). Admin only; every
 * write is in the admin audit trail (`member.erase`, `member.consent`), and so is every export (`member.export`).
 */
export async function memberPrivacyRoutes(
  app: FastifyInstance,
  options: MemberPrivacyRoutesOptions,
): Promise<void> {
  const { db } = options;

  app.get<{ Params: { memberId: string } }>(
    '/api/admin/members/:memberId/export',
    { preHandler: app.requireAdmin, schema: { params: MemberParams } },
    async (request, reply) => {
      const exported = await exportMember(db, request.params.memberId);
      if (!exported.ok) return replyError(reply, exported.code, exported.detail);
      // Reading a person's whole record is itself a sensitive act: the trail names who did it.
      await recordAudit(db, {
        actorId: request.admin?.tokenId ?? '',
        actorName: request.admin?.name ?? '',
        action: 'member.export',
        target: request.params.memberId,
        detail: { status: 200 },
      });
      return reply.header('cache-control', 'no-store').send(exported.value);
    },
  );

  app.post<{ Params: { memberId: string } }>(
    '/api/admin/members/:memberId/erase',
    { preHandler: app.requireAdmin, schema: { params: MemberParams } },
    async (request, reply) => {
      const erased = await eraseMember(db, request.params.memberId, request.admin?.tokenId ?? 'admin');
      if (!erased.ok) return replyError(reply, erased.code, erased.detail);
      return erased.value;
    },
  );

  app.put<{ Params: { memberId: string }; Body: { personalData: boolean } }>(
    '/api/admin/members/:memberId/consent',
    {
      preHandler: app.requireAdmin,
      schema: {
        params: MemberParams,
        body: Type.Object({ personalData: Type.Boolean() }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const changed = await setMemberConsent(
        db,
        request.params.memberId,
        request.body.personalData,
        request.admin?.tokenId ?? 'admin',
      );
      if (!changed.ok) return replyError(reply, changed.code, changed.detail);
      return changed.value;
    },
  );
}
