import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type RunningVirtualStore, startVirtualStore, VirtualStoreError } from './virtual-store.js';

/**
 * `npm start`: the virtual store in the foreground until Ctrl-C. `npm start -- --fresh` removes the data folder
 * first. Ctrl-C (or SIGTERM) at any moment, during the start too, stops every service before the launcher exits.
 */
function numberFromEnv(name: string, fallback: number, max = 65_535): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw new Error(`${name} must be a whole number 1-${max}, got "${raw}"`);
  }
  return value;
}

function summary(store: RunningVirtualStore, dataDir: string): string {
  const seededCount = (name: keyof Exclude<typeof store.seeded, 'already-seeded'>): number =>
    store.seeded === 'already-seeded' ? 0 : store.seeded[name].written + store.seeded[name].alreadyThere;
  const seeded =
    store.seeded === 'already-seeded'
      ? 'demo supermarket already in the database (npm start -- --fresh starts over)'
      : `demo supermarket seeded: ${seededCount('products')} products, ${seededCount('prices')} prices, ${seededCount('promotions')} promotions, ${seededCount('taxRates')} tax rates, ${seededCount('members')} members, ${seededCount('employees')} employees`;
  const { cashier, manager } = store.signIns;
  const [lane1, lane2] = store.lanes;
  const pad = (label: string) => `  ${label.padEnd(20)}`;
  return [
    '',
    `Storefloor virtual store "${store.state.storeName}" (${store.state.storeId}) is running:`,
    `${pad('POS lane 1')}${lane1?.url}   (open in a browser; enroll with the code below)`,
    `${pad('POS lane 2')}${lane2?.url}   (its own scanner, scale, printer and terminal)`,
    ...store.screens.map(
      (screen) => `${pad(`POS ${screen.mode}`)}${screen.url}   (enroll with one of the codes below)`,
    ),
    `${pad('edge agent')}${store.edgeUrl}   (GET /status, /healthz, /metrics; the lanes' sync endpoints)`,
    `${pad('HQ sync server')}${store.syncUrl}   (GET /healthz; admin API under /api/admin)`,
    `${pad('simulator controls')}${store.controlPageUrl}   (scan, weigh, pull printer paper, decline a card, fill a cart)`,
    `${pad('receipts, lane 1')}${lane1?.receiptsUrl}   (each with its .png)`,
    `${pad('receipts, lane 2')}${lane2?.receiptsUrl}`,
    `${pad('shelf labels')}${store.devices.shelfLabelAccessPoint}/labels   (each as /labels/<mac>.png; the access point itself at ${store.devices.shelfLabelAccessPointUrl})`,
    `${pad('kiosk devices')}${Object.values(store.devices.kiosk).join(', ')}`,
    `${pad('smart carts')}${store.devices.carts.join(', ')} (dialling the agent's cart link ${store.devices.cartLinkUrl})`,
    `${pad('wallet gateway')}${store.devices.walletGatewayUrl}   (WeChat Pay and Alipay; what it charged: ${store.devices.walletGateway}/transactions)`,
    `  ${seeded}`,
    `${pad('lane enrollment')}${store.laneEnrollmentCode}   (single use, 24 h; one per screen:)`,
    `${pad('more codes')}${store.moreEnrollmentCodes.join('  ')}   (lane 2, kiosk, attendant, manager)`,
    `${pad('cashier sign-in')}${cashier.name} (${cashier.employeeId})  PIN ${cashier.pin}`,
    `${pad('manager sign-in')}${manager.name} (${manager.employeeId})  PIN ${manager.pin}`,
    `${pad('HQ admin token')}${store.state.adminToken}   (kept in ${join(dataDir, 'virtual-store.json')})`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const dataDir = resolve(process.env.STOREFLOOR_DATA_DIR ?? 'data');
  // Signals are taken from the first moment, so a Ctrl-C during the start stops what has started.
  const interrupted = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!interrupted.signal.aborted) process.stdout.write(`\n${signal}: stopping the virtual store...\n`);
    interrupted.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (process.argv.includes('--fresh')) {
    process.stdout.write(`--fresh: removing ${dataDir} and starting over\n`);
    await rm(dataDir, { recursive: true, force: true });
  }
  const posPort = numberFromEnv('POS_PORT', 8800);
  const edgePort = numberFromEnv('STOREFLOOR_EDGE_PORT', 8785);
  let store: RunningVirtualStore;
  try {
    store = await startVirtualStore({
      dataDir,
      syncPort: numberFromEnv('STOREFLOOR_SYNC_PORT', 8780),
      simPort: numberFromEnv('SIM_PORT', 8790),
      edgePort,
      posPort,
      lane2Port: numberFromEnv('POS_LANE2_PORT', posPort + 1),
      cartLinkPort: numberFromEnv('STOREFLOOR_CART_LINK_PORT', edgePort + 1),
      ...(process.env.STOREFLOOR_DEMO_PRODUCTS
        ? { productCount: numberFromEnv('STOREFLOOR_DEMO_PRODUCTS', 20_000, 1_000_000) }
        : {}),
      signal: interrupted.signal,
    });
  } catch (error) {
    if (interrupted.signal.aborted) {
      process.stdout.write('virtual store stopped before it was ready\n');
      return 130;
    }
    throw error;
  }
  process.stdout.write(summary(store, dataDir));
  const crashed = store.stopped.then((name) => name);
  const outcome = await Promise.race([
    crashed,
    new Promise<'interrupted'>((resolveStop) => {
      if (interrupted.signal.aborted) resolveStop('interrupted');
      interrupted.signal.addEventListener('abort', () => resolveStop('interrupted'), { once: true });
    }),
  ]);
  await store.stop();
  if (outcome !== 'interrupted' && !interrupted.signal.aborted) {
    process.stderr.write(`${outcome} stopped unexpectedly; the virtual store stopped too\n`);
    return 1;
  }
  process.stdout.write('virtual store stopped\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof VirtualStoreError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`npm start failed: ${message}\n`);
    process.exit(1);
  },
);
