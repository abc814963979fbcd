import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from './store-service.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a store service', () => {
  it.skipIf(!existsSync('/usr/bin/setpriv'))(
    'dies with its launcher, even when the launcher is killed with SIGKILL',
    async () => {
      const launcher = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(new URL('./test-support/one-service-launcher.ts', import.meta.url)),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let printed = '';
      launcher.stdout?.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
      });
      await expect.poll(() => printed, { timeout: 30_000 }).toMatch(/service pid \d+/);
      const servicePid = Number(/service pid (\d+)/.exec(printed)?.[1]);
      expect(alive(servicePid)).toBe(true);
      launcher.kill('SIGKILL');
      await expect.poll(() => alive(servicePid), { timeout: 10_000 }).toBe(false);
    },
    60_000,
  );

  it('writes a state file whole or not at all', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'storefloor-atomic-'));
    try {
      const file = join(folder, 'virtual-store.json');
      await writeFile(file, '{"old":true}');
      await writeFileAtomically(file, '{"new":true}', 0o600);
      expect(await readFile(file, 'utf8')).toBe('{"new":true}');
      expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
