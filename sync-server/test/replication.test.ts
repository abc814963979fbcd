import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { writeMasterDocuments } from '../src/replication/write-master-documents.js';
import { productDoc, saleDoc } from './support/fixtures.js';
import { type Harness, newRow, startHarness } from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

let storeCounter = 0;
const uniqueStore = (label: string): string => `${label}-${process.pid}-${++storeCounter}`;

describe.each(testDatabases)('replication on $name', (engine) => {
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

  it('serves master data by (sequence, id): one write shares a sequence and ties are broken by id', async () => {
    const device = await h.enroll(uniqueStore('tie'));
    const prefix = uniqueStore('p');
    const products = ['e', 'a', 'd', 'b', 'c'].map((suffix) => productDoc(`${prefix}-${suffix}`));
    await db.transaction((tx) => writeMasterDocuments(tx, 'products', products));
    const stored = (await h.storedDocuments('products')).filter((row) => row.id.startsWith(prefix));
    expect(new Set(stored.map((row) => row.seq)).size).toBe(1);

    const start = (await h.pull(device, 'products', { checkpoint: null, batchSize: 500 })).body;
    const before = start.documents.filter((doc) => !String(doc.id).startsWith(prefix)).length;
    expect(before + 5).toBe(start.documents.length);

    // Page through with batchSize 2 from the checkpoint just before this write: pages split a tie on seq.
    const seq = stored[0]?.seq as number;
    let checkpoint: unknown = { sequence: seq - 1, id: '\uffff' };
    const seen: string[] = [];
    for (let page = 0; page < 5; page++) {
      const { statusCode, body } = await h.pull(device, 'products', { checkpoint, batchSize: 2 });
      expect(statusCode).toBe(200);
      if (body.documents.length === 0) break;
      seen.push(...body.documents.map((doc) => String(doc.id)));
      checkpoint = body.checkpoint;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e'].map((suffix) => `${prefix}-${suffix}`));
  });

  it("gives a device its store's master data and the chain-wide data, never another store's", async () => {
    const storeA = uniqueStore('ma');
    const storeB = uniqueStore('mb');
    const deviceA = await h.enroll(storeA);
    await h.createStore(storeB);
    await db.transaction((tx) =>
      writeMasterDocuments(tx, 'products', [
        productDoc(`${storeA}-own`, { storeId: storeA }),
        productDoc(`${storeB}-own`, { storeId: storeB }),
        productDoc(`${storeA}-chain`),
      ]),
    );
    const { body } = await h.pull(deviceA, 'products', { checkpoint: null, batchSize: 500 });
    const ids = body.documents.map((doc) => doc.id);
    expect(ids).toContain(`${storeA}-own`);
    expect(ids).toContain(`${storeA}-chain`);
    expect(ids).not.toContain(`${storeB}-own`);
  });

  it('soft-deletes master data: the device pulls a tombstone', async () => {
    const device = await h.enroll(uniqueStore('del'));
    const id = uniqueStore('gone');
    await db.transaction((tx) => writeMasterDocuments(tx, 'products', [productDoc(id)]));
    const first = await h.pull(device, 'products', { checkpoint: null, batchSize: 500 });
    await db.transaction((tx) =>
      writeMasterDocuments(tx, 'products', [{ ...productDoc(id), _deleted: true }]),
    );
    const next = await h.pull(device, 'products', { checkpoint: first.body.checkpoint, batchSize: 500 });
    expect(next.body.documents).toEqual([expect.objectContaining({ id, _deleted: true })]);
  });

  it('refuses a device push of master data with master-data-read-only and writes nothing', async () => {
    const device = await h.enroll(uniqueStore('mp'));
    const id = uniqueStore('pushed-product');
    const response = await h.push(device, 'products', [newRow(productDoc(id, { storeId: device.storeId }))]);
    expect(response.statusCode).toBe(403);
    expect(response.body).toMatchObject({ error: { code: 'master-data-read-only' } });
    expect((await h.storedDocuments('products')).some((row) => row.id === id)).toBe(false);
  });

  it('treats an identical re-push of a completed sale as a no-op and a changed one as a conflict', async () => {
    const device = await h.enroll(uniqueStore('final'));
    const sale = saleDoc(device);
    expect((await h.push(device, 'sales', [newRow(sale)])).body).toEqual([]);
    const [stored] = (await h.storedDocuments('sales')).filter((row) => row.id === sale.id);
    expect(stored).toBeDefined();

    // Same sale again (a lane that crashed before it saw the answer): accepted, nothing rewritten.
    const again = await h.push(device, 'sales', [newRow(sale)]);
    expect(again).toEqual({ statusCode: 200, body: [] });
    const [afterAgain] = (await h.storedDocuments('sales')).filter((row) => row.id === sale.id);
    expect(afterAgain?.seq).toBe(stored?.seq);

    // A changed completed sale, even claiming the right master state: refused as a conflict.
    const tampered = { ...sale, cashierId: 'emp-evil' };
    const conflict = await h.push(device, 'sales', [
      {
        assumedMasterState: { ...sale, _deleted: false },
        newDocumentState: { ...tampered, _deleted: false },
      },
    ]);
    expect(conflict.statusCode).toBe(200);
    expect(conflict.body).toEqual([{ ...sale, _deleted: false }]);
    const [afterConflict] = (await h.storedDocuments('sales')).filter((row) => row.id === sale.id);
    expect(afterConflict?.data.cashierId).toBe(sale.cashierId);
    expect(afterConflict?.seq).toBe(stored?.seq);
  });

  it('updates an open sale when the assumed master state matches, and returns a conflict when it does not', async () => {
    const device = await h.enroll(uniqueStore('open'));
    const open = saleDoc(device, { status: 'open' });
    expect((await h.push(device, 'sales', [newRow(open)])).body).toEqual([]);

    const stale = await h.push(device, 'sales', [newRow({ ...open, cashierId: 'emp-2' })]);
    expect(stale.body).toEqual([{ ...open, _deleted: false }]);

    const completed = saleDoc(device, { id: open.id as string, status: 'completed' });
    const written = await h.push(device, 'sales', [
      {
        assumedMasterState: { ...open, _deleted: false },
        newDocumentState: { ...completed, _deleted: false },
      },
    ]);
    expect(written.body).toEqual([]);
    const pulled = await h.pull(device, 'sales', { checkpoint: null, batchSize: 100 });
    expect(pulled.body.documents).toEqual([{ ...completed, _deleted: false }]);
  });

  it('keeps stores apart: store A cannot write into or read store B, and nothing is written', async () => {
    const deviceA = await h.enroll(uniqueStore('sa'));
    const deviceB = await h.enroll(uniqueStore('sb'));
    const saleOfB = saleDoc(deviceB);
    expect((await h.push(deviceB, 'sales', [newRow(saleOfB)])).body).toEqual([]);

    const ownSale = saleDoc(deviceA);
    const foreign = saleDoc(deviceB);
    const refused = await h.push(deviceA, 'sales', [newRow(ownSale), newRow(foreign)]);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'store-forbidden' } });

    // Reusing B's sale id under A's store id must not overwrite or reveal B's sale.
    const hijack = await h.push(deviceA, 'sales', [newRow({ ...saleDoc(deviceA), id: saleOfB.id })]);
    expect(hijack.statusCode).toBe(403);
    expect(hijack.body).toMatchObject({ error: { code: 'store-forbidden' } });

    const stored = await h.storedDocuments('sales');
    expect(stored.some((row) => row.id === ownSale.id || row.id === foreign.id)).toBe(false);
    expect(stored.find((row) => row.id === saleOfB.id)?.store_id).toBe(deviceB.storeId);

    const pulledByA = await h.pull(deviceA, 'sales', { checkpoint: null, batchSize: 500 });
    expect(pulledByA.body.documents).toEqual([]);
    const pulledByB = await h.pull(deviceB, 'sales', { checkpoint: null, batchSize: 500 });
    expect(pulledByB.body.documents.map((doc) => doc.id)).toEqual([saleOfB.id]);
  });

  it('soft-deletes a pushed open sale', async () => {
    const device = await h.enroll(uniqueStore('sd'));
    const open = saleDoc(device, { status: 'open' });
    await h.push(device, 'sales', [newRow(open)]);
    const deleted = await h.push(device, 'sales', [
      { assumedMasterState: { ...open, _deleted: false }, newDocumentState: { ...open, _deleted: true } },
    ]);
    expect(deleted.body).toEqual([]);
    const pulled = await h.pull(device, 'sales', { checkpoint: null, batchSize: 10 });
    expect(pulled.body.documents).toEqual([{ ...open, _deleted: true }]);
  });

  it('stores a whole batch exactly as sent: quotes, backslashes, control and non-BMP characters survive', async () => {
    const device = await h.enroll(uniqueStore('text'));
    const awkward = [
      'say "hi"',
      'C:\\till\\2',
      'line\nbreak\ttab',
      'Crème brûlée 🍰',
      '\u2028\u2029',
      '{"json":[1]}',
    ];
    const sales = Array.from({ length: 200 }, (_, i) => {
      const sale = saleDoc(device);
      const lines = sale.lines as Record<string, unknown>[];
      (lines[0] as Record<string, unknown>).description = awkward[i % awkward.length];
      return sale;
    });
    expect((await h.push(device, 'sales', sales.map(newRow))).body).toEqual([]);
    const stored = await h.storedDocuments('sales');
    const mine = stored.filter((row) => row.store_id === device.storeId);
    expect(mine).toHaveLength(200);
    expect(new Set(mine.map((row) => row.seq)).size).toBe(1);
    const pulled = await h.pull(device, 'sales', { checkpoint: null, batchSize: 500 });
    const byId = new Map(pulled.body.documents.map((doc) => [doc.id, doc]));
    for (const sale of sales) expect(byId.get(sale.id as string)).toEqual({ ...sale, _deleted: false });
  });

  it('refuses a document holding U+0000 (jsonb cannot store it) as invalid-text and writes nothing of the push', async () => {
    const device = await h.enroll(uniqueStore('nul'));
    const clean = saleDoc(device);
    const broken = saleDoc(device);
    (broken.lines as Record<string, unknown>[])[1] = {
      ...(broken.lines as Record<string, unknown>[])[1],
      description: 'bad\u0000name',
    };
    const response = await h.push(device, 'sales', [newRow(clean), newRow(broken)]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid-text' } });
    expect(JSON.stringify(response.body)).toContain('/1/newDocumentState/lines/1/description');
    const stored = (await h.storedDocuments('sales')).filter((row) => row.store_id === device.storeId);
    expect(stored).toEqual([]);
  });

  it('two lanes racing to push the same completed sale id: one is stored, the other gets it back as a conflict', async () => {
    const storeId = uniqueStore('same-id');
    const laneOne = await h.enroll(storeId);
    const laneTwo = await h.enroll(storeId);
    const first = saleDoc(laneOne);
    const second = { ...saleDoc(laneTwo), id: first.id };
    const [one, two] = await Promise.all([
      h.push(laneOne, 'sales', [newRow(first)]),
      h.push(laneTwo, 'sales', [newRow(second)]),
    ]);
    const stored = (await h.storedDocuments('sales')).filter((row) => row.id === first.id);
    expect(stored).toHaveLength(1);
    const winner = stored[0]?.data.deviceId === laneOne.deviceId ? first : second;
    // The loser is answered with the stored (winning) state; the winner with no conflict.
    const answers = [one.body, two.body].sort((a, b) => a.length - b.length);
    expect(answers).toEqual([[], [{ ...winner, _deleted: false }]]);
  });

  it('never loses a write that commits after a later-started one (RxDB 5571 race)', async () => {
    const device = await h.enroll(uniqueStore('race'));
    const prefix = uniqueStore('race-p');
    const start = await h.pull(device, 'products', { checkpoint: null, batchSize: 500 });
    let checkpoint = start.body.checkpoint;
    const written = new Set<string>();
    const collected = new Set<string>();
    let writing = true;

    // Writers hold their transaction open for a random time after taking their sequence: with a plain
    // SEQUENCE a later number would commit first and a puller in between would step over the earlier one.
    const writers = Array.from({ length: 24 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 7) % 13));
      const id = `${prefix}-${String(i).padStart(2, '0')}`;
      await db.transaction(async (tx) => {
        await writeMasterDocuments(tx, 'products', [productDoc(id)]);
        await new Promise((resolve) => setTimeout(resolve, (i * 5) % 17));
      });
      written.add(id);
    });
    // Device pushes of sales land while HQ writes are in flight.
    const pushes = Array.from({ length: 6 }, async () => {
      const result = await h.push(device, 'sales', [newRow(saleDoc(device))]);
      expect(result.body).toEqual([]);
    });
    const puller = (async () => {
      while (writing) {
        const { body } = await h.pull(device, 'products', { checkpoint, batchSize: 3 });
        for (const doc of body.documents) collected.add(String(doc.id));
        checkpoint = body.checkpoint;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([...writers, ...pushes]);
    writing = false;
    await puller;
    for (;;) {
      const { body } = await h.pull(device, 'products', { checkpoint, batchSize: 100 });
      if (body.documents.length === 0) break;
      for (const doc of body.documents) collected.add(String(doc.id));
      checkpoint = body.checkpoint;
    }
    expect([...collected].filter((id) => id.startsWith(prefix)).sort()).toEqual([...written].sort());
    const sales = await h.pull(device, 'sales', { checkpoint: null, batchSize: 100 });
    expect(sales.body.documents).toHaveLength(6);
  });
});
