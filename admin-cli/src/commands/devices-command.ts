import { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io.js';
import { connectHq, expectAnswer } from '../hq-connection.js';
import type { GlobalFlags } from './global-flags.js';

/** `storefloor devices revoke <deviceId>`: the device's token stops working now, on every HQ instance. */
export function devicesCommand(io: CliIo, globals: () => GlobalFlags): Command {
  const devices = new Command('devices').description('enrolled devices');
  devices
    .command('revoke <deviceId>')
    .description('revoke a device now: its token is refused and its open streams close')
    .action(async (deviceId: string) => {
      const hq = connectHq(globals(), io);
      const answer = await hq.delete<{ deviceId: string; revokedAt: string }>(
        `/api/admin/devices/${encodeURIComponent(deviceId)}`,
      );
      if (!answer.ok && answer.code === 'unknown-device') {
        throw new CliFailure('unknown-device', `unknown device "${deviceId}": HQ has no device with this id`);
      }
      const revoked = expectAnswer(answer, `revoking ${deviceId}`);
      if (globals().json) return io.out(`${JSON.stringify(revoked)}\n`);
      io.out(`device ${revoked.deviceId} revoked at ${revoked.revokedAt}\n`);
    });
  return devices;
}
