import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { replyError } from '../errors/index.js';
import { findMembers, type MemberKey } from './find-members.js';
import { maskMember } from './mask-member.js';
import { pointsBalances } from './points-balance.js';

export interface MemberRoutesOptions {
  readonly db: Database;
}

const MaskedMember = Type.Object({
  id: Type.String(),
  homeStoreId: Type.String(),
  nameInitial: Type.String(),
  phoneLast4: Type.String(),
  tier: Type.String(),
  pointsBalance: Type.Integer(),
});

const PointsBalance = Type.Object({
  memberId: Type.String(),
  balance: Type.Integer(),
  entries: Type.Integer(),
  byKind: Type.Record(Type.String(), Type.Integer()),
});

/**
 * `GET /api/members/lookup?card=…|?phone=…` (device): a member of ANY store, masked, for a lane whose store
 * does not replicate that member. `GET /api/admin/members/:memberId/points` (admin): the reconciled balance.
 */
export async function memberRoutes(app: FastifyInstance, options: MemberRoutesOptions): Promise<void> {
  const { db } = options;

  app.get<{ Querystring: { card?: string; phone?: string } }>(
    '/api/members/lookup',
    {
      preHandler: app.requireDevice,
      schema: {
        querystring: Type.Object(
          {
            card: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            phone: Type.Optional(Type.String({ minLength: 4, maxLength: 32 })),
            token: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ members: Type.Array(MaskedMember) }) },
      },
    },
    async (request, reply) => {
      const { card, phone } = request.query;
      if ((card === undefined) === (phone === undefined)) return replyError(reply, 'member-lookup-invalid');
      const key: MemberKey = card !== undefined ? { card } : { phone: phone as string };
      if ('phone' in key && key.phone.replace(/\D/g, '').length < 4) {
        return replyError(reply, 'member-lookup-invalid', 'a phone number has at least 4 digits');
      }
      const members = await findMembers(db, key);
      if (members.length === 0) return replyError(reply, 'member-not-found');
      const balances = await pointsBalances(
        db,
        members.map((member) => member.id),
      );
      return { members: members.map((member) => maskMember(member, balances.get(member.id)?.balance ?? 0)) };
    },
  );

  app.get<{ Params: { memberId: string } }>(
    '/api/admin/members/:memberId/points',
    {
      preHandler: app.requireAdmin,
      schema: {
        params: Type.Object({ memberId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: PointsBalance },
      },
    },
    async (request, reply) => {
      const { memberId } = request.params;
      const { rows } = await db.query(
        "SELECT 1 FROM documents WHERE collection = 'members' AND id = $1 AND NOT deleted",
        [memberId],
      );
      if (rows.length === 0) return replyError(reply, 'member-not-found', memberId);
      const balance = (await pointsBalances(db, [memberId])).get(memberId);
      return balance;
    },
  );
}
