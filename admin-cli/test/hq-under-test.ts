import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, openPgliteDatabase } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';

export const ADMIN_TOKEN = 'admin-cli-test-admin-token';
const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/storefloor.js');

/** A real HQ: sync-server on PGlite in a temp folder, listening on an ephemeral port. */
export interface HqUnderTest {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly folder: string;
  /** An admin GET/POST straight to HQ, to check what it holds after the bin ran. */
  admin<T>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startHq(): Promise<HqUnderTest> {
  const folder = await mkdtemp(join(tmpdir(), 'storefloor-admin-cli-'));
  const db = await openPgliteDatabase(join(folder, 'hq'));
  const app = await buildServer({ db, adminToken: ADMIN_TOKEN, logger: false, closeDatabase: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    folder,
    async admin<T>(path: string, init: { method?: string; body?: unknown } = {}) {
      const response = await fetch(`${address}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async close() {
      await app.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export interface BinRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `storefloor` bin as a child process, as a person at a shell would. */
export function storefloor(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<BinRun> {
  return new Promise((resolveRun) => {
    const childEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ...env })) {
      if (value !== undefined && !(key in env && env[key] === undefined)) childEnv[key] = value;
    }
    delete childEnv.STOREFLOOR_ADMIN_TOKEN;
    delete childEnv.STOREFLOOR_HQ_URL;
    for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: childEnv, timeout: 120_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolveRun({ status, stdout, stderr });
      },
    );
  });
}
