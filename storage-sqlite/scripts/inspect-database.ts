/**
 * Prints what is in a storage file: `<file>` lists its collections, `<file> <collection>` prints documents as
 * JSON lines (`--id <id>` for one, `--limit <n>` for more than 20).
 *
 *   npm run inspect -w @storefloor/rxdb-storage-sqlite -- data/edge/store.sqlite sales --limit 5
 */
import { parseArgs } from 'node:util';
import { inspectDatabase, SQLiteStorageError } from '../src/index.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { id: { type: 'string' }, limit: { type: 'string' } },
});
const [file, collection] = positionals;
const limit = values.limit === undefined ? undefined : Number(values.limit);
if (!file || (limit !== undefined && !(Number.isInteger(limit) && limit > 0))) {
  process.stderr.write('usage: inspect-database <file.sqlite> [collection] [--id <id>] [--limit <n>]\n');
  process.exit(2);
}
try {
  const lines = inspectDatabase(file, {
    ...(collection === undefined ? {} : { collection }),
    ...(values.id === undefined ? {} : { id: values.id }),
    ...(limit === undefined ? {} : { limit }),
  });
  process.stdout.write(lines.map((line) => `${line}\n`).join(''));
} catch (error) {
  if (!(error instanceof SQLiteStorageError)) throw error;
  process.stderr.write(`${error.code}: ${error.message}\n`);
  process.exit(1);
}
