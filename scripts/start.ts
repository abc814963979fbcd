import { rm } from 'node:fs/promises';
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
  if (process.argv.includes('--fresh')) {
    process.stdout.write(`--fresh: removing ${dataDir} and starting over\n`);
    await rm(dataDir, { recursive: true, force: true });
  }
  const store = await startVirtualStore({
    dataDir,
    syncPort: portFromEnv('STOREFLOOR_SYNC_PORT', 8780),
    simPort: portFromEnv('SIM_PORT', 8790),
    edgePort: portFromEnv('STOREFLOOR_EDGE_PORT', 8785),
    posPort: portFromEnv('POS_PORT', 8800),
  });
  const seededCount = (name: keyof Exclude<typeof store.seeded, 'already-seeded'>): number =>
    store.seeded === 'already-seeded' ? 0 : store.seeded[name].written + store.seeded[name].alreadyThere;
  const seeded =
    store.seeded === 'already-seeded'
      ? 'demo supermarket already in the database (npm start -- --fresh starts over)'
      : `demo supermarket seeded: ${seededCount('products')} products, ${seededCount('prices')} prices, ${seededCount('promotions')} promotions, ${seededCount('taxRates')} tax rates, ${seededCount('members')} members, ${seededCount('employees')} employees`;
  const { cashier, manager } = store.signIns;
  process.stdout.write(
    [
      '',
      `Storefloor virtual store "${store.state.storeName}" (${store.state.storeId}) is running:`,
      `  POS lane 1          ${store.laneUrl}   (open in a browser; enroll with the code below)`,
      `  edge agent          ${store.edgeUrl}   (GET /status, /healthz, /metrics; the lanes' sync endpoints)`,
      `  HQ sync server      ${store.syncUrl}   (GET /healthz; admin API under /api/admin; /metrics needs STOREFLOOR_METRICS_TOKEN)`,
      `  hardware simulator  ${store.simUrl}   (GET /devices; POST /devices/:id/scan, PUT /devices/:id/weight …)`,
      `  ${seeded}`,
      `  lane enrollment     ${store.laneEnrollmentCode}   (single use, 24 h)`,
      `  cashier sign-in     ${cashier.name} (${cashier.employeeId})  PIN ${cashier.pin}`,
      `  manager sign-in     ${manager.name} (${manager.employeeId})  PIN ${manager.pin}`,
      `  HQ admin token      ${store.state.adminToken}   (kept in ${join(dataDir, 'virtual-store.json')})`,
      '  Not yet part of the store: the kiosk, the manager screens and a second lane (their issues are next).',
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
