/**
 * Child process of crash.test.ts: opens the store, reports how many sale lines it holds, then writes
 * sales forever, one bulk write of three lines per sale, printing each sale id only after its write resolved.
 * The parent kills it with SIGKILL at random moments.
 */
import type { RxCollection } from 'rxdb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageSQLite } from '../src/index.js';
import type { SaleLine } from './fixtures.js';
import { saleLineSchema } from './fixtures.js';

// The parent closing the pipe means the test is over: stop instead of buffering output forever.
process.stdout.on('error', () => process.exit(1));

const [directory, cycle] = process.argv.slice(2);
if (!directory || !cycle) {
  throw new Error('usage: crash-writer <directory> <cycle>');
}

const db = await createRxDatabase<{ lines: RxCollection<SaleLine> }>({
  name: 'store',
  storage: getRxStorageSQLite({ directory, synchronous: 'NORMAL' }),
  multiInstance: false,
});
await db.addCollections({
  lines: {
    schema: saleLineSchema,
  },
});
process.stdout.write(`ready ${await db.lines.count().exec()}\n`);

for (let n = 0; ; n++) {
  const saleId = `c${cycle}-s${n}`;
  const result = await db.lines.bulkInsert(
    [0, 1, 2].map((line) => ({ id: `${saleId}-l${line}`, saleId, amountMinor: 100 * (line + 1) })),
  );
  if (result.error.length > 0) {
    throw new Error(`write of ${saleId} failed: ${JSON.stringify(result.error)}`);
  }
  process.stdout.write(`acked ${saleId}\n`);
}
