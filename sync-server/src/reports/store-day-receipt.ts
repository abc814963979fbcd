import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/database.js';
import { replyError } from '../errors/index.js';

/** The transaction collections whose documents carry `businessDay`. */
export const DAY_RECEIPT_COLLECTIONS = ['sales', 'shifts', 'cash_movements'] as const;

export interface DayReceiptDigest {
  readonly count: number;
  /** sha-256 hex of the lines `<id> <status>` (status '' when none), sorted, each ended by \n. */
  readonly digest: string;
}

/**
 * What HQ holds of one store's business day, per collection, as a count and a digest. The edge agent computes
 * the same fingerprint over its replica (edge-agent `src/day-end/day-digest.ts`; both tests hold it to the
 * same fixture), so "everything arrived, in its final state" is a checked fact. Deleted documents do not count.
 */
export async function storeDayReceipt(
  db: Queryable,
  storeId: string,
  businessDay: string,
): Promise<Record<(typeof DAY_RECEIPT_COLLECTIONS)[number], DayReceiptDigest>> {
  const result = {} as Record<(typeof DAY_RECEIPT_COLLECTIONS)[number], DayReceiptDigest>;
  for (const collection of DAY_RECEIPT_COLLECTIONS) {
    const { rows } = await db.query<{ id: string; status: string | null }>(
      `SELECT id, data->>'status' AS status FROM documents
       WHERE collection = $1 AND store_id = $2 AND NOT deleted AND data->>'businessDay' = $3`,
      [collection, storeId, businessDay],
    );
    const lines = rows.map((row) => `${row.id} ${row.status ?? ''}\n`).sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(line);
    result[collection] = { count: lines.length, digest: hash.digest('hex') };
  }
  return result;
}

const DayParams = Type.Object({ businessDay: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) });

/** GET /api/store-hub/days/:businessDay — a store hub's own store only (its token says which). */
export async function storeDayReceiptRoutes(app: FastifyInstance, options: { db: Queryable }): Promise<void> {
  app.get<{ Params: { businessDay: string } }>(
    '/api/store-hub/days/:businessDay',
    { schema: { params: DayParams }, preHandler: app.requireDevice },
    async (request, reply) => {
      const device = request.device;
      if (!device) throw new Error('day receipt reached without requireDevice');
      if (device.role !== 'store-hub') {
        return replyError(reply, 'device-forbidden', 'the day receipt is for the store hub');
      }
      const { businessDay } = request.params;
      return {
        storeId: device.storeId,
        businessDay,
        collections: await storeDayReceipt(options.db, device.storeId, businessDay),
      };
    },
  );
}
