import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillWithDefaultSettings } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageSQLite, SQLiteStorageError } from '../src/index.js';
import { openSalesStore, sale, saleSchema, temporaryDirectory } from './fixtures.js';

const openStore = openSalesStore;

/** The storage error RxDB surfaced, wherever RxDB wrapped it. */
async function storageErrorOf(attempt: Promise<unknown>): Promise<SQLiteStorageError> {
  let caught: unknown;
  try {
    await attempt;
  } catch (error) {
    caught = error;
  }
  for (
    let inner = caught;
    inner;
    inner = (inner as { cause?: unknown; parameters?: { error?: unknown } }).cause
  ) {
    if (inner instanceof SQLiteStorageError) {
      return inner;
    }
  }
  throw new Error(`expected a SQLiteStorageError, got ${String(caught)}`);
}

describe('bad input', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  let file: string;
  beforeEach(() => {
    dir = temporaryDirectory();
    file = join(dir.path, 'store.sqlite');
  });
  afterEach(() => dir.remove());

  it('refuses a corrupt file by name and leaves its bytes untouched', async () => {
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(file, garbage);
    const error = await storageErrorOf(openStore({ directory: dir.path }));
    expect(error.code).toBe('database-corrupt');
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a file whose pages are damaged behind a valid header', async () => {
    const db = await openStore({ directory: dir.path });
    await db.sales.bulkInsert(Array.from({ length: 300 }, (_, i) => sale(i)));
    await db.close();
    const bytes = readFileSync(file);
    // Page 1 holds the header and schema; scribble over the pages after it.
    bytes.fill(0xff, 4096 * 2, Math.min(bytes.length, 4096 * 4));
    writeFileSync(file, bytes);
    const error = await storageErrorOf(openStore({ directory: dir.path }));
    expect(error.code).toBe('database-corrupt');
    expect(statSync(file).size).toBe(bytes.length);
  });

  it('refuses a file locked by another process with a clear error', async () => {
    const holder = spawn(process.execPath, [join(import.meta.dirname, 'lock-holder.mjs'), file], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
      });
      const error = await storageErrorOf(openStore({ directory: dir.path, busyTimeoutMs: 100 }));
      expect(error.code).toBe('database-locked');
      expect(error.message).toContain(file);
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const db = await openStore({ directory: dir.path });
    expect(await db.sales.count().exec()).toBe(0);
    await db.close();
  });

  it('refuses a schema changed without a migration and keeps the stored sales', async () => {
    const db = await openStore({ directory: dir.path });
    await db.sales.bulkInsert([sale(1), sale(2)]);
    await db.close();

    const changed = { ...saleSchema, indexes: ['currency'] };
    // RxDB's own schema-hash check (DB6) fires first through the public API...
    await expect(openStore({ directory: dir.path }, changed)).rejects.toMatchObject({ code: 'DB6' });
    // ...and the storage refuses too, naming the file, for any caller that reaches it directly.
    const storage = getRxStorageSQLite({ directory: dir.path });
    const error = await storageErrorOf(
      storage.createStorageInstance({
        databaseInstanceToken: 'token',
        databaseName: 'store',
        collectionName: 'sales',
        schema: fillWithDefaultSettings(changed),
        options: {},
        multiInstance: false,
        devMode: false,
      }),
    );
    expect(error.code).toBe('schema-changed-without-migration');
    expect(error.message).toContain(file);

    const again = await openStore({ directory: dir.path });
    expect(await again.sales.count().exec()).toBe(2);
    await again.close();
  });

  it('rolls back a write that does not fit on disk and keeps what was there', async () => {
    const db = await openStore({ directory: dir.path, maxDatabaseSizeBytes: 96 * 1024 });
    await db.sales.insert(sale(0));
    const bulky = Array.from({ length: 2000 }, (_, i) => sale(i + 1));
    const error = await storageErrorOf(db.sales.bulkInsert(bulky));
    expect(error.code).toBe('disk-full');
    expect(error.message).toContain(file);
    expect(await db.sales.count().exec()).toBe(1);
    await db.close();
  });

  it('names the bad option at construction', () => {
    expect(() => getRxStorageSQLite({ directory: '' })).toThrow(/directory/);
    expect(() =>
      getRxStorageSQLite({ directory: dir.path, synchronous: 'OFF' as unknown as 'FULL' }),
    ).toThrow(/synchronous/);
  });
});
