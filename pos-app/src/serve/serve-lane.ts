import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningLaneHost, startLaneHost } from '../host/lane-host.js';
import { laneDevicesFromSim } from '../host/sim-lane-devices.js';
import { UpstreamProxy } from './upstream-proxy.js';

export const RENDERER_DIST = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const POS_APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the renderer with Vite into dist/renderer (the lead's `npm start`, tests, Electron packaging). */
export async function buildRenderer(): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: join(POS_APP_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return RENDERER_DIST;
}

export interface LaneServerOptions {
  /** The sync upstream: HQ or the edge agent. */
  readonly upstreamUrl: string;
  /** hardware-sim control API: the lane host drives its devices. Or give `devices` (a device config). */
  readonly simUrl?: string;
  readonly devices?: unknown;
  readonly port?: number;
  readonly host?: string;
  /** Build the renderer first (default: only when dist/renderer has no index.html). */
  readonly build?: boolean;
  /** IndexedDB name the page uses (several lanes in one browser profile need different names). */
  readonly databaseName?: string;
  readonly scalePollMs?: number;
  /** Which app the page runs (lane-config.json `mode`); default 'lane'. */
  readonly mode?: 'lane' | 'kiosk' | 'attendant' | 'manager';
}

export interface RunningLaneServer {
  /** Open this in a browser. */
  readonly url: string;
  readonly deviceHost: RunningLaneHost;
  readonly proxy: UpstreamProxy;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * One lane in a browser: serves the built renderer, `/lane-config.json`, and `/hq/*` forwarded to the
 * upstream; starts the lane device host on its own WebSocket port with the simulator's (or given) devices.
 */
export async function startLaneServer(options: LaneServerOptions): Promise<RunningLaneServer> {
  const host = options.host ?? '127.0.0.1';
  const hasBuild = await readFile(join(RENDERER_DIST, 'index.html')).then(
    () => true,
    () => false,
  );
  if (options.build === true || !hasBuild) await buildRenderer();
  const devices =
    options.devices ??
    (options.simUrl
      ? await laneDevicesFromSim(
          options.simUrl,
          {},
          options.scalePollMs === undefined ? {} : { scalePollMs: options.scalePollMs },
        )
      : { devices: [] });
  const deviceHost = await startLaneHost({ devices, host });
  const proxy = new UpstreamProxy(options.upstreamUrl);
  const config = JSON.stringify({
    upstreamUrl: '/hq',
    deviceHostUrl: deviceHost.url,
    databaseName: options.databaseName ?? 'storefloor-lane',
    ...(options.mode ? { mode: options.mode } : {}),
  });
  const root = resolve(RENDERER_DIST);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/hq/')) return proxy.handle(req, res, (req.url ?? '/').slice(3));
    if (path === '/lane-config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(config);
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(root)) {
      res.writeHead(403);
      return res.end();
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(options.port ?? 0, host, r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    deviceHost,
    proxy,
    async stop() {
      proxy.setLinked(false);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await deviceHost.stop();
    },
  };
}
