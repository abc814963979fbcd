import { runStorefloor } from './storefloor-program.js';

/** The `storefloor` bin: the real process streams and environment. */
const status = await runStorefloor(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  interactive: process.stderr.isTTY === true,
  progressStream: process.stderr,
}).catch((error: unknown) => {
  process.stderr.write(
    `storefloor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
});
process.exitCode = status;
