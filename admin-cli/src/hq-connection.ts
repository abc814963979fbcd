import { CliFailure, type CliIo } from './cli-io.js';
import { HqClient, type HqResult } from './hq-client.js';

/** sync-server's default listen address (its README, "Run it"). */
export const DEFAULT_HQ_URL = 'http://127.0.0.1:8780';

export interface ConnectionFlags {
  readonly hq?: string;
  readonly token?: string;
}

/** The HQ client from `--hq`/`STOREFLOOR_HQ_URL` and `--token`/`STOREFLOOR_ADMIN_TOKEN`. */
export function connectHq(flags: ConnectionFlags, io: CliIo): HqClient {
  const token = flags.token ?? io.env.STOREFLOOR_ADMIN_TOKEN;
  if (token === undefined || token.trim() === '') {
    throw new CliFailure(
      'missing-token',
      'no HQ admin token: pass --token <token> or set STOREFLOOR_ADMIN_TOKEN (HQ prints it at its first start)',
    );
  }
  const baseUrl = flags.hq ?? io.env.STOREFLOOR_HQ_URL ?? DEFAULT_HQ_URL;
  try {
    return new HqClient({ baseUrl, token: token.trim() });
  } catch (error) {
    throw new CliFailure('invalid-hq-url', `--hq ${(error as Error).message}`);
  }
}

/** The value of an answer, or the CLI failure that says what HQ answered. */
export function expectAnswer<T>(answer: HqResult<T>, what: string): T {
  if (answer.ok) return answer.value;
  if (answer.code === 'hq-unreachable') throw new CliFailure(answer.code, answer.message);
  if (answer.code === 'unauthorized' || answer.code === 'admin-required') {
    throw new CliFailure(answer.code, `${what}: HQ refused the admin token (${answer.message})`);
  }
  throw new CliFailure(answer.code, `${what}: ${answer.message} [${answer.code}]`);
}

/** Fails with `unknown-store` unless HQ knows `storeId` (reports and imports would silently show nothing). */
export async function requireStore(
  hq: HqClient,
  storeId: string,
): Promise<{ storeId: string; name: string }> {
  const answer = await hq.get<{ storeId: string; name: string }>(
    `/api/admin/stores/${encodeURIComponent(storeId)}`,
  );
  if (!answer.ok && answer.code === 'unknown-store') {
    throw new CliFailure('unknown-store', `unknown store "${storeId}": HQ has no store with this id`);
  }
  return expectAnswer(answer, `store ${storeId}`);
}
