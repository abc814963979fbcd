import { type StoreDoc, storeSettingsInForce, type TaxRateDoc, taxRateInForce } from '@storefloor/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { writeMasterDocuments } from '../src/replication/write-master-documents.js';
import { saleDoc, stockMovementDoc } from './support/fixtures.js';
import { ADMIN_TOKEN, type EnrolledDevice, type Harness, newRow, startHarness } from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

let storeCounter = 0;
const uniqueStore = (label: string): string => `${label}-${process.pid}-${++storeCounter}`;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

const lyonSettings = {
  currency: 'EUR',
  taxMode: 'inclusive',
  taxRounding: 'document',
  timeZone: 'Europe/Paris',
  businessDayStartHour: 4,
  receiptHeader: 'Storefloor Lyon\nSIRET 123 456 789 00012',
  receiptFooter: 'Merci de votre visite',
  languages: ['fr-FR', 'en-GB'],
  address: '17 rue du Docteur Bouchut, 69003 Lyon',
};

describe.each(testDatabases)('stores, tax rates and roles on $name', (engine) => {
  let db: Database;
  let h: Harness;

  beforeAll(async () => {
    db = await engine.open();
    h = await startHarness(db);
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const createStore = (storeId: string, settings?: object) =>
    h.app.inject({
      method: 'POST',
      url: '/api/admin/stores',
      headers: admin,
      payload: settings ? { storeId, name: `Store ${storeId}`, settings } : { storeId, name: storeId },
    });
  const patchStore = (storeId: string, changes: object) =>
    h.app.inject({ method: 'PATCH', url: `/api/admin/stores/${storeId}`, headers: admin, payload: changes });
  const enrollAs = async (storeId: string, role?: 'lane' | 'store-hub'): Promise<EnrolledDevice> => {
    const code = await h.app.inject({
      method: 'POST',
      url: `/api/admin/stores/${storeId}/enrollment-codes`,
      headers: admin,
      payload: role ? { role } : {},
    });
    expect(code.statusCode).toBe(201);
    expect(code.json().role).toBe(role ?? 'lane');
    const enrolled = await h.app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: code.json().code },
    });
    expect(enrolled.statusCode).toBe(201);
    expect(enrolled.json().role).toBe(role ?? 'lane');
    return enrolled.json() as EnrolledDevice;
  };
  const pullAll = async (device: EnrolledDevice, collection: string) =>
    (await h.pull(device, collection, { checkpoint: null, batchSize: 500 })).body.documents;

  describe('store settings', () => {
    it('are created with the store and reach its devices only, as a stores document', async () => {
      const lyon = uniqueStore('lyon');
      const paris = uniqueStore('paris');
      const created = await createStore(lyon, lyonSettings);
      expect(created.statusCode).toBe(201);
      const version = created.json().settings as StoreDoc;
      expect(version).toMatchObject({ ...lyonSettings, storeId: lyon, name: `Store ${lyon}`, active: true });
      // Defaults a store may rely on: the currency's cash step (EUR: none).
      expect(version.cashRoundingStep).toBe(1);
      expect((await createStore(paris, { ...lyonSettings, timeZone: 'Europe/Paris' })).statusCode).toBe(201);

      const lane = await enrollAs(lyon);
      const pulled = (await pullAll(lane, 'stores')) as unknown as StoreDoc[];
      expect(pulled.map((doc) => doc.storeId)).toEqual([lyon]);
      expect(storeSettingsInForce(lyon, Date.now(), pulled)).toMatchObject({ ok: true, value: version });
    });

    it('change by a new version from validFrom; the old one stays and is in force until then', async () => {
      const storeId = uniqueStore('versions');
      const first = (await createStore(storeId, lyonSettings)).json().settings as StoreDoc;
      const from = Date.parse('2031-01-01T04:00:00+01:00');
      const changed = await patchStore(storeId, {
        receiptFooter: 'Merci et à bientôt',
        currency: 'CHF',
        validFrom: '2031-01-01T04:00:00+01:00',
      });
      expect(changed.statusCode).toBe(201);
      const second = changed.json().settings as StoreDoc;
      expect(second.id).not.toBe(first.id);
      // Everything not changed is carried over; a new currency brings its own cash step (CHF: 0.05).
      expect(second).toMatchObject({
        ...lyonSettings,
        receiptFooter: 'Merci et à bientôt',
        currency: 'CHF',
        cashRoundingStep: 5,
        validFrom: from,
      });

      const lane = await enrollAs(storeId);
      const versions = (await pullAll(lane, 'stores')) as unknown as StoreDoc[];
      expect(versions.map((v) => v.id).sort()).toEqual([first.id, second.id].sort());
      expect(storeSettingsInForce(storeId, from - 1, versions)).toMatchObject({ value: { id: first.id } });
      expect(storeSettingsInForce(storeId, from, versions)).toMatchObject({ value: { id: second.id } });

      const listed = await h.app.inject({
        method: 'GET',
        url: `/api/admin/stores/${storeId}`,
        headers: admin,
      });
      expect(listed.json()).toMatchObject({
        storeId,
        settingsInForce: { id: first.id },
        settingsVersions: [{ id: first.id }, { id: second.id }],
      });
    });

    it('refuse invalid settings with the field named, and write nothing', async () => {
      const storeId = uniqueStore('bad-settings');
      const before = (await h.storedDocuments('stores')).length;
      const badZone = await createStore(storeId, { ...lyonSettings, timeZone: 'Europe/Lyon' });
      expect(badZone.statusCode).toBe(422);
      expect(badZone.json().error).toMatchObject({ code: 'invalid-document' });
      expect(badZone.json().error.detail).toContain('timeZone');
      // The store was not registered either: one transaction.
      const { rows } = await db.query('SELECT 1 FROM stores WHERE store_id = $1', [storeId]);
      expect(rows).toEqual([]);

      expect((await createStore(storeId, lyonSettings)).statusCode).toBe(201);
      const cases: [object, number, string, string][] = [
        [{ languages: ['fr_FR!'] }, 422, 'invalid-document', 'languages[0]'],
        [{ taxRounding: 'half-even' }, 422, 'invalid-document', 'taxRounding'],
        [{ cashRoundingStep: '5' }, 422, 'invalid-document', 'cashRoundingStep'],
        [{ businessDayStartHour: 24 }, 422, 'invalid-document', 'businessDayStartHour'],
        [{ colour: 'red' }, 422, 'invalid-document', 'colour'],
        [{ storeId: 'elsewhere' }, 400, 'invalid-request', 'storeId'],
        [{ id: 'mine' }, 400, 'invalid-request', 'id'],
        [{ _deleted: true }, 400, 'invalid-request', '_deleted'],
        [{ validFrom: '2031-01-01' }, 422, 'invalid-document', 'validFrom'],
      ];
      for (const [changes, status, code, field] of cases) {
        const response = await patchStore(storeId, changes);
        expect(response.statusCode, JSON.stringify(changes)).toBe(status);
        expect(response.json().error.code).toBe(code);
        expect(response.json().error.detail).toContain(field);
      }
      expect((await h.storedDocuments('stores')).length).toBe(before + 1);
      expect((await patchStore(uniqueStore('nowhere'), { receiptFooter: 'x' })).json().error.code).toBe(
        'unknown-store',
      );
    });

    it('a store registered without settings gets its first version by PATCH', async () => {
      const storeId = uniqueStore('later');
      expect((await createStore(storeId)).statusCode).toBe(201);
      const incomplete = await patchStore(storeId, { currency: 'EUR' });
      expect(incomplete.statusCode).toBe(422);
      const first = await patchStore(storeId, lyonSettings);
      expect(first.statusCode).toBe(201);
      expect(first.json().settings).toMatchObject({ ...lyonSettings, name: storeId });
    });
  });

  describe('tax rates', () => {
    it('import from CSV as effective-dated versions per store or chain-wide, never over a version', async () => {
      const storeId = uniqueStore('tax');
      await createStore(storeId, lyonSettings);
      const csv = [
        'id,storeId,taxClass,rateBps,label,validFrom,validTo',
        `${storeId}-std,*,standard,2000,A 20%,2020-01-01T00:00:00+01:00,`,
        `${storeId}-red-old,${storeId},reduced,700,B 7%,2020-01-01T00:00:00+01:00,`,
        `${storeId}-red-new,${storeId},reduced,550,B 5.5%,2030-01-01T00:00:00+01:00,`,
        `${storeId}-bad,${storeId},reduced,55.5,B,2030-01-01T00:00:00+01:00,`,
        `${storeId}-gone,nowhere-${storeId},reduced,550,B,2030-01-01T00:00:00+01:00,`,
        `${storeId}-long,*,reduced,550,${'x'.repeat(40)},2030-01-01T00:00:00+01:00,`,
      ].join('\n');
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/admin/import/tax-rates',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ accepted: 3, rejectedCount: 3 });
      expect(response.json().rejected).toEqual([
        expect.objectContaining({ line: 5, field: 'rateBps' }),
        expect.objectContaining({
          line: 6,
          field: 'storeId',
          reason: expect.stringContaining('unknown-store'),
        }),
        // The label's 32-character limit comes from core's schema, not from the import.
        expect.objectContaining({
          line: 7,
          field: 'label',
          reason: expect.stringContaining('invalid-document'),
        }),
      ]);

      const again = await h.app.inject({
        method: 'POST',
        url: '/api/admin/import/tax-rates',
        headers: { ...admin, 'content-type': 'application/x-ndjson' },
        payload: `${JSON.stringify({ id: `${storeId}-std`, taxClass: 'standard', rateBps: 1900, label: 'A', validFrom: 0 })}\n`,
      });
      expect(again.json().rejected[0]).toMatchObject({
        field: 'id',
        reason: expect.stringContaining('version-exists'),
      });

      const lane = await enrollAs(storeId);
      const rates = ((await pullAll(lane, 'tax_rates')) as unknown as TaxRateDoc[]).filter((r) =>
        r.id.startsWith(storeId),
      );
      expect(rates.map((r) => r.id).sort()).toEqual([
        `${storeId}-red-new`,
        `${storeId}-red-old`,
        `${storeId}-std`,
      ]);
      expect(taxRateInForce('reduced', storeId, Date.parse('2029-06-01T00:00:00Z'), rates)).toMatchObject({
        value: { rateBps: 700 },
      });
      expect(taxRateInForce('reduced', storeId, Date.parse('2030-06-01T00:00:00Z'), rates)).toMatchObject({
        value: { rateBps: 550 },
      });
    });

    it('are added one at a time through the admin API', async () => {
      const storeId = uniqueStore('tax-api');
      await createStore(storeId, lyonSettings);
      const added = await h.app.inject({
        method: 'POST',
        url: '/api/admin/tax-rates',
        headers: admin,
        payload: { storeId, taxClass: 'zero', rateBps: 0, label: 'C 0%', validFrom: '2025-01-01T00:00:00Z' },
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({
        storeId,
        taxClass: 'zero',
        rateBps: 0,
        validFrom: 1_735_689_600_000,
      });
      const refused = await h.app.inject({
        method: 'POST',
        url: '/api/admin/tax-rates',
        headers: admin,
        payload: { storeId, taxClass: 'zero', rateBps: 20_001, label: 'C', validFrom: 0 },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'import-rejected' });
      expect(refused.json().error.detail).toContain('rateBps');
      const lane = await enrollAs(storeId);
      expect((await pullAll(lane, 'tax_rates')).filter((r) => r.storeId === storeId)).toHaveLength(1);
    });
  });

  describe('completed sales checked with core', () => {
    it('refuses a sale whose lines add to 9.95 and whose total says 9 × 10^12, naming the rule; nothing written', async () => {
      const storeId = uniqueStore('tampered');
      await createStore(storeId, lyonSettings);
      const lane = await enrollAs(storeId);
      const honest = saleDoc(lane, { lines: 1, unitPrice: 995 });
      const tampered: Record<string, unknown> = {
        ...saleDoc(lane, { lines: 1, unitPrice: 995 }),
        totals: { ...(honest.totals as object), total: 9_000_000_000_000 },
      };
      const refused = await h.push(lane, 'sales', [newRow(honest), newRow(tampered)]);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toMatchObject({ error: { code: 'invalid-document' } });
      const detail = (refused.body as unknown as { error: { detail: string } }).error.detail;
      expect(detail).toContain(`row 1 (${String(tampered.id)})`);
      expect(detail).toContain('totals.total');
      expect(detail).toContain('sum of the lines’ totals');
      expect((await h.storedDocuments('sales')).filter((row) => row.store_id === storeId)).toEqual([]);

      // The honest sale alone is accepted.
      expect((await h.push(lane, 'sales', [newRow(honest)])).body).toEqual([]);
    });
  });

  describe('roles on push', () => {
    it('a lane writes only documents carrying its own deviceId; anything else is device-forbidden, nothing written', async () => {
      const storeId = uniqueStore('lane-role');
      await createStore(storeId, lyonSettings);
      const lane = await enrollAs(storeId);
      const other = await enrollAs(storeId);
      const own = saleDoc(lane);
      const spoofed = saleDoc(other);
      const refused = await h.push(lane, 'sales', [newRow(own), newRow(spoofed)]);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'device-forbidden' } });
      // Every transaction collection carries deviceId: a stock movement made by 'lane-1' is not this lane's.
      const movement = await h.push(lane, 'stock_movements', [
        newRow(stockMovementDoc(storeId, String(own.id), 'p1')),
      ]);
      expect(movement.body).toMatchObject({ error: { code: 'device-forbidden' } });
      const stored = (await h.storedDocuments('sales')).filter((row) => row.store_id === storeId);
      expect(stored).toEqual([]);
      expect((await h.push(lane, 'sales', [newRow(own)])).body).toEqual([]);
    });

    it('a store hub relays documents of any device enrolled in its store, and of no other', async () => {
      const storeId = uniqueStore('hub');
      const otherStore = uniqueStore('hub-other');
      await createStore(storeId, lyonSettings);
      await createStore(otherStore, lyonSettings);
      const hub = await enrollAs(storeId, 'store-hub');
      const laneOne = await enrollAs(storeId);
      const laneTwo = await enrollAs(storeId);
      const foreignLane = await enrollAs(otherStore);

      const relayed = [saleDoc(laneOne), saleDoc(laneTwo), saleDoc(hub)];
      expect((await h.push(hub, 'sales', relayed.map(newRow))).body).toEqual([]);

      const foreign = { ...saleDoc(foreignLane), storeId };
      const refused = await h.push(hub, 'sales', [newRow(saleDoc(laneOne)), newRow(foreign)]);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'device-forbidden' } });
      const unknown = await h.push(hub, 'sales', [newRow(saleDoc({ storeId, deviceId: 'dev_nobody' }))]);
      expect(unknown.body).toMatchObject({ error: { code: 'device-forbidden' } });

      const stored = (await h.storedDocuments('sales')).filter((row) => row.store_id === storeId);
      expect(stored.map((row) => row.id).sort()).toEqual(relayed.map((doc) => String(doc.id)).sort());

      // A revoked lane's earlier sales still reach HQ through the hub; its own token writes nothing more.
      await h.app.inject({ method: 'DELETE', url: `/api/admin/devices/${laneTwo.deviceId}`, headers: admin });
      expect((await h.push(hub, 'sales', [newRow(saleDoc(laneTwo))])).body).toEqual([]);
      expect((await h.push(laneTwo, 'sales', [newRow(saleDoc(laneTwo))])).statusCode).toBe(401);
    });
  });
  describe('day-end status per store and per device of that store', () => {
    const movement = (device: { storeId: string; deviceId: string }, deviceSequence: number) => ({
      ...stockMovementDoc(device.storeId, '019ab0c0-0000-7000-8000-00000000aaaa', 'p1'),
      deviceId: device.deviceId,
      deviceSequence,
    });
    type StoreDayEnd = {
      storeId: string;
      devices: { deviceId: string; lastPushAt: string | null; missingStockMovements: number }[];
    };
    // The chain-wide report (every store at once) and the one-store report must agree.
    const dayEnd = async (storeId: string): Promise<StoreDayEnd> => {
      const [chain, one] = await Promise.all(
        ['', `&storeId=${storeId}`].map(async (filter) => {
          const response = await h.app.inject({
            url: `/api/admin/reports/day-end?businessDay=2025-03-01${filter}`,
            headers: admin,
          });
          expect(response.statusCode).toBe(200);
          return (response.json().stores as StoreDayEnd[]).find((s) => s.storeId === storeId);
        }),
      );
      expect(chain).toEqual(one);
      return one as StoreDayEnd;
    };

    it("nothing written in one store moves another store's figures", async () => {
      const storeA = uniqueStore('day-a');
      const storeB = uniqueStore('day-b');
      await createStore(storeA, lyonSettings);
      await createStore(storeB, lyonSettings);
      const laneA = await enrollAs(storeA);
      const hubB = await enrollAs(storeB, 'store-hub');
      const laneB = await enrollAs(storeB);
      expect((await h.push(laneA, 'stock_movements', [newRow(movement(laneA, 1))])).body).toEqual([]);
      const before = await dayEnd(storeA);
      expect(before.devices).toEqual([
        expect.objectContaining({ deviceId: laneA.deviceId, missingStockMovements: 0 }),
      ]);

      // Store B: its lane skips sequence 2; its hub relays the lane's sequence 4 (so 2 and 3 are missing).
      expect((await h.push(laneB, 'stock_movements', [newRow(movement(laneB, 1))])).body).toEqual([]);
      expect((await h.push(hubB, 'stock_movements', [newRow(movement(laneB, 4))])).body).toEqual([]);
      // What a device could write before roles were enforced: store B's movement naming store A's lane, with
      // a sequence far ahead of the lane's own. Written as it would be stored, under store B.
      await db.transaction((tx) =>
        writeMasterDocuments(tx, 'stock_movements', [{ ...movement(laneA, 9), storeId: storeB }], {
          writer: laneB.deviceId,
        }),
      );

      expect(await dayEnd(storeA)).toEqual(before);
      const b = await dayEnd(storeB);
      expect(b.devices).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ deviceId: laneB.deviceId, missingStockMovements: 2 }),
          expect.objectContaining({ deviceId: hubB.deviceId, missingStockMovements: 0 }),
        ]),
      );
      // The hub relayed for the lane: both have reached HQ recently.
      for (const device of b.devices) expect(device.lastPushAt).not.toBeNull();
      expect(b.devices.map((d) => d.deviceId)).not.toContain(laneA.deviceId);
    });

    it("a lane's last push counts what its store hub relayed for it", async () => {
      const storeId = uniqueStore('day-relay');
      await createStore(storeId, lyonSettings);
      const hub = await enrollAs(storeId, 'store-hub');
      const lane = await enrollAs(storeId);
      expect(
        (await dayEnd(storeId)).devices.find((d) => d.deviceId === lane.deviceId)?.lastPushAt,
      ).toBeNull();
      expect((await h.push(hub, 'stock_movements', [newRow(movement(lane, 1))])).body).toEqual([]);
      const relayed = (await dayEnd(storeId)).devices.find((d) => d.deviceId === lane.deviceId);
      expect(relayed).toMatchObject({ missingStockMovements: 0, lastPushAt: expect.any(String) });
    });
  });
});
