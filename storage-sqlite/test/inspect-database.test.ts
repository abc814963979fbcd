import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageSQLite, inspectDatabase, SQLiteStorageError } from '../src/index.js';
import { openSalesStore, sale, temporaryDirectory } from './fixtures.js';

const run = promisify(execFile);
const PACKAGE_DIR = join(import.meta.dirname, '..');

const openStore = (directory: string) => openSalesStore({ directory });

describe('inspecting a database file', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  let file: string;
  beforeEach(async () => {
    dir = temporaryDirectory();
    const db = await openStore(dir.path);
    await db.sales.bulkInsert([sale(1), sale(2), sale(3)]);
    await db.close();
    file = getRxStorageSQLite({ directory: dir.path }).databaseFile('store');
  });
  afterEach(() => dir.remove());

  it('lists the collections and prints documents as JSON', () => {
    expect(inspectDatabase(file)).toContain('sales v0: 3 documents (documents shape-1, index keys text-1)');
    const lines = inspectDatabase(file, { collection: 'sales', limit: 2 });
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(['sale-000001', 'sale-000002']);
    const [one] = inspectDatabase(file, { collection: 'sales', id: 'sale-000003' });
    expect(JSON.parse(one ?? '')).toMatchObject({ ...sale(3), _deleted: false });
  });

  it('names the collections it has when asked for one it has not', () => {
    expect(() => inspectDatabase(file, { collection: 'sale' })).toThrow(
      /no collection "sale"; it has .*"sales"/,
    );
  });

  it('is refused with database-locked while the storage has the file open', async () => {
    const db = await openStore(dir.path);
    let caught: unknown;
    try {
      inspectDatabase(file);
    } catch (error) {
      caught = error;
    }
    try {
      expect(caught).toBeInstanceOf(SQLiteStorageError);
      expect((caught as SQLiteStorageError).code).toBe('database-locked');
    } finally {
      await db.close();
    }
  });

  it('runs as a command', async () => {
    const { stdout } = await run(
      'npx',
      ['tsx', 'scripts/inspect-database.ts', file, 'sales', '--id', 'sale-000002'],
      {
        cwd: PACKAGE_DIR,
      },
    );
    expect(JSON.parse(stdout).totalMinor).toBe(sale(2).totalMinor);
    // npx and tsx start and compile the script: seconds on a shared 2-core machine, not vitest's default 5.
  }, 60_000);
});
