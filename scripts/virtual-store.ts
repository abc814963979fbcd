import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCatalog } from './demo-catalog.js';

/**
 * The virtual store (ARCHITECTURE.md §6): every service of a store on one machine, each as its own process
 * exactly as it runs in production, with a seeded demo catalog. `npm start` runs it; the end-to-end test drives
 * it on ephemeral ports.
 */
export interface VirtualStoreOptions {
  /** Folder for the embedded database and the store's state file. */
  readonly dataDir: string;
  readonly syncPort: number;
  readonly simPort: number;
  readonly host?: string;
  /** Where each service's output goes, one prefixed line at a time. */
  readonly log?: (line: string) => void;
}

export interface VirtualStoreState {
  readonly adminToken: string;
  readonly storeId: string;
  readonly storeName: string;
  readonly seededAt?: string;
}

export interface RunningVirtualStore {
  readonly syncUrl: string;
  readonly simUrl: string;
  readonly state: VirtualStoreState;
  /** A fresh single-use enrollment code a lane can turn into its device token. */
  readonly laneEnrollmentCode: string;
  readonly seeded: { products: number; prices: number; promotions: number } | 'already-seeded';
  /** Resolves when a service stops by itself (a crash): the name of the service. */
  readonly stopped: Promise<string>;
  stop(): Promise<void>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_STORE = { storeId: 'store-001', storeName: 'Storefloor Demo Market' };

export class VirtualStoreError extends Error {
  constructor(
    readonly code: 'service-exited' | 'service-not-ready' | 'seed-failed',
    message: string,
  ) {
    super(message);
    this.name = 'VirtualStoreError';
  }
}

export async function startVirtualStore(options: VirtualStoreOptions): Promise<RunningVirtualStore> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  await mkdir(options.dataDir, { recursive: true });
  const state = await loadOrCreateState(join(options.dataDir, 'virtual-store.json'));

  const services: Service[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.stop()));
  };
  try {
    const sync = startService('sync-server', join(ROOT, 'sync-server/src/main.ts'), [], log, {
      PORT: String(options.syncPort),
      HOST: host,
      STOREFLOOR_DATA_DIR: join(options.dataDir, 'sync-server'),
      STOREFLOOR_ADMIN_TOKEN: state.adminToken,
      // Request-per-line logging drowns the summary a newcomer needs; LOG_LEVEL=info brings it back.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    services.push(sync);
    const sim = startService('hardware-sim', join(ROOT, 'hardware-sim/src/cli/run.ts'), [], log, {
      SIM_PORT: String(options.simPort),
      HOST: host,
    });
    services.push(sim);

    const syncUrl = `http://${host}:${options.syncPort}`;
    const simUrl = `http://${host}:${options.simPort}`;
    await Promise.all([waitUntilReady(sync, `${syncUrl}/healthz`), waitUntilReady(sim, `${simUrl}/devices`)]);

    const seeded = state.seededAt ? ('already-seeded' as const) : await seed(syncUrl, state);
    if (seeded !== 'already-seeded') {
      await writeFile(
        join(options.dataDir, 'virtual-store.json'),
        JSON.stringify({ ...state, seededAt: new Date().toISOString() }, null, 2),
        { mode: 0o600 },
      );
    }
    const laneEnrollmentCode = await enrollmentCode(syncUrl, state);
    return {
      syncUrl,
      simUrl,
      state,
      laneEnrollmentCode,
      seeded,
      stopped: Promise.race(services.map((service) => service.exited.then(() => service.name))),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function loadOrCreateState(file: string): Promise<VirtualStoreState> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as VirtualStoreState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // The admin token lives beside the embedded database it unlocks, readable by this user only.
  const state: VirtualStoreState = { adminToken: randomBytes(24).toString('base64url'), ...DEMO_STORE };
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  return state;
}

async function seed(
  syncUrl: string,
  state: VirtualStoreState,
): Promise<{ products: number; prices: number; promotions: number }> {
  const admin = { authorization: `Bearer ${state.adminToken}`, 'content-type': 'application/json' };
  const store = await fetch(`${syncUrl}/api/admin/stores`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ storeId: state.storeId, name: state.storeName }),
  });
  if (store.status !== 201 && store.status !== 409) {
    throw new VirtualStoreError(
      'seed-failed',
      `creating the demo store answered ${store.status}: ${await store.text()}`,
    );
  }
  const catalog = demoCatalog(Date.UTC(2026, 0, 1));
  const counts = { products: 0, prices: 0, promotions: 0 };
  for (const kind of ['products', 'prices', 'promotions'] as const) {
    const response = await fetch(`${syncUrl}/api/admin/import/${kind}?currency=${catalog.currency}`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(catalog[kind]),
    });
    const report = (await response.json()) as {
      accepted?: number;
      unchanged?: number;
      rejectedCount?: number;
    };
    if (!response.ok || report.rejectedCount) {
      throw new VirtualStoreError(
        'seed-failed',
        `importing the demo ${kind} answered ${response.status}: ${JSON.stringify(report)}`,
      );
    }
    counts[kind] = (report.accepted ?? 0) + (report.unchanged ?? 0);
  }
  return counts;
}

async function enrollmentCode(syncUrl: string, state: VirtualStoreState): Promise<string> {
  const response = await fetch(`${syncUrl}/api/admin/stores/${state.storeId}/enrollment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${state.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ttlSeconds: 24 * 3600 }),
  });
  if (response.status !== 201) {
    throw new VirtualStoreError(
      'seed-failed',
      `enrollment code answered ${response.status}: ${await response.text()}`,
    );
  }
  return ((await response.json()) as { code: string }).code;
}

interface Service {
  readonly name: string;
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

function startService(
  name: string,
  entry: string,
  args: readonly string[],
  log: (line: string) => void,
  env: Record<string, string>,
): Service {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let running = true;
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      running = false;
      resolveExit(code);
    });
  });
  const prefix = `[${name}]`;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') log(`${prefix} ${line}`);
    });
  }
  return {
    name,
    exited,
    isRunning: () => running,
    async stop() {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(service: Service, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!service.isRunning()) {
      throw new VirtualStoreError(
        'service-exited',
        `${service.name} exited before it was ready (exit code ${await service.exited}); its output is above`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new VirtualStoreError(
    'service-not-ready',
    `${service.name} did not answer ${url} within ${timeoutMs} ms`,
  );
}
