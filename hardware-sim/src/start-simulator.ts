import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ControlPageProduct } from './control-page/control-page-products.js';
import { defaultCatalog } from './default-catalog.js';
import type { SimFactoryCatalog } from './registry.js';
import { SimRegistry } from './registry.js';
import { buildControlServer } from './server/build-control-server.js';
import type { SimConfig } from './sim-config.js';

export interface StartSimulatorOptions {
  readonly config: SimConfig;
  /** Control API port; 0 picks a free one (tests). Default SIM_PORT or 8790. */
  readonly port?: number;
  readonly host?: string;
  readonly catalog?: SimFactoryCatalog;
  readonly logger?: boolean;
  /** The products the control page offers to scan (a list given at start; the simulator knows no catalogue). */
  readonly products?: readonly ControlPageProduct[];
}

export interface RunningSimulator {
  readonly registry: SimRegistry;
  readonly server: FastifyInstance;
  /** Base URL of the control API, e.g. http://127.0.0.1:8790 */
  readonly url: string;
  readonly runDir: string;
  stop(): Promise<void>;
}

export const DEFAULT_SIM_PORT = 8790;

/** Starts the configured simulated devices and the control API on loopback. */
export async function startSimulator(options: StartSimulatorOptions): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const runDir = await mkdtemp(join(tmpdir(), 'storefloor-sim-'));
  const catalog = options.catalog ?? defaultCatalog();
  const registry = new SimRegistry();
  const server = buildControlServer({
    registry,
    logger: options.logger ?? false,
    ...(options.products ? { products: options.products } : {}),
  });
  try {
    for (const spec of options.config.devices)
      registry.add(catalog.create(spec, { runDir, host }), spec.station);
    await registry.startAll();
    await server.listen({ port: options.port ?? DEFAULT_SIM_PORT, host });
  } catch (e) {
    await registry.stopAll();
    await server.close();
    await rm(runDir, { recursive: true, force: true });
    throw e;
  }
  const address = server.server.address();
  const port =
    typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_SIM_PORT);
  return {
    registry,
    server,
    url: `http://${host}:${port}`,
    runDir,
    async stop() {
      await server.close();
      await registry.stopAll();
      await rm(runDir, { recursive: true, force: true });
    },
  };
}
