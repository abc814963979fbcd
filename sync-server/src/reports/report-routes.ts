import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { replyError } from '../errors/index.js';
import { dayEndStatus } from './day-end-status.js';
import { productSalesReport } from './product-sales-report.js';
import { salesReport } from './sales-report.js';
import { stockReport } from './stock-report.js';

export interface ReportRoutesOptions {
  readonly db: Database;
}

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const StoreId = Type.String({ minLength: 1, maxLength: 64 });
const RangeQuery = Type.Object(
  { from: Day, to: Day, storeId: Type.Optional(StoreId) },
  { additionalProperties: false },
);

/** A year of days at most per call: a report is read by people, an export is another tool. */
const MAX_RANGE_DAYS = 366;

function rangeProblem(from: string, to: string): string | undefined {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days)) return 'from and to must be real dates';
  if (days < 0) return 'from is after to';
  if (days >= MAX_RANGE_DAYS) return `at most ${MAX_RANGE_DAYS} days per report`;
  return undefined;
}

/**
 * HQ reports (admin), JSON: GET /api/admin/reports/sales, /products, /stock, /day-end.
 */
export async function reportRoutes(app: FastifyInstance, options: ReportRoutesOptions): Promise<void> {
  const { db } = options;

  app.get<{ Querystring: { from: string; to: string; storeId?: string } }>(
    '/api/admin/reports/sales',
    { preHandler: app.requireAdmin, schema: { querystring: RangeQuery } },
    async (request, reply) => {
      const problem = rangeProblem(request.query.from, request.query.to);
      if (problem) return replyError(reply, 'invalid-report-query', problem);
      return { days: await salesReport(db, request.query) };
    },
  );

  app.get<{ Querystring: { from: string; to: string; storeId?: string } }>(
    '/api/admin/reports/products',
    { preHandler: app.requireAdmin, schema: { querystring: RangeQuery } },
    async (request, reply) => {
      const problem = rangeProblem(request.query.from, request.query.to);
      if (problem) return replyError(reply, 'invalid-report-query', problem);
      return { rows: await productSalesReport(db, request.query) };
    },
  );

  app.get<{ Querystring: { storeId: string; productId?: string } }>(
    '/api/admin/reports/stock',
    {
      preHandler: app.requireAdmin,
      schema: {
        querystring: Type.Object(
          { storeId: StoreId, productId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => stockReport(db, request.query.storeId, request.query.productId),
  );

  app.get<{ Querystring: { businessDay: string; storeId?: string; staleAfterMinutes?: number } }>(
    '/api/admin/reports/day-end',
    {
      preHandler: app.requireAdmin,
      schema: {
        querystring: Type.Object(
          {
            businessDay: Day,
            storeId: Type.Optional(StoreId),
            staleAfterMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      stores: await dayEndStatus(db, request.query.businessDay, {
        ...(request.query.storeId === undefined ? {} : { storeId: request.query.storeId }),
        ...(request.query.staleAfterMinutes === undefined
          ? {}
          : { staleAfterMs: request.query.staleAfterMinutes * 60_000 }),
      }),
    }),
  );
}
