import { join, resolve } from 'node:path';
import { startVirtualStore, VirtualStoreError } from './virtual-store.js';

/** `npm start`: the virtual store in the foreground until Ctrl-C. */
function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new Error(`${name} must be a port number 1-65535, got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.STOREFLOOR_DATA_DIR ?? 'data');
  const store = await startVirtualStore({
    dataDir,
    syncPort: portFromEnv('STOREFLOOR_SYNC_PORT', 8780),
    simPort: portFromEnv('SIM_PORT', 8790),
  });
  const seeded =
    store.seeded === 'already-seeded'
      ? 'demo catalog already in the database'
      : `demo catalog seeded: ${store.seeded.products} products, ${store.seeded.prices} prices, ${store.seeded.promotions} promotions`;
  process.stdout.write(
    [
      '',
      `Storefloor virtual store "${store.state.storeName}" (${store.state.storeId}) is running:`,
      `  HQ sync server      ${store.syncUrl}   (GET /healthz; admin API under /api/admin; /metrics needs STOREFLOOR_METRICS_TOKEN)`,
      `  hardware simulator  ${store.simUrl}   (GET /devices; POST /devices/:id/scan, PUT /devices/:id/weight …)`,
      `  ${seeded}`,
      `  HQ admin token      ${store.state.adminToken}   (kept in ${join(dataDir, 'virtual-store.json')})`,
      `  lane enrollment     POST ${store.syncUrl}/api/enroll {"code":"${store.laneEnrollmentCode}"}`,
      '  Not yet part of the store: the edge agent and the POS screens (their issues are next).',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await store.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const crashed = await store.stopped;
  if (!stopping) {
    process.stderr.write(`${crashed} stopped unexpectedly; stopping the virtual store\n`);
    await shutdown(1);
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof VirtualStoreError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message}\n`);
  process.exit(1);
});
