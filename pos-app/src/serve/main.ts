import { parseArgs } from 'node:util';
import { startLaneServer } from './serve-lane.js';

/**
 * `npm run serve -w @storefloor/pos-app -- --upstream http://127.0.0.1:8780 --sim http://127.0.0.1:8790`:
 * one lane in a browser against an upstream and a hardware-sim (or `--devices lane-devices.json`).
 * `--mode kiosk --bagging-scale scale-2` serves a self-checkout kiosk (its bagging area on the simulator's
 * second scale), `--mode attendant` the attendant screen; both want the edge agent as their upstream.
 */
const { values } = parseArgs({
  options: {
    upstream: { type: 'string', default: process.env.STOREFLOOR_UPSTREAM_URL ?? 'http://127.0.0.1:8780' },
    sim: { type: 'string', default: process.env.SIM_URL ?? 'http://127.0.0.1:8790' },
    devices: { type: 'string' },
    port: { type: 'string', default: process.env.POS_PORT ?? '8800' },
    build: { type: 'boolean', default: false },
    mode: { type: 'string', default: 'lane' },
    'bagging-scale': { type: 'string' },
  },
});
const MODES = ['lane', 'kiosk', 'attendant', 'manager'] as const;
const mode = MODES.find((m) => m === values.mode);
if (!mode) {
  process.stderr.write(`--mode must be one of ${MODES.join(', ')}, got "${values.mode}"\n`);
  process.exit(2);
}
const devices = values.devices
  ? JSON.parse(await (await import('node:fs/promises')).readFile(values.devices, 'utf8'))
  : undefined;
const lane = await startLaneServer({
  upstreamUrl: values.upstream,
  ...(devices ? { devices } : { simUrl: values.sim }),
  port: Number(values.port),
  build: values.build,
  mode,
  ...(values['bagging-scale'] ? { baggingScale: values['bagging-scale'] } : {}),
});
process.stdout.write(
  `POS ${mode} at ${lane.url} (devices ${lane.deviceHost.url}, upstream ${values.upstream})\n`,
);
const stop = async () => {
  await lane.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
