import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { laneDevicesFromSim } from '@storefloor/pos-app';
import {
  type DemoSignIn,
  demoSignIns,
  demoSupermarket,
  type SeedDemoStoreResult,
  seedDemoStore,
} from './demo/index.js';
import {
  CART_IDS,
  controlPageProducts,
  ESL_ACCESS_POINT_ID,
  KIOSK_DEVICES,
  LANE_DEVICES,
  storeSimConfig,
  WALLET_GATEWAY_ID,
} from './store-devices.js';
import {
  type StoreService,
  StoreServiceError,
  startStoreService,
  waitUntilReady,
  writeFileAtomically,
} from './store-service.js';

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
  /** Lane 1's page and its device host, served to a browser. */
  readonly posPort: number;
  /** Lane 2's page (default posPort + 1). */
  readonly lane2Port?: number;
  /** The kiosk's port (default posPort + 2), the attendant's (posPort + 3) and the manager's (posPort + 4). */
  readonly kioskPort?: number;
  readonly attendantPort?: number;
  readonly managerPort?: number;
  /** Where the agent's cart link will listen and the simulated carts dial (default edgePort + 1). */
  readonly cartLinkPort?: number;
  readonly host?: string;
  /** Products in the demo supermarket (about 20,000 by default; tests seed fewer). */
  readonly productCount?: number;
  /** Where each service's output goes, one prefixed line at a time. */
  readonly log?: (line: string) => void;
  /** Aborting it (Ctrl-C during the start) stops every service started so far. */
  readonly signal?: AbortSignal;
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
  /** The simulator's control page: scan, weigh, printer paper, card declines, carts, receipts, labels. */
  readonly controlPageUrl: string;
  /** The store's edge agent: lanes enroll and replicate here (`/api/enroll`, `/sync/...`). */
  readonly edgeUrl: string;
  /** Lane 1 in a browser: the POS renderer, replicating with the edge agent, devices from hardware-sim. */
  readonly laneUrl: string;
  /** Every lane, lane 1 first, each with its own device set at hardware-sim. */
  readonly lanes: readonly VirtualLane[];
  /** Devices at hardware-sim that are part of the store but have no screen of ours yet. */
  readonly devices: {
    readonly kiosk: typeof KIOSK_DEVICES;
    readonly carts: readonly string[];
    readonly cartLinkUrl: string;
    /** The access point at the control API (its labels as PNGs) and its own OpenEPaperLink URL. */
    readonly shelfLabelAccessPoint: string;
    readonly shelfLabelAccessPointUrl: string;
    /** The wallet gateway at the control API (its transactions) and its own WeChat Pay / Alipay URL. */
    readonly walletGateway: string;
    readonly walletGatewayUrl: string;
  };
  /** Files for the agent's imports that are not HQ's (label bindings) and for the simulator. */
  readonly files: {
    readonly shelfLabelBindings: string;
    readonly simConfig: string;
    readonly simProducts: string;
  };
  readonly state: VirtualStoreState;
  /** A fresh single-use enrollment code a lane can turn into its device token (at the agent or HQ). */
  readonly laneEnrollmentCode: string;
  /** Four more single-use lane codes, for lane 2, the kiosk, the attendant and the manager screens. */
  readonly moreEnrollmentCodes: readonly string[];
  /** The kiosk, attendant and manager screens. */
  readonly screens: readonly VirtualScreen[];
  readonly seeded: SeedDemoStoreResult['counts'] | 'already-seeded';
  /** Set when the state file was unreadable (a start killed while writing it): where the bad copy went. */
  readonly recoveredStateFile?: string;
  /** The demo staff's sign-ins, printed for a newcomer. */
  readonly signIns: { readonly cashier: DemoSignIn; readonly manager: DemoSignIn };
  /** Resolves when a service stops by itself (a crash): the name of the service. */
  readonly stopped: Promise<string>;
  /** Process ids of every service (for the no-leftover-process test). */
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

export interface VirtualScreen {
  readonly mode: 'kiosk' | 'attendant' | 'manager';
  readonly url: string;
}

export interface VirtualLane {
  readonly name: string;
  readonly url: string;
  readonly devices: (typeof LANE_DEVICES)[number];
  /** The printer whose receipts this lane prints, at the simulator. */
  readonly receiptsUrl: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_STORE = { storeId: 'store-001', storeName: '星辰超市 徐汇店 Starlight Market Xuhui' };

export class VirtualStoreError extends Error {
  constructor(
    readonly code: 'service-exited' | 'service-not-ready' | 'seed-failed' | 'start-aborted',
    message: string,
  ) {
    super(message);
    this.name = 'VirtualStoreError';
  }
}

export async function startVirtualStore(options: VirtualStoreOptions): Promise<RunningVirtualStore> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const signal = options.signal;
  await mkdir(options.dataDir, { recursive: true });
  const stateFile = join(options.dataDir, 'virtual-store.json');
  const { state, recoveredStateFile } = await loadOrCreateState(stateFile);
  if (recoveredStateFile) {
    log(
      `[virtual-store] ${stateFile} was unreadable (a start killed while writing it?); kept it as ${recoveredStateFile} and made a new one (the demo seed runs again and writes nothing twice)`,
    );
  }

  const services: StoreService[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.stop()));
  };
  const start = (name: string, entry: string, args: readonly string[], env: Record<string, string>) => {
    if (signal?.aborted) throw new VirtualStoreError('start-aborted', 'the start was interrupted');
    const service = startStoreService({ name, entry: join(ROOT, entry), args, cwd: ROOT, env, log });
    services.push(service);
    return service;
  };
  const ready = (service: StoreService, url: string, timeoutMs?: number) =>
    waitUntilReady(service, url, { ...(timeoutMs ? { timeoutMs } : {}), ...(signal ? { signal } : {}) });
  const onAbort = () => void stop();
  signal?.addEventListener('abort', onAbort, { once: true });

  const syncUrl = `http://${host}:${options.syncPort}`;
  const simUrl = `http://${host}:${options.simPort}`;
  const edgeUrl = `http://${host}:${options.edgePort}`;
  const cartLinkUrl = `ws://${host}:${options.cartLinkPort ?? options.edgePort + 1}/carts`;
  try {
    const files = await writeStoreFiles(options.dataDir, state, options.productCount, cartLinkUrl);

    const sync = start('sync-server', 'sync-server/src/main.ts', [], {
      PORT: String(options.syncPort),
      HOST: host,
      STOREFLOOR_DATA_DIR: join(options.dataDir, 'sync-server'),
      STOREFLOOR_ADMIN_TOKEN: state.adminToken,
      // Request-per-line logging drowns the summary a newcomer needs; LOG_LEVEL=info brings it back.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    const sim = start(
      'hardware-sim',
      'hardware-sim/src/cli/run.ts',
      ['--config', files.simConfig, '--products', files.simProducts],
      { SIM_PORT: String(options.simPort), HOST: host },
    );
    await Promise.all([ready(sync, `${syncUrl}/healthz`), ready(sim, `${simUrl}/devices`)]);

    let seeded: RunningVirtualStore['seeded'] = 'already-seeded';
    let signIns: RunningVirtualStore['signIns'];
    if (state.seededAt) {
      signIns = demoSignIns(state.storeId);
    } else {
      log(`[virtual-store] seeding the demo supermarket into HQ (first start only)...`);
      const result = await seedDemoStore(
        syncUrl,
        state.adminToken,
        seedOptions(state, options.productCount),
      ).catch((error: unknown) => {
        throw new VirtualStoreError(
          'seed-failed',
          `seeding the demo store failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      seeded = result.counts;
      signIns = result.signIns;
      await writeFileAtomically(
        stateFile,
        JSON.stringify({ ...state, seededAt: new Date().toISOString() }, null, 2),
        0o600,
      );
    }

    // Where the simulator put the devices the agent talks to itself (ports are picked at each start).
    const simDevices = await simDeviceUrls(simUrl);

    // The agent keeps its identity in its data folder and ignores the code once enrolled; a fresh code on every
    // start lets an agent whose first start was killed before it enrolled enroll now.
    const walletFile = await writeDemoWalletFile(simUrl, options.dataDir);
    const edge = start('edge-agent', 'edge-agent/src/main.ts', [], {
      STOREFLOOR_HQ_URL: syncUrl,
      ...(walletFile ? { STOREFLOOR_WALLET_FILE: walletFile } : {}),
      STOREFLOOR_DATA_DIR: join(options.dataDir, 'edge-agent'),
      STOREFLOOR_LAN_PORT: String(options.edgePort),
      STOREFLOOR_LAN_HOST: host,
      STOREFLOOR_ENROLLMENT_CODE: await enrollmentCode(syncUrl, state, 'store-hub'),
      // The store's in-store devices, for the agent's shelf-label, cart and wallet wiring to pick up.
      STOREFLOOR_CART_LINK_PORT: String(options.cartLinkPort ?? options.edgePort + 1),
      STOREFLOOR_ESL_AP_URL: simDevices.get(ESL_ACCESS_POINT_ID) ?? '',
      STOREFLOOR_SHELF_LABEL_BINDINGS_FILE: files.shelfLabelBindings,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    await ready(edge, `${edgeUrl}/healthz`);

    // Each lane gets its own device set at the simulator (scanner, scale, printer with its drawer, terminal).
    const lanes: VirtualLane[] = [];
    const lanePorts = [options.posPort, options.lane2Port ?? options.posPort + 1];
    for (const [index, ids] of LANE_DEVICES.entries()) {
      const name = `lane-${index + 1}`;
      const devicesFile = join(options.dataDir, `${name}-devices.json`);
      await writeFileAtomically(devicesFile, JSON.stringify(await laneDevicesFromSim(simUrl, ids), null, 2));
      const port = lanePorts[index] as number;
      const lane = start(
        `pos-${name}`,
        'pos-app/src/serve/main.ts',
        ['--upstream', edgeUrl, '--devices', devicesFile, '--port', String(port)],
        {},
      );
      const url = `http://${host}:${port}`;
      // The first lane's first start builds the renderer with Vite (a while on a small machine); the
      // second lane starts after it, so two builds never write the same folder.
      await ready(lane, `${url}/`, 180_000);
      lanes.push({ name, url, devices: ids, receiptsUrl: `${simUrl}/devices/${ids.printer}/receipts` });
    }

    // The self-checkout kiosk (8802): its Magellan scanner-scale in the counter (one device, both roles),
    // the bagging-area scale, its printer and terminal. The attendant (8803) and the manager (8804) screens:
    // the same renderer in their modes, no devices of their own.
    const screens: VirtualScreen[] = [];
    const kioskDevices = join(options.dataDir, 'kiosk-devices.json');
    await writeFileAtomically(
      kioskDevices,
      JSON.stringify(
        await laneDevicesFromSim(simUrl, {
          scanner: KIOSK_DEVICES.scannerScale,
          scale: KIOSK_DEVICES.scannerScale,
          bagging: KIOSK_DEVICES.baggingScale,
          printer: KIOSK_DEVICES.printer,
          terminal: KIOSK_DEVICES.terminal,
          facePay: 'none',
        }),
        null,
        2,
      ),
    );
    const noDevices = join(options.dataDir, 'no-devices.json');
    await writeFileAtomically(noDevices, JSON.stringify({ devices: [] }));
    for (const [mode, port, devicesFile] of [
      ['kiosk', options.kioskPort ?? options.posPort + 2, kioskDevices],
      ['attendant', options.attendantPort ?? options.posPort + 3, noDevices],
      ['manager', options.managerPort ?? options.posPort + 4, noDevices],
    ] as const) {
      const screen = start(
        `pos-${mode}`,
        'pos-app/src/serve/main.ts',
        ['--upstream', edgeUrl, '--devices', devicesFile, '--port', String(port), '--mode', mode],
        {},
      );
      const url = `http://${host}:${port}`;
      await ready(screen, `${url}/`, 180_000);
      screens.push({ mode, url });
    }

    const laneEnrollmentCode = await enrollmentCode(syncUrl, state, 'lane');
    // One single-use code per screen to enroll: lane 2, the kiosk, the attendant and the manager (lane 1 has
    // the first).
    const moreEnrollmentCodes = [
      await enrollmentCode(syncUrl, state, 'lane'),
      await enrollmentCode(syncUrl, state, 'lane'),
      await enrollmentCode(syncUrl, state, 'lane'),
      await enrollmentCode(syncUrl, state, 'lane'),
    ];
    signal?.removeEventListener('abort', onAbort);
    return {
      syncUrl,
      simUrl,
      controlPageUrl: `${simUrl}/`,
      edgeUrl,
      laneUrl: lanes[0]?.url as string,
      lanes,
      devices: {
        kiosk: KIOSK_DEVICES,
        carts: CART_IDS,
        cartLinkUrl,
        shelfLabelAccessPoint: `${simUrl}/devices/${ESL_ACCESS_POINT_ID}`,
        shelfLabelAccessPointUrl: simDevices.get(ESL_ACCESS_POINT_ID) ?? '',
        walletGateway: `${simUrl}/devices/${WALLET_GATEWAY_ID}`,
        walletGatewayUrl: simDevices.get(WALLET_GATEWAY_ID) ?? '',
      },
      files,
      state,
      laneEnrollmentCode,
      moreEnrollmentCodes,
      screens,
      seeded,
      ...(recoveredStateFile ? { recoveredStateFile } : {}),
      signIns,
      stopped: Promise.race(services.map((service) => service.exited.then(() => service.name))),
      pids: services.flatMap((service) => (service.pid === undefined ? [] : [service.pid])),
      stop,
    };
  } catch (error) {
    signal?.removeEventListener('abort', onAbort);
    await stop();
    if (error instanceof StoreServiceError) throw new VirtualStoreError(error.code, error.message);
    throw error;
  }
}

/** Each simulated device's own URL (HTTP devices), by id, from the control API's listing. */
async function simDeviceUrls(simUrl: string): Promise<Map<string, string>> {
  const response = await fetch(`${simUrl}/devices`);
  const { devices } = (await response.json()) as { devices: { id: string; url?: string }[] };
  return new Map(devices.flatMap((device) => (device.url ? [[device.id, device.url] as const] : [])));
}

function seedOptions(state: VirtualStoreState, productCount: number | undefined) {
  return {
    storeId: state.storeId,
    storeName: state.storeName,
    ...(productCount === undefined ? {} : { productCount }),
  };
}

/**
 * The files the simulator and the agent read, written whole (never half) on every start: the simulator's
 * device config (ports may change between starts), the products its control page offers, and the store's
 * shelf-label bindings (label MAC → product) for the agent's binding import.
 */
async function writeStoreFiles(
  dataDir: string,
  state: VirtualStoreState,
  productCount: number | undefined,
  cartLinkUrl: string,
): Promise<RunningVirtualStore['files']> {
  const demo = demoSupermarket(seedOptions(state, productCount));
  const files = {
    shelfLabelBindings: join(dataDir, 'shelf-label-bindings.json'),
    simConfig: join(dataDir, 'hardware-sim.json'),
    simProducts: join(dataDir, 'hardware-sim-products.json'),
  };
  await writeFileAtomically(
    files.shelfLabelBindings,
    JSON.stringify({ storeId: state.storeId, bindings: demo.shelfLabels }),
  );
  await writeFileAtomically(
    files.simConfig,
    JSON.stringify(
      storeSimConfig({ cartLinkUrl, shelfLabelMacs: demo.shelfLabels.map((label) => label.mac) }),
    ),
  );
  await writeFileAtomically(files.simProducts, JSON.stringify(controlPageProducts(demo), null, 2));
  return files;
}

/**
 * The store's state file, or a new one. A file that does not parse (the launcher killed while writing it, before
 * writes were atomic, or a hand edit) is kept aside and replaced: HQ takes the new admin token beside the old,
 * and the seed, which runs again, finds every row already there.
 */
async function loadOrCreateState(
  file: string,
): Promise<{ state: VirtualStoreState; recoveredStateFile?: string }> {
  let recoveredStateFile: string | undefined;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<VirtualStoreState>;
    if (
      typeof parsed.adminToken === 'string' &&
      parsed.adminToken.length >= 16 &&
      typeof parsed.storeId === 'string' &&
      typeof parsed.storeName === 'string'
    ) {
      return { state: parsed as VirtualStoreState };
    }
    throw new SyntaxError('state file lacks adminToken, storeId or storeName');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (!(error instanceof SyntaxError)) throw error;
      recoveredStateFile = `${file}.unreadable-${Date.now()}`;
      await rename(file, recoveredStateFile);
    }
  }
  // The admin token lives beside the embedded database it unlocks, readable by this user only.
  const state: VirtualStoreState = { adminToken: randomBytes(24).toString('base64url'), ...DEMO_STORE };
  await writeFileAtomically(file, JSON.stringify(state, null, 2), 0o600);
  return { state, ...(recoveredStateFile ? { recoveredStateFile } : {}) };
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
  await writeFileAtomically(file, JSON.stringify(wallet, null, 2), 0o600);
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
