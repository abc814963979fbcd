import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { saleDoc } from './support/fixtures.js';
import { ADMIN_TOKEN, type EnrolledDevice, type Harness, newRow, startHarness } from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

/**
 * Issue 9, "Inputs that must get a 4xx, never a 500, with nothing written": the four kinds of input an outside
 * fuzzer answered with 500s (U+0000, lone surrogates, deep nesting, bare CSV quotes) and loosely typed sync
 * bodies. Each is refused with a stable code from the catalog, and nothing of the request is written.
 */
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe.each(testDatabases)(
  'hostile input on $name: a 4xx with a stable code, nothing written',
  (engine) => {
    let db: Database;
    let h: Harness;
    let device: EnrolledDevice;
    const counts = async (): Promise<Record<string, number>> => {
      const { rows } = await db.query<{
        documents: string;
        stores: string;
        devices: string;
        imports: string;
      }>(
        `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM stores) AS stores,
              (SELECT count(*) FROM devices) AS devices,
              (SELECT count(*) FROM hq_imports WHERE status = 'applied') AS imports`,
      );
      const row = rows[0] as { documents: string; stores: string; devices: string; imports: string };
      return {
        documents: Number(row.documents),
        stores: Number(row.stores),
        devices: Number(row.devices),
        imports: Number(row.imports),
      };
    };
    let baseline: Record<string, number>;

    beforeAll(async () => {
      db = await engine.open();
      h = await startHarness(db);
      device = await h.enroll('store-hostile');
    });
    afterAll(async () => {
      await h?.close();
      await db?.close();
    });

    const send = (options: {
      method: 'GET' | 'POST' | 'DELETE';
      url: string;
      headers?: Record<string, string>;
      payload?: string | object;
    }) => h.app.inject(options);
    const deviceJson = () => ({
      authorization: `Bearer ${device.token}`,
      'content-type': 'application/json',
    });
    const adminJson = { ...admin, 'content-type': 'application/json' };

    const expectRefused = async (
      response: { statusCode: number; json(): unknown },
      statusCode: number,
      code: string,
      detail?: string,
    ): Promise<void> => {
      expect(response.statusCode).toBe(statusCode);
      expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
      if (detail) expect((response.json() as { error: { detail: string } }).error.detail).toContain(detail);
      expect(await counts()).toEqual(baseline);
    };

    describe('U+0000 anywhere in text → 400 invalid-text', () => {
      beforeAll(async () => {
        baseline = await counts();
      });

      it('in a pull checkpoint id', async () => {
        const response = await send({
          method: 'POST',
          url: '/sync/sales/pull',
          headers: deviceJson(),
          payload: { checkpoint: { sequence: 0, id: 'a\u0000' }, batchSize: 5 },
        });
        await expectRefused(response, 400, 'invalid-text', 'body/checkpoint/id');
      });

      it('in query strings: ?card=%00, ?storeId=%00, ?phone=%00', async () => {
        for (const url of [
          '/api/members/lookup?card=%00',
          '/api/members/lookup?phone=1234%00',
          '/sync/sales/pull?storeId=%00',
        ]) {
          const response = await send({
            method: url.startsWith('/sync') ? 'POST' : 'GET',
            url,
            headers: deviceJson(),
            ...(url.startsWith('/sync') ? { payload: {} } : {}),
          });
          await expectRefused(response, 400, 'invalid-text', 'query/');
        }
        for (const url of [
          '/api/admin/reports/stock?storeId=%00',
          '/api/admin/reports/sales?from=2026-01-01&to=2026-01-02&storeId=%00',
          '/api/admin/reports/day-end?businessDay=2026-01-01&storeId=x%00y',
        ]) {
          await expectRefused(
            await send({ method: 'GET', url, headers: admin }),
            400,
            'invalid-text',
            'query/storeId',
          );
        }
      });

      it('in path parameters', async () => {
        await expectRefused(
          await send({ method: 'DELETE', url: '/api/admin/devices/%00', headers: admin }),
          400,
          'invalid-text',
          'params/deviceId',
        );
        await expectRefused(
          await send({
            method: 'POST',
            url: '/api/admin/stores/a%00/enrollment-codes',
            headers: adminJson,
            payload: {},
          }),
          400,
          'invalid-text',
          'params/storeId',
        );
      });

      it('in an enrollment label: the code stays unused and no device is enrolled', async () => {
        const code = await send({
          method: 'POST',
          url: '/api/admin/stores/store-hostile/enrollment-codes',
          headers: adminJson,
          payload: {},
        });
        const response = await send({
          method: 'POST',
          url: '/api/enroll',
          headers: { 'content-type': 'application/json' },
          payload: { code: code.json().code, label: 'Lane\u00002' },
        });
        await expectRefused(response, 400, 'invalid-text', 'body/label');
        const retry = await send({
          method: 'POST',
          url: '/api/enroll',
          headers: { 'content-type': 'application/json' },
          payload: { code: code.json().code, label: 'Lane 2' },
        });
        expect(retry.statusCode).toBe(201);
        baseline = await counts();
      });

      it('in a store name', async () => {
        const response = await send({
          method: 'POST',
          url: '/api/admin/stores',
          headers: adminJson,
          payload: { storeId: 'store-nul', name: 'Corner\u0000Shop' },
        });
        await expectRefused(response, 400, 'invalid-text', 'body/name');
      });

      it('in a pushed document, value or key', async () => {
        const sale = saleDoc(device.storeId, { deviceId: device.deviceId });
        for (const newDocumentState of [
          { ...sale, cashierId: 'emp\u0000' },
          { ...sale, 'cashier\u0000Id': 'x' },
        ]) {
          const response = await send({
            method: 'POST',
            url: '/sync/sales/push',
            headers: deviceJson(),
            payload: [{ assumedMasterState: null, newDocumentState }],
          });
          await expectRefused(response, 400, 'invalid-text', 'body/0/newDocumentState/');
        }
      });
    });

    describe('a lone or reversed surrogate → invalid-text', () => {
      beforeAll(async () => {
        baseline = await counts();
      });

      // Written as raw JSON text: JSON.stringify would escape the same code units, but this is what a client sends.
      const saleText = (): string => JSON.stringify(saleDoc(device.storeId, { deviceId: device.deviceId }));

      it('in any string of a pushed document, keys included', async () => {
        const cases = [
          ['value', saleText().replace('"cashierId":"emp-7"', '"cashierId":"emp\\ud800"')],
          ['reversed pair', saleText().replace('"cashierId":"emp-7"', '"cashierId":"\\udc00\\ud800"')],
          ['nested value', saleText().replace('"description":"Product 1"', '"description":"\\udfff"')],
          ['key', saleText().replace('"cashierId":"emp-7"', '"cashierId":"emp-7","\\ud83d":"x"')],
        ] as const;
        for (const [what, document] of cases) {
          expect(document, what).toMatch(/\\ud[89a-f]/);
          const response = await send({
            method: 'POST',
            url: '/sync/sales/push',
            headers: deviceJson(),
            payload: `[{"assumedMasterState":null,"newDocumentState":${document}}]`,
          });
          await expectRefused(response, 400, 'invalid-text', 'lone UTF-16 surrogate');
        }
      });

      it('a well-formed pair (an emoji) is ordinary text and is stored', async () => {
        const response = await send({
          method: 'POST',
          url: '/sync/sales/push',
          headers: deviceJson(),
          payload: `[{"newDocumentState":${saleText().replace('"description":"Product 1"', '"description":"Pizza \\ud83c\\udf55"')}}]`,
        });
        expect(response.statusCode).toBe(200);
        baseline = await counts();
      });

      it('in a JSON or NDJSON import row, value or key: that row is rejected with its line', async () => {
        for (const [contentType, body] of [
          [
            'application/json',
            '[{"id":"P1","name":"Bad \\ud800","taxClass":"standard"},\n{"id":"P2","name":"Good","taxClass":"standard"}]',
          ],
          [
            'application/x-ndjson',
            '{"id":"P1","name":"Bad","taxClass":"standard","\\udc00":"x"}\n{"id":"P2","name":"Good","taxClass":"standard"}\n',
          ],
        ] as const) {
          const response = await send({
            method: 'POST',
            url: '/api/admin/import/products',
            headers: { ...admin, 'content-type': contentType },
            payload: body,
          });
          expect(response.statusCode, response.body).toBe(200);
          expect(response.json()).toMatchObject({
            accepted: expect.any(Number),
            rejectedCount: 1,
            rejected: [{ line: 1, reason: expect.stringContaining('lone UTF-16 surrogate') }],
          });
        }
        const { rows } = await db.query("SELECT id FROM documents WHERE collection = 'products' ORDER BY id");
        expect(rows).toEqual([{ id: 'P2' }]);
        baseline = await counts();
      });
    });

    describe('deep nesting is refused by a depth limit before anything walks it', () => {
      beforeAll(async () => {
        baseline = await counts();
      });

      it('a pushed document nested 100,000 levels deep → 400 nesting-too-deep', async () => {
        const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
        const document = JSON.stringify(saleDoc(device.storeId, { deviceId: device.deviceId })).replace(
          /}$/,
          `,"deep":${deep}}`,
        );
        const response = await send({
          method: 'POST',
          url: '/sync/sales/push',
          headers: deviceJson(),
          payload: `[{"newDocumentState":${document}}]`,
        });
        await expectRefused(response, 400, 'nesting-too-deep', 'nested deeper than 32 levels');
      });

      it('brackets inside strings do not count', async () => {
        const sale = saleDoc(device.storeId, { deviceId: device.deviceId });
        const lines = sale.lines as Record<string, unknown>[];
        lines[0] = { ...lines[0], description: '[{'.repeat(40) };
        const response = await send({
          method: 'POST',
          url: '/sync/sales/push',
          headers: deviceJson(),
          payload: [newRow(sale)],
        });
        expect(response.statusCode, response.body).toBe(200);
        baseline = await counts();
      });

      it('an import row nested thousands deep is a rejected row', async () => {
        const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
        const response = await send({
          method: 'POST',
          url: '/api/admin/import/products',
          headers: { ...admin, 'content-type': 'application/x-ndjson' },
          payload: `{"id":"P3","name":${deep},"taxClass":"standard"}\n`,
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({
          accepted: 0,
          rejected: [{ line: 1, reason: expect.stringContaining('nesting-too-deep') }],
        });
        expect(await counts()).toEqual({ ...baseline, imports: (baseline.imports ?? 0) + 1 });
        baseline = await counts();
      });
    });

    describe('a CSV cell with a bare quote (12" pizza)', () => {
      const csv =
        'id,name,taxClass\nQ1,"Margherita, 12""",standard\nQ2,12" pizza,standard\nQ3,Calzone,standard\n';

      it('apply-valid: that row is rejected with its line number, the others are applied', async () => {
        const response = await send({
          method: 'POST',
          url: '/api/admin/import/products',
          headers: { ...admin, 'content-type': 'text/csv' },
          payload: csv,
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toMatchObject({
          accepted: 2,
          rejectedCount: 1,
          rejected: [{ line: 3, reason: expect.stringContaining('bare-quote') }],
        });
        const { rows } = await db.query<{ id: string; name: string }>(
          "SELECT id, data->>'name' AS name FROM documents WHERE collection = 'products' AND id LIKE 'Q%' ORDER BY id",
        );
        expect(rows).toEqual([
          { id: 'Q1', name: 'Margherita, 12"' },
          { id: 'Q3', name: 'Calzone' },
        ]);
      });

      it('all-or-nothing: the whole file is refused with import-rejected, nothing written', async () => {
        baseline = await counts();
        const response = await send({
          method: 'POST',
          url: '/api/admin/import/products?mode=all-or-nothing',
          headers: { ...admin, 'content-type': 'text/csv' },
          payload: csv.replaceAll('Q', 'R'),
        });
        await expectRefused(response, 422, 'import-rejected');
        expect(response.json()).toMatchObject({ report: { rejected: [{ line: 3 }] } });
      });

      it('an unclosed quoted field (it would swallow the rest of the file) → 400 import-malformed', async () => {
        const response = await send({
          method: 'POST',
          url: '/api/admin/import/products',
          headers: { ...admin, 'content-type': 'text/csv' },
          payload: 'id,name,taxClass\nS1,"Open,standard\nS2,Closed,standard\n',
        });
        await expectRefused(response, 400, 'import-malformed');
      });
    });

    describe('sync bodies are typed strictly, never coerced', () => {
      beforeAll(async () => {
        baseline = await counts();
      });

      it('batchSize "0x10", "16", true, 1.5 → 400 invalid-request', async () => {
        for (const batchSize of ['0x10', '16', true, 1.5, null]) {
          const response = await send({
            method: 'POST',
            url: '/sync/sales/pull',
            headers: deviceJson(),
            payload: { checkpoint: null, batchSize },
          });
          await expectRefused(response, 400, 'invalid-request', 'batchSize');
        }
      });

      it('checkpoint sequence "3" → 400 invalid-request', async () => {
        const response = await send({
          method: 'POST',
          url: '/sync/sales/pull',
          headers: deviceJson(),
          payload: { checkpoint: { sequence: '3', id: '' } },
        });
        await expectRefused(response, 400, 'invalid-request');
      });

      it('_deleted "false", 1, 0, "true" → 400 invalid-request', async () => {
        for (const deleted of ['false', 1, 0, 'true']) {
          const response = await send({
            method: 'POST',
            url: '/sync/sales/push',
            headers: deviceJson(),
            payload: [
              {
                newDocumentState: {
                  ...saleDoc(device.storeId, { deviceId: device.deviceId }),
                  _deleted: deleted,
                },
              },
            ],
          });
          await expectRefused(response, 400, 'invalid-request', '_deleted');
        }
      });

      it('query strings are text and still convert: ?staleAfterMinutes=30 is the integer 30', async () => {
        const response = await send({
          method: 'GET',
          url: '/api/admin/reports/day-end?businessDay=2026-11-23&staleAfterMinutes=30',
          headers: admin,
        });
        expect(response.statusCode).toBe(200);
      });
    });
  },
);
