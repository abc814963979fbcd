import { fileURLToPath } from 'node:url';
import { startStoreService } from '../store-service.js';

/** A launcher with one service: the test kills this process with SIGKILL and expects the service to go too. */
startStoreService({
  name: 'forever',
  entry: fileURLToPath(new URL('./forever-service.ts', import.meta.url)),
  cwd: process.cwd(),
  env: {},
  log: (line) => process.stdout.write(`${line}\n`),
});
setInterval(() => {}, 60_000);
