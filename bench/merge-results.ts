import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

/**
 * Merges `sections` into `bench/results/<file>`, keeping the sections other benches of the same package wrote,
 * and replaces the file atomically so an interrupted run never leaves half a JSON document.
 */
export function mergeResults(file: string, sections: Record<string, unknown>): string {
  const path = join(RESULTS_DIR, file);
  mkdirSync(RESULTS_DIR, { recursive: true });
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    existing = {};
  }
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ ...existing, ...sections }, null, 2)}\n`);
  renameSync(temporary, path);
  return path;
}
