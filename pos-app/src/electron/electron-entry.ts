import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ElectronMainApi } from './electron-api.js';
import { startElectronLane } from './main.js';

/**
 * The packaged app's main entry (dist/electron/main.cjs). Reads the lane's config file
 * (STOREFLOOR_LANE_CONFIG, default ./lane.json): `{ upstreamUrl, devices, kiosk? }`.
 */
async function main(): Promise<void> {
  const electron = (await import('electron' as string)) as unknown as ElectronMainApi;
  const configPath = process.env.STOREFLOOR_LANE_CONFIG ?? 'lane.json';
  const config = JSON.parse(await readFile(configPath, 'utf8')) as {
    upstreamUrl: string;
    devices: unknown;
    kiosk?: boolean;
  };
  await startElectronLane(electron, {
    rendererIndex: fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
    preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
    devices: config.devices,
    upstreamUrl: config.upstreamUrl,
    kiosk: config.kiosk === true,
  });
}

void main();
