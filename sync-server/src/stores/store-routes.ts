import { type Static, Type } from '@sinclair/typebox';
import { type StoreDoc, storeSettingsInForce } from '@storefloor/core';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Database, Queryable } from '../db/database.js';
import { CatalogError, replyError } from '../errors/index.js';
import { instant } from '../import/field-parsers.js';
import { writeMasterDocuments } from '../replication/write-master-documents.js';
import { nextSettingsVersion } from './store-settings-version.js';
import { storeSettingsVersions } from './store-settings-versions.js';

export interface StoreRoutesOptions {
  readonly db: Database;
  /** Epoch milliseconds now (tests pin it). */
  readonly now?: () => number;
}

// Settings are an open object here on purpose: core's `stores` schema checks them (nextSettingsVersion), so
// the route holds no second copy of the rules and Fastify coerces nothing in them.
const Settings = Type.Object({}, { additionalProperties: true });
const CreateStoreBody = Type.Object(
  {
    storeId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    settings: Type.Optional(Settings),
  },
  { additionalProperties: false },
);
const StoreParams = Type.Object({ storeId: Type.String({ minLength: 1, maxLength: 64 }) });

/** `validFrom`/`validTo` may be sent as ISO 8601 date-times with an offset, as in the imports. */
function withInstants(changes: Record<string, unknown>): Record<string, unknown> {
  const out = { ...changes };
  for (const field of ['validFrom', 'validTo'] as const) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    const parsed = instant(value);
    if (!parsed.ok) throw new CatalogError('invalid-document', `${field}: ${parsed.detail ?? parsed.reason}`);
    out[field] = parsed.value;
  }
  return out;
}

async function writeVersion(
  tx: Queryable,
  storeId: string,
  storeName: string,
  changes: Record<string, unknown>,
  now: number,
): Promise<StoreDoc> {
  const dated = withInstants(changes);
  const validFrom = typeof dated.validFrom === 'number' ? dated.validFrom : now;
  const versions = await storeSettingsVersions(tx, storeId);
  const base = storeSettingsInForce(storeId, validFrom, versions);
  // Before the first version in force (a back-dated change), build on the earliest one.
  const next = nextSettingsVersion({
    storeId,
    storeName,
    base: base.ok ? base.value : versions[0],
    changes: dated,
    now,
  });
  if (!next.ok) throw new CatalogError(next.code, next.detail);
  await writeMasterDocuments(tx, 'stores', [{ ...next.version }]);
  return next.version;
}

/**
 * Stores and their settings (ARCHITECTURE.md §3: master data, versioned like prices).
 * - `POST /api/admin/stores { storeId, name, settings? }` registers a store and, with `settings`, writes its
 *   first settings version (replicated to the store's devices as a `stores` document).
 * - `PATCH /api/admin/stores/:storeId { …changes, validFrom? }` writes a NEW version: the version in force at
 *   `validFrom` (default now) with the changes laid over it. Nothing is edited in place.
 * - `GET /api/admin/stores/:storeId` lists every version and the one in force now.
 */
export const storeRoutes: FastifyPluginAsync<StoreRoutesOptions> = async (app: FastifyInstance, options) => {
  const { db } = options;
  const now = options.now ?? Date.now;

  app.post<{ Body: Static<typeof CreateStoreBody> }>(
    '/api/admin/stores',
    { schema: { body: CreateStoreBody }, preHandler: app.requireAdmin },
    async (request, reply) => {
      const { storeId, name, settings } = request.body;
      const created = await db.transaction(async (tx) => {
        const { rows } = await tx.query(
          'INSERT INTO stores (store_id, name) VALUES ($1, $2) ON CONFLICT (store_id) DO NOTHING RETURNING store_id',
          [storeId, name],
        );
        if (rows.length === 0) throw new CatalogError('store-exists', storeId);
        return settings === undefined ? undefined : writeVersion(tx, storeId, name, settings, now());
      });
      return reply.code(201).send(created ? { storeId, name, settings: created } : { storeId, name });
    },
  );

  app.patch<{ Params: Static<typeof StoreParams>; Body: Record<string, unknown> }>(
    '/api/admin/stores/:storeId',
    { schema: { params: StoreParams, body: Settings }, preHandler: app.requireAdmin },
    async (request, reply) => {
      const { storeId } = request.params;
      const version = await db.transaction(async (tx) => {
        // FOR UPDATE: two changes to one store are made one after the other, each on the other's result.
        const { rows } = await tx.query<{ name: string }>(
          'SELECT name FROM stores WHERE store_id = $1 FOR UPDATE',
          [storeId],
        );
        const store = rows[0];
        if (!store) throw new CatalogError('unknown-store', storeId);
        const written = await writeVersion(tx, storeId, store.name, request.body, now());
        await tx.query('UPDATE stores SET name = $2 WHERE store_id = $1', [storeId, written.name]);
        return written;
      });
      return reply.code(201).send({ storeId, settings: version });
    },
  );

  app.get<{ Params: Static<typeof StoreParams> }>(
    '/api/admin/stores/:storeId',
    { schema: { params: StoreParams }, preHandler: app.requireAdmin },
    async (request, reply) => {
      const { storeId } = request.params;
      const { rows } = await db.query<{ name: string; created_at: Date | string }>(
        'SELECT name, created_at FROM stores WHERE store_id = $1',
        [storeId],
      );
      const store = rows[0];
      if (!store) return replyError(reply, 'unknown-store', storeId);
      const versions = await storeSettingsVersions(db, storeId);
      const inForce = storeSettingsInForce(storeId, now(), versions);
      return {
        storeId,
        name: store.name,
        createdAt: new Date(store.created_at).toISOString(),
        settingsInForce: inForce.ok ? inForce.value : null,
        settingsVersions: versions,
      };
    },
  );
};
