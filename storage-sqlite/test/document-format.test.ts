import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { fillWithDefaultSettings } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCollectionTable, quoteIdentifier } from '../src/collection-table.js';
import { createDocumentCodec } from '../src/document-codec.js';
import { getRxStorageSQLite, SQLiteStorageError } from '../src/index.js';
import { toUtf16IndexKey } from '../src/index-key.js';
import { parseTableFormat } from '../src/table-format.js';
import { openSalesStore, sale, temporaryDirectory } from './fixtures.js';

type Note = { id: string; text: string; tags?: string[]; extra?: { at: number } };

const noteSchema: RxJsonSchema<Omit<Note, 'extra'>> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    text: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'text'],
};

/** Texts that are easy to lose between JavaScript's UTF-16 and SQLite's UTF-8. */
const TRICKY_TEXTS = [
  '',
  'NUL\u0000inside',
  '\uffff\ue000\ud7ff',
  'emoji 🏳️‍🌈 and 💩',
  'lone \ud800 high',
  'x'.repeat(70_000),
];

const openStore = (directory: string) => openSalesStore({ directory });

/** The database file of a store holding sales 1 and 2, closed. */
async function fileWithTwoSales(directory: string): Promise<string> {
  const db = await openStore(directory);
  await db.sales.bulkInsert([sale(1), sale(2)]);
  await db.close();
  return getRxStorageSQLite({ directory }).databaseFile('store');
}

function stored<T>(doc: T, n: number): RxDocumentData<T> {
  return { ...doc, _deleted: false, _rev: `1-${n}`, _meta: { lwt: 1_700_000_000_000 + n }, _attachments: {} };
}

async function openInstance(directory: string, schema: RxJsonSchema<Note> | typeof noteSchema) {
  return getRxStorageSQLite({ directory }).createStorageInstance<Note>({
    databaseInstanceToken: 'test',
    databaseName: 'notes',
    collectionName: 'notes',
    schema: fillWithDefaultSettings(schema as RxJsonSchema<Note>),
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

describe('stored document format', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    dir = temporaryDirectory();
  });
  afterEach(() => dir.remove());

  it('keeps every text exact through SQLite and a reopen, lone surrogates as JSON would', async () => {
    const instance = await openInstance(dir.path, noteSchema);
    const notes = TRICKY_TEXTS.map((text, n) => stored<Note>({ id: `n${n}`, text, tags: [text, 'b'] }, n));
    expect(
      (
        await instance.bulkWrite(
          notes.map((document) => ({ document })),
          'test',
        )
      ).error,
    ).toEqual([]);
    await instance.close();

    const reopened = await openInstance(dir.path, noteSchema);
    const read = await reopened.findDocumentsById(
      notes.map((note) => note.id),
      false,
    );
    await reopened.close();
    const byId = new Map(read.map((doc) => [doc.id, doc]));
    for (const note of notes) {
      expect(byId.get(note.id)).toStrictEqual(JSON.parse(JSON.stringify(note)));
    }
    expect(byId.get('n4')?.text).toBe('lone \ud800 high');
  });

  it('reads documents with the shape the table was created with after the schema changes in place', async () => {
    const first = await openInstance(dir.path, noteSchema);
    const old = stored<Note>({ id: 'old', text: 'written first', tags: ['a'] }, 1);
    await first.bulkWrite([{ document: old }], 'test');
    await first.close();

    // Same version, properties reordered and one added: RxDB lets its own internal schemas change like this
    // across an upgrade. Decoding by the new schema's order would swap `text` and `tags`.
    const changed: RxJsonSchema<Note> = {
      ...noteSchema,
      properties: {
        extra: { type: 'object', properties: { at: { type: 'number' } } },
        tags: { type: 'array', items: { type: 'string' } },
        text: { type: 'string' },
        id: { type: 'string', maxLength: 64 },
      },
    };
    const second = await openInstance(dir.path, changed);
    const added = stored<Note>({ id: 'new', text: 'written second', extra: { at: 5 } }, 2);
    await second.bulkWrite([{ document: added }], 'test');
    const read = await second.findDocumentsById(['old', 'new'], false);
    await second.close();
    expect(read.find((doc) => doc.id === 'old')).toStrictEqual(old);
    expect(read.find((doc) => doc.id === 'new')).toStrictEqual(added);
  });

  it('stores documents without their declared member names, and index keys as text', async () => {
    const db = await openStore(dir.path);
    await db.sales.insert(sale(1));
    const file = getRxStorageSQLite({ directory: dir.path }).databaseFile('store');
    await db.close();
    const raw = new Database(file, { readonly: true });
    const row = raw.prepare('SELECT data, typeof(ix0) AS keyType, ix0 FROM "docs:sales:v0"').get() as {
      data: string;
      keyType: string;
      ix0: string;
    };
    raw.close();
    expect(row.data).toContain('sale-000001');
    expect(row.data).not.toContain('laneId');
    // Index keys are text, one byte per ASCII character.
    expect(row.keyType).toBe('text');
    expect(row.ix0).toContain('lane-1');
  });

  it('goes on reading and writing JSON in a file written before formats were recorded', async () => {
    const file = await fileWithTwoSales(dir.path);

    // Turn the file into what earlier versions of this storage wrote: JSON documents, UTF-16 BLOB index keys
    // and no table_format column.
    const raw = new Database(file);
    const tables = raw
      .prepare('SELECT table_name, collection_name, schema_json, table_format FROM storefloor_collections')
      .all() as { table_name: string; collection_name: string; schema_json: string; table_format: string }[];
    for (const table of tables) {
      const codec = createDocumentCodec<RxDocumentData<unknown>>(
        parseTableFormat(table.table_format).documents,
      );
      const layout = describeCollectionTable(table.collection_name, JSON.parse(table.schema_json));
      const columns = [...layout.indexColumns.values()];
      const update = raw.prepare(
        `UPDATE ${quoteIdentifier(table.table_name)} SET data = ?${columns.map((ix) => `, ${ix.column} = ?`).join('')} WHERE id = ?`,
      );
      const rows = raw.prepare(`SELECT id, data FROM ${quoteIdentifier(table.table_name)}`).all() as {
        id: string;
        data: string;
      }[];
      for (const row of rows) {
        const doc = codec.decode(row.data);
        update.run(
          JSON.stringify(doc),
          ...columns.map((ix) => toUtf16IndexKey(ix.indexableString(doc))),
          row.id,
        );
      }
    }
    raw.exec('ALTER TABLE storefloor_collections DROP COLUMN table_format');
    raw.close();

    const again = await openStore(dir.path);
    expect((await again.sales.findOne('sale-000002').exec())?.totalMinor).toBe(sale(2).totalMinor);
    await again.sales.insert(sale(3));
    expect((await again.sales.find({ sort: [{ id: 'asc' }] }).exec()).map((doc) => doc.id)).toEqual([
      'sale-000001',
      'sale-000002',
      'sale-000003',
    ]);
    // An indexed range query reads the old UTF-16 keys and the new row's alike.
    const lane = await again.sales.find({ selector: { laneId: 'lane-1' }, sort: [{ laneId: 'asc' }] }).exec();
    expect(lane.map((doc) => doc.id).sort()).toEqual(['sale-000001', 'sale-000002', 'sale-000003']);
    await again.close();
    const check = new Database(file, { readonly: true });
    const newest = check.prepare(`SELECT data, ix0 FROM "docs:sales:v0" WHERE id = 'sale-000003'`).get() as {
      data: string;
      ix0: unknown;
    };
    check.close();
    expect(JSON.parse(newest.data).laneId).toBe('lane-1');
    expect(Buffer.isBuffer(newest.ix0)).toBe(true);
  });

  it('names the file and the collection when a stored document is damaged', async () => {
    const file = await fileWithTwoSales(dir.path);
    const raw = new Database(file);
    raw.prepare(`UPDATE "docs:sales:v0" SET data = substr(data, 1, 12) WHERE id = 'sale-000002'`).run();
    raw.close();

    const again = await openStore(dir.path);
    let caught: unknown;
    try {
      await again.sales.find().exec();
    } catch (error) {
      caught = error;
    }
    await again.close();
    let inner = caught as { cause?: unknown } | undefined;
    while (inner && !(inner instanceof SQLiteStorageError)) {
      inner = inner.cause as typeof inner;
    }
    expect(inner).toBeInstanceOf(SQLiteStorageError);
    const error = inner as SQLiteStorageError;
    expect(error.code).toBe('database-corrupt');
    expect(error.file).toBe(join(dir.path, 'store.sqlite'));
    expect(error.message).toContain('sales');
  });
});
