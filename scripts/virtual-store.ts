import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoSignIn, demoSignIns, type SeedDemoStoreResult, seedDemoStore } from './demo/index.js';

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
  /** The edge agent's LAN port: lanes replicate with the agent, the agent with HQ. */
  readonly edgePort: number;
  /** The cashier lane's page and its device host, served to a browser. */
  readonly posPort: number;
  readonly host?: string;
  /** Products in the demo supermarket (about 20,000 by default; tests seed fewer). */
  readonly productCount?: number;
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
  /** The store's edge agent: lanes enroll and replicate here (`/api/enroll`, `/sync/...`). */
  readonly edgeUrl: string;
  /** Lane 1 in a browser: the POS renderer, replicating with the edge agent, devices from hardware-sim. */
  readonly laneUrl: string;
  readonly state: VirtualStoreState;
  /** A fresh single-use enrollment code a lane can turn into its device token (at the agent or HQ). */
  readonly laneEnrollmentCode: string;
  readonly seeded: SeedDemoStoreResult['counts'] | 'already-seeded';
  /** The demo staff's sign-ins, printed for a newcomer. */
  readonly signIns: { readonly cashier: DemoSignIn; readonly manager: DemoSignIn };
  /** Resolves when a service stops by itself (a crash): the name of the service. */
  readonly stopped: Promise<string>;
  stop(): Promise<void>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_STORE = { storeId: 'store-001', storeName: '星辰超市 徐汇店 Starlight Market Xuhui' };

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
    const edgeUrl = `http://${host}:${options.edgePort}`;
    await Promise.all([waitUntilReady(sync, `${syncUrl}/healthz`), waitUntilReady(sim, `${simUrl}/devices`)]);

    let seeded: RunningVirtualStore['seeded'] = 'already-seeded';
    let signIns: RunningVirtualStore['signIns'];
    const seedOptions = {
      storeId: state.storeId,
      storeName: state.storeName,
      ...(options.productCount === undefined ? {} : { productCount: options.productCount }),
    };
    if (state.seededAt) {
      signIns = demoSignIns(state.storeId);
    } else {
      log(`[virtual-store] seeding the demo supermarket into HQ (first start only)...`);
      const result = await seedDemoStore(syncUrl, state.adminToken, seedOptions).catch((error: unknown) => {
        throw new VirtualStoreError(
          'seed-failed',
          `seeding the demo store failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      seeded = result.counts;
      signIns = result.signIns;
      await writeFile(
        join(options.dataDir, 'virtual-store.json'),
        JSON.stringify({ ...state, seededAt: new Date().toISOString() }, null, 2),
        { mode: 0o600 },
      );
    }

    // The agent enrolls once as the store's hub; later starts use the identity kept in its data folder.
    const edgeDir = join(options.dataDir, 'edge-agent');
    const hubCode = existsSync(join(edgeDir, 'agent.sqlite'))
      ? undefined
      : await enrollmentCode(syncUrl, state, 'store-hub');
    const walletFile = await writeDemoWalletFile(simUrl, options.dataDir);
    const edge = startService('edge-agent', join(ROOT, 'edge-agent/src/main.ts'), [], log, {
      STOREFLOOR_HQ_URL: syncUrl,
      ...(walletFile ? { STOREFLOOR_WALLET_FILE: walletFile } : {}),
      STOREFLOOR_DATA_DIR: edgeDir,
      STOREFLOOR_LAN_PORT: String(options.edgePort),
      STOREFLOOR_LAN_HOST: host,
      ...(hubCode ? { STOREFLOOR_ENROLLMENT_CODE: hubCode } : {}),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    services.push(edge);
    await waitUntilReady(edge, `${edgeUrl}/healthz`);

    const laneUrl = `http://${host}:${options.posPort}`;
    const lane = startService(
      'pos-lane',
      join(ROOT, 'pos-app/src/serve/main.ts'),
      ['--upstream', edgeUrl, '--sim', simUrl, '--port', String(options.posPort)],
      log,
      {},
    );
    services.push(lane);
    // The first start builds the renderer with Vite, which takes a while on a small machine.
    await waitUntilReady(lane, `${laneUrl}/`, 180_000);

    const laneEnrollmentCode = await enrollmentCode(syncUrl, state, 'lane');
    return {
      syncUrl,
      simUrl,
      edgeUrl,
      laneUrl,
      state,
      laneEnrollmentCode,
      seeded,
      signIns,
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

/**
 * The edge agent's wallet credentials for the simulated gateway (issue 15): the WeChat Pay demo merchant the
 * simulator's default config knows. Written beside the agent's data, readable by its owner only.
 */
async function writeDemoWalletFile(simUrl: string, dataDir: string): Promise<string | undefined> {
  const listing = (await (await fetch(`${simUrl}/devices`)).json()) as {
    devices: { id: string; kind: string; url?: string }[];
  };
  const gateway = listing.devices.find((d) => d.kind === 'wallet-gateway' && d.url);
  if (!gateway?.url) return undefined;
  const file = join(dataDir, 'edge-agent-wallet.json');
  const wallet = {
    wechat: {
      baseUrl: gateway.url,
      appId: 'wxd930ea5d5a258f4f',
      mchId: '10000100',
      apiKey: '192006250b4c09247ec02edce69f6a2d',
    },
  };
  await writeFile(file, JSON.stringify(wallet, null, 2), { mode: 0o600 });
  return file;
}

async function enrollmentCode(
  syncUrl: string,
  state: VirtualStoreState,
  role: 'lane' | 'store-hub',
): Promise<string> {
  const response = await fetch(`${syncUrl}/api/admin/stores/${state.storeId}/enrollment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${state.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role, ttlSeconds: 24 * 3600 }),
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
