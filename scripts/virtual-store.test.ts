import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSupermarket } from './demo/index.js';
import { type RunningVirtualStore, startVirtualStore } from './virtual-store.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function ports() {
  return {
    syncPort: await freePort(),
    simPort: await freePort(),
    edgePort: await freePort(),
    posPort: await freePort(),
    lane2Port: await freePort(),
    cartLinkPort: await freePort(),
  };
}

/** A lane enrolls at the edge agent (which relays to HQ) and pulls one collection from the agent. */
async function enrollAndPull(edgeUrl: string, code: string, collection: string) {
  const enrolled = await fetch(`${edgeUrl}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, label: 'lane-1' }),
  });
  expect(enrolled.status).toBe(201);
  const { token, storeId } = (await enrolled.json()) as { token: string; storeId: string };
  expect(storeId).toBe('store-001');
  // Every document of the collection, page by page from the agent's own checkpoints.
  const pull = async () => {
    const documents: Record<string, unknown>[] = [];
    let checkpoint: unknown = null;
    for (;;) {
      const response = await fetch(`${edgeUrl}/sync/${collection}/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ checkpoint, batchSize: 200 }),
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { documents: Record<string, unknown>[]; checkpoint: unknown };
      documents.push(...page.documents);
      if (page.documents.length < 200) return documents;
      checkpoint = page.checkpoint;
    }
  };
  return pull;
}

/** Every process of a process group, as `ps` lists them (the launcher's own group, started detached). */
function processesOfGroup(pgid: number): string[] {
  const listing = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => Number(fields[1]) === pgid)
    .map((fields) => fields.join(' '));
}

describe('npm start: the virtual store', () => {
  const running: RunningVirtualStore[] = [];
  const launched: ChildProcess[] = [];
  let dataDir = '';
  const output: string[] = [];

  afterAll(async () => {
    await Promise.all(running.map((store) => store.stop()));
    for (const child of launched)
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts HQ, the edge agent, two lanes with their own devices, the kiosk, carts, labels and wallet devices, and a lane pulls the demo supermarket through the agent', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'storefloor-virtual-store-'));
    const store = await startVirtualStore({
      dataDir,
      ...(await ports()),
      productCount: 300,
      log: (line) => output.push(line),
    });
    running.push(store);
    if (store.seeded === 'already-seeded') throw new Error('a fresh data folder must be seeded');
    expect(store.seeded.products.written).toBeGreaterThanOrEqual(300);
    expect(store.seeded.taxRates.written).toBeGreaterThan(0);

    const health = (await (await fetch(`${store.syncUrl}/healthz`)).json()) as { database: string };
    expect(health.database).toBe('pglite');
    const { devices } = (await (await fetch(`${store.simUrl}/devices`)).json()) as {
      devices: { id: string; kind: string }[];
    };
    const ids = devices.map((device) => device.id);
    for (const id of [
      'scanner-1',
      'scale-1',
      'printer-1',
      'terminal-1',
      'scanner-2',
      'scale-2',
      'printer-2',
      'terminal-2',
      'kiosk-scanner-scale',
      'kiosk-bagging-scale',
      'cart-1',
      'cart-2',
      'esl-ap-1',
      'wallet-gateway-1',
    ]) {
      expect(ids).toContain(id);
    }
    // Two lanes, each serving the POS and driving its own devices.
    expect(store.lanes.map((lane) => lane.devices.printer)).toEqual(['printer-1', 'printer-2']);
    for (const lane of store.lanes) {
      const page = await fetch(`${lane.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root"/);
    }
    // The kiosk, attendant and manager screens are served; the kiosk drives its Magellan scanner-scale (one
    // device, scanner and scale) and its bagging scale.
    expect(store.screens.map((screen) => screen.mode)).toEqual(['kiosk', 'attendant', 'manager']);
    for (const screen of store.screens) expect((await fetch(`${screen.url}/`)).status).toBe(200);
    const kioskDevices = JSON.parse(await readFile(join(dataDir, 'kiosk-devices.json'), 'utf8')) as {
      devices: { id: string; kind: string; protocol: string }[];
    };
    expect(kioskDevices.devices.map((d) => `${d.id} ${d.kind}/${d.protocol}`).sort()).toEqual([
      'bagging scale/toledo-8217',
      'printer printer/escpos',
      'scanner-scale scanner-scale/magellan-sci',
      'terminal payment-terminal/nexo-https',
    ]);
    const lane2Devices = JSON.parse(await readFile(join(dataDir, 'lane-2-devices.json'), 'utf8')) as {
      devices: { id: string; address?: string; path?: string }[];
    };
    const printer2 = devices.find((device) => device.id === 'printer-2') as { port?: number };
    expect(lane2Devices.devices.find((device) => device.id === 'printer')?.address).toBe(
      `127.0.0.1:${printer2.port}`,
    );
    // The control page and the products it offers; the shelf labels bound to products, for the agent.
    const control = await fetch(store.controlPageUrl);
    expect(await control.text()).toMatch(/Storefloor hardware simulator/);
    const offered = (await (await fetch(`${store.simUrl}/control/products`)).json()) as {
      products: { code: string }[];
    };
    expect(offered.products.length).toBeGreaterThan(40);
    expect(offered.products.some((product) => product.code === '4011')).toBe(true);
    const bindings = JSON.parse(await readFile(store.files.shelfLabelBindings, 'utf8')) as {
      bindings: { mac: string; productId: string }[];
    };
    expect(bindings.bindings).toHaveLength(300);
    const ap = (await (await fetch(`${store.devices.shelfLabelAccessPoint}`)).json()) as { url: string };
    const tag = (await (await fetch(`${ap.url}/get_db?mac=${bindings.bindings[0]?.mac}`)).json()) as {
      tags: { mac: string }[];
    };
    expect(tag.tags[0]?.mac).toBe(bindings.bindings[0]?.mac);

    // The agent pulls master data from HQ by itself; a lane then finds it at the agent.
    const pull = await enrollAndPull(store.edgeUrl, store.laneEnrollmentCode, 'products');
    await expect
      .poll(async () => (await pull()).length, { timeout: 60_000 })
      .toBe(store.seeded.products.written);
    const products = await pull();
    expect(products.every((product) => Array.isArray(product.gtins))).toBe(true);
    await running.pop()?.stop();
  }, 300_000);

  it('`npm start` over a half-written data folder comes back with its data and seeds nothing twice; Ctrl-C leaves no process behind', async () => {
    // A launcher killed while writing its state file leaves half a JSON document.
    const stateFile = join(dataDir, 'virtual-store.json');
    const state = await readFile(stateFile, 'utf8');
    await writeFile(stateFile, state.slice(0, Math.floor(state.length / 2)));
    const port = await ports();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/start.ts')], {
      cwd: ROOT,
      // Its own process group: every service it starts is in it, so `ps` finds any it left behind.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        STOREFLOOR_DATA_DIR: dataDir,
        STOREFLOOR_DEMO_PRODUCTS: '300',
        STOREFLOOR_SYNC_PORT: String(port.syncPort),
        SIM_PORT: String(port.simPort),
        STOREFLOOR_EDGE_PORT: String(port.edgePort),
        POS_PORT: String(port.posPort),
        POS_LANE2_PORT: String(port.lane2Port),
        STOREFLOOR_CART_LINK_PORT: String(port.cartLinkPort),
      },
    });
    launched.push(child);
    let printed = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
    await expect.poll(() => printed, { timeout: 240_000, interval: 500 }).toMatch(/Press Ctrl-C to stop/);
    for (const label of [
      'POS lane 1',
      'POS lane 2',
      'edge agent',
      'HQ sync server',
      'simulator controls',
      'receipts, lane 1',
      'shelf labels',
      'cashier sign-in',
      'manager sign-in',
    ]) {
      expect(printed).toContain(label);
    }
    expect(printed).toMatch(/unreadable/);
    expect(printed).toContain(`http://127.0.0.1:${port.lane2Port}`);
    expect(printed).toMatch(/王芳 Wang Fang \(emp-store-001-cashier-01\)\s+PIN 1234/);

    // The seed ran again over the same HQ: still 300 products, none twice.
    const code = /lane enrollment\s+(\S+)/.exec(printed)?.[1] as string;
    const pull = await enrollAndPull(`http://127.0.0.1:${port.edgePort}`, code, 'products');
    await expect.poll(async () => (await pull()).length, { timeout: 60_000 }).toBe(300);
    // Nor were the ledgers written twice: the first member's opening points once, the stock counted once.
    const restarted = JSON.parse(await readFile(stateFile, 'utf8')) as { adminToken: string };
    const points = await fetch(
      `http://127.0.0.1:${port.syncPort}/api/admin/members/mem-store-001-00001/points`,
      { headers: { authorization: `Bearer ${restarted.adminToken}` } },
    );
    expect(points.status).toBe(200);
    const [firstMember] = demoSupermarket({ productCount: 300 }).members;
    expect(((await points.json()) as { balance: number }).balance).toBe(firstMember?.points);
    const group = child.pid as number;
    expect(processesOfGroup(group).length).toBeGreaterThanOrEqual(7);

    // Ctrl-C reaches the launcher only (as `kill -INT`): it must stop every service itself.
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect.poll(() => processesOfGroup(group), { timeout: 15_000 }).toEqual([]);
    expect(printed).toContain('virtual store stopped');
  }, 300_000);
});
