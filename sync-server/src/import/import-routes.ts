import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { CHAIN_WIDE } from '@storefloor/core';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { errorBody, errorCatalog, replyError } from '../errors/index.js';
import { csvRecords } from './csv-records.js';
import type { ImportItem } from './import-item.js';
import { importKinds } from './import-kinds.js';
import { jsonArrayRecords, ndjsonRecords } from './json-records.js';
import { type ImportMode, runImport } from './run-import.js';

export interface ImportRoutesOptions {
  readonly db: Database;
  /** Largest import body in bytes (default 256 MiB: ~2 million product rows). */
  readonly bodyLimitBytes?: number;
  /** How many rejected rows the report lists (all are counted). */
  readonly rejectedLimit?: number;
}

export const DEFAULT_IMPORT_BODY_LIMIT = 256 * 1024 * 1024;

const MEDIA_TYPES = ['text/csv', 'application/json', 'application/x-ndjson'] as const;
type ImportMediaType = (typeof MEDIA_TYPES)[number];

const ImportQuery = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('apply-valid'), Type.Literal('all-or-nothing')])),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    storeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const RejectedRow = Type.Object({
  line: Type.Integer(),
  reason: Type.String(),
  field: Type.Optional(Type.String()),
});

const ImportReport = Type.Object({
  importId: Type.String(),
  kind: Type.String(),
  mode: Type.String(),
  accepted: Type.Integer(),
  unchanged: Type.Integer(),
  rejectedCount: Type.Integer(),
  rejected: Type.Array(RejectedRow),
  rejectedTruncated: Type.Boolean(),
});

/**
 * `POST /api/admin/import/:kind` (admin): a CSV (header row), JSON array or NDJSON body streamed row by row,
 * never held whole in memory. Fastify hands the raw request stream through (the content-type parsers of
 * this plugin only pass it on), and the size limit is enforced while streaming.
 */
export async function importRoutes(app: FastifyInstance, options: ImportRoutesOptions): Promise<void> {
  const limit = options.bodyLimitBytes ?? DEFAULT_IMPORT_BODY_LIMIT;
  // Encapsulated: only this plugin's routes get the pass-through parsers.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...MEDIA_TYPES], (_request, payload, done) => done(null, payload));
  app.addContentTypeParser('*', (_request, payload, done) => {
    payload.resume();
    done(null, undefined);
  });

  app.post<{
    Params: { kind: string };
    Querystring: { mode?: ImportMode; currency?: string; storeId?: string };
  }>(
    '/api/admin/import/:kind',
    {
      preHandler: app.requireAdmin,
      schema: {
        params: Type.Object({ kind: Type.String({ maxLength: 64 }) }),
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (request, reply) => {
      const kind = importKinds.get(request.params.kind);
      if (!kind) return replyError(reply, 'unknown-import-kind', request.params.kind);
      const mediaType = mediaTypeOf(request.headers['content-type']);
      const body = request.body as Readable | undefined;
      if (!mediaType || !body) {
        return replyError(
          reply,
          'import-unsupported-media-type',
          String(request.headers['content-type'] ?? 'none'),
        );
      }
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        // The body is never read: close the connection rather than drain a huge upload.
        reply.header('connection', 'close');
        return replyError(reply, 'import-too-large', `${declared} bytes; the limit is ${limit}`);
      }
      const items = readerFor(mediaType)(body, limit);
      const outcome = await runImport(options.db, kind, items, {
        mode: request.query.mode ?? 'apply-valid',
        context: {
          defaultCurrency: request.query.currency,
          defaultStoreId: request.query.storeId ?? CHAIN_WIDE,
        },
        ...(options.rejectedLimit === undefined ? {} : { rejectedLimit: options.rejectedLimit }),
      });
      if (outcome.ok) return outcome.report;
      const detail = outcome.line === undefined ? outcome.detail : `line ${outcome.line}: ${outcome.detail}`;
      if (!body.readableEnded) reply.header('connection', 'close');
      return reply
        .code(errorCatalog[outcome.code].statusCode)
        .send({ ...errorBody(outcome.code, detail), report: outcome.report });
    },
  );
}

function mediaTypeOf(header: string | undefined): ImportMediaType | undefined {
  const essence = header?.split(';')[0]?.trim().toLowerCase();
  return MEDIA_TYPES.find((type) => type === essence);
}

function readerFor(mediaType: ImportMediaType): (body: Readable, limit: number) => AsyncIterable<ImportItem> {
  if (mediaType === 'text/csv') return csvRecords;
  if (mediaType === 'application/json') return jsonArrayRecords;
  return ndjsonRecords;
}
