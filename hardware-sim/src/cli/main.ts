import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type ControlPageProduct, parseControlPageProducts } from '../control-page/control-page-products.js';
import { DEFAULT_SIM_CONFIG } from '../default-sim-config.js';
import { replayScenario } from '../scenario/replay-scenario.js';
import { parseScenario } from '../scenario/scenario.js';
import { parseSimConfig, type SimConfig } from '../sim-config.js';
import { DEFAULT_SIM_PORT, startSimulator } from '../start-simulator.js';

const USAGE = `storefloor-hardware-sim — simulated lane devices on real transports

  storefloor-hardware-sim [start] [--config sim.json] [--products products.json] [--port 8790]
  storefloor-hardware-sim replay <scenario.json> [--sim http://127.0.0.1:8790]

The control API listens on 127.0.0.1 (SIM_PORT, default ${DEFAULT_SIM_PORT}); GET /devices lists each
device and the pty path, TCP port or URL a driver opens; GET / is the control page, which offers the
products of --products ([{ code, name, grams?, unit? }]) to scan.`;

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

async function start(
  configPath: string | undefined,
  productsPath: string | undefined,
  port: number,
): Promise<number> {
  let config: SimConfig = DEFAULT_SIM_CONFIG;
  let products: ControlPageProduct[] = [];
  if (productsPath) {
    const parsed = parseControlPageProducts(await readJson(productsPath));
    if (!parsed.ok) {
      console.error(`${productsPath}: ${parsed.detail}`);
      return 2;
    }
    products = parsed.value;
  }
  if (configPath) {
    const parsed = parseSimConfig(await readJson(configPath));
    if (!parsed.ok) {
      console.error(`${configPath}: ${parsed.detail}`);
      return 2;
    }
    config = parsed.value;
  }
  const sim = await startSimulator({ config, port, host: process.env.HOST ?? '127.0.0.1', products });
  console.log(`control API ${sim.url} (control page ${sim.url}/)`);
  for (const device of sim.registry.list()) {
    const at = device.endpoint();
    console.log(
      `  ${device.id.padEnd(12)} ${device.kind.padEnd(16)} ${device.protocol.padEnd(14)} ${at.path ?? at.url ?? `port ${at.port}`}`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.stop();
  return 0;
}

async function replay(file: string | undefined, simUrl: string): Promise<number> {
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const scenario = parseScenario(await readJson(file));
  if (!scenario.ok) {
    console.error(`${file}: ${scenario.detail}`);
    return 2;
  }
  const result = await replayScenario(scenario.value, {
    sim: simUrl,
    onStep: (i, step) => console.log(`step ${i}: ${JSON.stringify(step)}`),
  });
  if (!result.ok) {
    console.error(`${result.reason}: ${result.detail}`);
    return 1;
  }
  console.log(`replayed ${result.value.steps} steps of "${scenario.value.name}"`);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      products: { type: 'string' },
      port: { type: 'string' },
      sim: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command = 'start', arg] = positionals;
  const port = Number(values.port ?? process.env.SIM_PORT ?? DEFAULT_SIM_PORT);
  if (command === 'start') return start(values.config, values.products, port);
  if (command === 'replay') return replay(arg, values.sim ?? `http://127.0.0.1:${port}`);
  console.error(USAGE);
  return 2;
}
