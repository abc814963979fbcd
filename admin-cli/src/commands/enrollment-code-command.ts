import { Command, Option } from 'commander';
import { CliFailure, type CliIo } from '../cli-io.js';
import { connectHq, expectAnswer, requireStore } from '../hq-connection.js';
import type { GlobalFlags } from './global-flags.js';

/** `storefloor enrollment-code <storeId>`: a single-use code that enrolls a lane or the store hub. */
export function enrollmentCodeCommand(io: CliIo, globals: () => GlobalFlags): Command {
  return new Command('enrollment-code')
    .argument('<storeId>')
    .description('issue a single-use enrollment code for a lane (till, kiosk, cart host) or the store hub')
    .addOption(
      new Option('--role <role>', 'what the enrolled device may do')
        .choices(['lane', 'store-hub'])
        .default('lane'),
    )
    .option('--ttl <seconds>', 'how long the code stays valid (default 3600, at most a week)')
    .action(async (storeId: string, flags: { role: 'lane' | 'store-hub'; ttl?: string }) => {
      const hq = connectHq(globals(), io);
      const body: { role: string; ttlSeconds?: number } = { role: flags.role };
      if (flags.ttl !== undefined) {
        if (!/^\d+$/.test(flags.ttl) || Number(flags.ttl) < 1 || Number(flags.ttl) > 7 * 24 * 3600) {
          throw new CliFailure(
            'invalid-option',
            `--ttl must be 1 to ${7 * 24 * 3600} seconds, got "${flags.ttl}"`,
          );
        }
        body.ttlSeconds = Number(flags.ttl);
      }
      const answer = await hq.post<{ code: string; storeId: string; role: string; expiresAt: string }>(
        `/api/admin/stores/${encodeURIComponent(storeId)}/enrollment-codes`,
        body,
      );
      if (!answer.ok && answer.code === 'unknown-store') await requireStore(hq, storeId);
      const issued = expectAnswer(answer, `enrollment code for ${storeId}`);
      if (globals().json) return io.out(`${JSON.stringify(issued)}\n`);
      io.out(`${issued.code}\n`);
      io.err(
        `${issued.role} enrollment code for store ${issued.storeId}, single use, valid until ${issued.expiresAt}\n`,
      );
    });
}
