import { writeFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { Argument, Command } from 'commander';
import { CliFailure, type CliIo, EXIT_FAILED, EXIT_ROWS_REJECTED } from '../cli-io.js';
import { connectHq, requireStore } from '../hq-connection.js';
import {
  IMPORT_KINDS,
  type ImportFileOutcome,
  type ImportKindName,
  importFile,
  rejectedRowLines,
  rejectedRowsCsv,
} from '../import-file.js';
import type { GlobalFlags } from './global-flags.js';

interface ImportFlags {
  readonly store?: string;
  readonly currency?: string;
  readonly allOrNothing?: boolean;
  readonly rejected?: string;
}

/**
 * `storefloor import <kind> <files…>`: each file is streamed to HQ, which validates every row with core's
 * schemas and answers with a report; rejected rows are listed as `file:line: field: reason`.
 */
export function importCommand(
  io: CliIo,
  globals: () => GlobalFlags,
  setExit: (code: number) => void,
): Command {
  return new Command('import')
    .description('import master data from CSV (header row), JSON (an array) or NDJSON files')
    .addArgument(new Argument('<kind>', 'what the files hold').choices(IMPORT_KINDS))
    .argument('<files...>', 'files to import, one after the other')
    .option(
      '--store <storeId>',
      'rows without a storeId column belong to this store (default: chain-wide "*")',
    )
    .option('--currency <ISO 4217>', 'currency of rows without a currency column (prices, promotions)')
    .option('--all-or-nothing', 'write nothing from a file if any of its rows is rejected')
    .option('--rejected <file.csv>', 'also write the rejected rows (file, line, field, reason) to this CSV')
    .action(async (kind: ImportKindName, files: string[], flags: ImportFlags) => {
      const hq = connectHq(globals(), io);
      if (flags.currency !== undefined && !/^[A-Z]{3}$/.test(flags.currency)) {
        throw new CliFailure(
          'invalid-option',
          `--currency must be an ISO 4217 code such as CNY, got "${flags.currency}"`,
        );
      }
      if (flags.store !== undefined && flags.store !== '*') await requireStore(hq, flags.store);
      const outcomes: ImportFileOutcome[] = [];
      for (const file of files) {
        const outcome = await withProgress(io, file, (onProgress) =>
          importFile(hq, {
            kind,
            file,
            ...(flags.store === undefined ? {} : { storeId: flags.store }),
            ...(flags.currency === undefined ? {} : { currency: flags.currency }),
            ...(flags.allOrNothing ? { allOrNothing: true } : {}),
            onProgress,
          }),
        );
        outcomes.push(outcome);
        if (!outcome.ok && outcome.code === 'hq-unreachable')
          throw new CliFailure(outcome.code, outcome.message);
        if (!outcome.ok && (outcome.code === 'unauthorized' || outcome.code === 'admin-required')) {
          throw new CliFailure(outcome.code, `HQ refused the admin token (${outcome.message})`);
        }
        report(io, kind, outcome, globals().json === true);
      }
      if (flags.rejected !== undefined) {
        await writeFile(
          flags.rejected,
          rejectedRowsCsv(outcomes.map((o) => ({ file: o.file, ...(o.report ? { report: o.report } : {}) }))),
        );
        io.err(`rejected rows written to ${flags.rejected}\n`);
      }
      if (outcomes.some((outcome) => !outcome.ok)) setExit(EXIT_FAILED);
      else if (outcomes.some((outcome) => outcome.ok && outcome.report.rejectedCount > 0))
        setExit(EXIT_ROWS_REJECTED);
    });
}

function report(io: CliIo, kind: string, outcome: ImportFileOutcome, json: boolean): void {
  if (json) {
    io.out(`${JSON.stringify(outcome)}\n`);
  } else if (outcome.ok) {
    const { accepted, unchanged, rejectedCount } = outcome.report;
    io.out(
      `${outcome.file}: ${kind}: ${accepted} written, ${unchanged} unchanged, ${rejectedCount} rejected\n`,
    );
  } else {
    io.err(`storefloor: ${outcome.file}: nothing imported: ${outcome.message} [${outcome.code}]\n`);
  }
  if (outcome.report && outcome.report.rejectedCount > 0) {
    for (const line of rejectedRowLines(outcome.file, outcome.report)) io.err(`${line}\n`);
  }
}

/** A progress bar over the bytes of one file on a terminal; elsewhere (pipes, CI logs) nothing until the end. */
async function withProgress<T>(
  io: CliIo,
  file: string,
  run: (onProgress: (sent: number, total: number) => void) => Promise<T>,
): Promise<T> {
  if (!io.interactive || !io.progressStream) return run(() => {});
  const bar = new SingleBar({
    format: `${file} [{bar}] {percentage}% | {value}/{total} KiB | {phase}`,
    stream: io.progressStream,
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(1, 0, { phase: 'sending' });
  try {
    return await run((sent, total) => {
      const kib = (bytes: number): number => Math.ceil(bytes / 1024);
      bar.setTotal(kib(total));
      // Sent all: HQ now applies the rows in one transaction.
      bar.update(kib(sent), { phase: sent >= total ? 'HQ applying' : 'sending' });
    });
  } finally {
    bar.stop();
  }
}
