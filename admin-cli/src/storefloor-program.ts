import { Command, CommanderError } from 'commander';
import { CliFailure, type CliIo, EXIT_FAILED } from './cli-io.js';
import { devicesCommand } from './commands/devices-command.js';
import { enrollmentCodeCommand } from './commands/enrollment-code-command.js';
import type { GlobalFlags } from './commands/global-flags.js';
import { importCommand } from './commands/import-command.js';
import { memberCommand } from './commands/member-command.js';
import { dayEndCommand, salesCommand } from './commands/reports-command.js';
import { storesCommand } from './commands/stores-command.js';

/**
 * Runs `storefloor <argv>` and resolves to the exit status. Nothing here calls process.exit, so the whole
 * command line runs the same in the bin and in a test.
 */
export async function runStorefloor(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('storefloor')
    .description('Storefloor HQ administration: stores, enrollment codes, imports, day-end, sales, devices')
    .option('--hq <url>', 'HQ base URL (or STOREFLOOR_HQ_URL; default http://127.0.0.1:8780)')
    .option('--token <token>', 'HQ admin token (or STOREFLOOR_ADMIN_TOKEN)')
    .option('--json', 'print HQ’s answers as JSON')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const globals = (): GlobalFlags => program.opts<GlobalFlags>();
  for (const command of [
    storesCommand(io, globals),
    enrollmentCodeCommand(io, globals),
    importCommand(io, globals, (code) => {
      exitCode = code;
    }),
    dayEndCommand(io, globals),
    salesCommand(io, globals),
    devicesCommand(io, globals),
    memberCommand(io, globals),
  ]) {
    program.addCommand(command);
  }
  // Subcommands inherit the error handling, so a usage error anywhere is a status, not an exit.
  for (const command of program.commands) applyErrorHandling(command, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_FAILED;
    }
    if (error instanceof CliFailure) {
      io.err(`storefloor: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

function applyErrorHandling(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  command.showHelpAfterError();
  for (const sub of command.commands) applyErrorHandling(sub, io);
}
