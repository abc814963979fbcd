import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { CHAIN_WIDE } from '@storefloor/core';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { errorBody, errorCatalog, replyError } from '../errors/index.js';
import type { ImportItem } from './import-item.js';
import { taxRatesImport } from './kinds/tax-rates-import.js';
import { runImport } from './run-import.js';

export interface TaxRateRoutesOptions {
  readonly db: Database;
}

async function* oneRecord(fields: Readonly<Record<string, unknown>>): AsyncIterable<ImportItem> {
  yield { type: 'record', line: 1, fields };
}

/**
 * `POST /api/admin/tax-rates { storeId?, taxClass, rateBps, label, validFrom, validTo?, id? }` (admin): adds
 * ONE tax rate version. It is the tax-rates import of one row (same field rules, same core validation, same
 * refusal to overwrite a version), answered with the version written or `import-rejected` naming why.
 */
export async function taxRateRoutes(app: FastifyInstance, { db }: TaxRateRoutesOptions): Promise<void> {
  app.post<{ Body: Record<string, unknown> }>(
    '/api/admin/tax-rates',
    {
      preHandler: app.requireAdmin,
      // Open on purpose: the import kind and core's schema check the fields; Fastify coerces nothing.
      schema: { body: Type.Object({}, { additionalProperties: true }) },
    },
    async (request, reply) => {
      const id = randomUUID();
      const outcome = await runImport(db, taxRatesImport, oneRecord(request.body), {
        mode: 'all-or-nothing',
        context: { defaultCurrency: undefined, defaultStoreId: CHAIN_WIDE, newId: () => id },
      });
      if (!outcome.ok) {
        const rejected = outcome.report.rejected[0];
        const detail = rejected ? `${rejected.field ?? 'row'}: ${rejected.reason}` : outcome.detail;
        return reply.code(errorCatalog[outcome.code].statusCode).send(errorBody(outcome.code, detail));
      }
      const written = typeof request.body.id === 'string' ? request.body.id.trim() : id;
      const { rows } = await db.query<{ data: unknown }>(
        "SELECT data FROM documents WHERE collection = 'tax_rates' AND id = $1",
        [written],
      );
      if (!rows[0]) return replyError(reply, 'internal-error', 'the tax rate was not stored');
      return reply.code(201).send(rows[0].data);
    },
  );
}
