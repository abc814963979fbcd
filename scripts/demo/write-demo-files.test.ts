import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, openPgliteDatabase } from '@storefloor/sync-server';
import { describe, expect, it } from 'vitest';
import { writeDemoImportFiles } from './write-demo-files.js';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../admin-cli/bin/storefloor.js');
const TOKEN = 'demo-files-test-admin-token';

function storefloor(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the demo data as files for the storefloor command', () => {
  it('a store created and every file imported with the bin: nothing rejected', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'storefloor-demo-files-'));
    const db = await openPgliteDatabase(join(folder, 'hq'));
    const app = await buildServer({ db, adminToken: TOKEN, logger: false, closeDatabase: true });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const env = { STOREFLOOR_HQ_URL: url, STOREFLOOR_ADMIN_TOKEN: TOKEN };
      const files = await writeDemoImportFiles(join(folder, 'files'), { productCount: 500, memberCount: 50 });
      const created = await storefloor(
        ['stores', 'create', files.storeId, '--name', files.storeName, '--settings', files.settings],
        env,
      );
      expect(created.status, created.stderr).toBe(0);
      for (const { kind, file, rows } of files.imports) {
        const run = await storefloor(['import', kind, file], env);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain(`${kind}: ${rows} written, 0 unchanged, 0 rejected`);
      }
    } finally {
      await app.close();
      await rm(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
