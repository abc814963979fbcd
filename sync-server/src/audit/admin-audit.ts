import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database, Queryable } from '../db/database.js';
import { textProblem } from '../input/unstorable-text.js';

/** Text as the trail can store it: U+0000 or a lone surrogate (a refused request's target) stays visible, escaped. */
function storable(text: string): string {
  return textProblem(text) ? JSON.stringify(text).slice(1, -1) : text;
}

export interface AuditEntry {
  readonly actorId: string;
  readonly actorName: string;
  readonly action: string;
  readonly target?: string | undefined;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Appends one entry to `admin_audit` (append-only: the table refuses UPDATE, DELETE and TRUNCATE). */
export async function recordAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query(
    'INSERT INTO admin_audit (actor_id, actor_name, action, target, detail) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [entry.actorId, entry.actorName, entry.action, entry.target ?? null, JSON.stringify(entry.detail ?? {})],
  );
}

/** Action names and targets of the admin routes; any other admin write is recorded as `METHOD /route`. */
const ACTIONS: Record<string, { action: string; target: (request: FastifyRequest) => unknown }> = {
  'POST /api/admin/stores': {
    action: 'store.create',
    target: (r) => (r.body as { storeId?: unknown })?.storeId,
  },
  'PATCH /api/admin/stores/:storeId': {
    action: 'store.update',
    target: (r) => (r.params as { storeId?: unknown }).storeId,
  },
  'POST /api/admin/tax-rates': {
    action: 'tax-rate.create',
    target: (r) => (r.body as { taxClass?: unknown })?.taxClass,
  },
  'POST /api/admin/stores/:storeId/enrollment-codes': {
    action: 'enrollment-code.create',
    target: (r) => (r.params as { storeId?: unknown }).storeId,
  },
  'DELETE /api/admin/devices/:deviceId': {
    action: 'device.revoke',
    target: (r) => (r.params as { deviceId?: unknown }).deviceId,
  },
  'POST /api/admin/import/:kind': { action: 'import', target: (r) => (r.params as { kind?: unknown }).kind },
  'POST /api/admin/members/:memberId/erase': {
    action: 'member.erase',
    target: (r) => (r.params as { memberId?: unknown }).memberId,
  },
  'PUT /api/admin/members/:memberId/consent': {
    action: 'member.consent',
    target: (r) => (r.params as { memberId?: unknown }).memberId,
  },
  'POST /api/admin/tokens': { action: 'admin-token.create', target: () => undefined },
  'DELETE /api/admin/tokens/:tokenId': {
    action: 'admin-token.revoke',
    target: (r) => (r.params as { tokenId?: unknown }).tokenId,
  },
};

/** Response fields worth keeping in the trail. Secrets (`token`, `code`) are never among them. */
const DETAIL_FIELDS = [
  'storeId',
  'role',
  'name',
  'deviceId',
  'tokenId',
  'expiresAt',
  'revokedAt',
  'importId',
  'kind',
  'mode',
  'accepted',
  'unchanged',
  'rejectedCount',
  'memberId',
  'erasedAt',
] as const;

function detailOf(payload: unknown, statusCode: number): Record<string, unknown> {
  const detail: Record<string, unknown> = { status: statusCode };
  if (typeof payload !== 'string' || !payload.startsWith('{')) return detail;
  try {
    const body = JSON.parse(payload) as Record<string, unknown> & { error?: { code?: unknown } };
    for (const field of DETAIL_FIELDS) {
      const value = body[field];
      if (typeof value === 'string') detail[field] = storable(value);
      else if (typeof value === 'number') detail[field] = value;
    }
    if (body.error && typeof body.error.code === 'string') detail.error = body.error.code;
  } catch {
    // Not JSON: the status is all the trail needs.
  }
  return detail;
}

/**
 * Records every write an authenticated admin token makes (any method but GET/HEAD/OPTIONS), refused or not:
 * who (token id and name), what (action and target), when, and the outcome. Written before the response
 * leaves, so an answer the client saw always has its entry.
 */
export function installAdminAudit(app: FastifyInstance, db: Database): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const admin = request.admin;
    if (!admin || request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
      return payload;
    }
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const known = ACTIONS[route];
    const target = known?.target(request);
    await recordAudit(db, {
      actorId: admin.tokenId,
      actorName: admin.name,
      action: known?.action ?? route,
      target: typeof target === 'string' ? storable(target) : undefined,
      detail: detailOf(payload, reply.statusCode),
    });
    return payload;
  });
}
