import { backoffDelay, SyncHttpError } from '@storefloor/sync-client';
import type { AgentDatabase } from '../state/agent-database.js';
import { type AgentIdentity, readAgentIdentity, writeAgentIdentity } from '../state/agent-identity.js';
import { hqUrl, postToHq } from './hq-requests.js';

export interface EnrollAgentOptions {
  readonly db: AgentDatabase;
  readonly hqUrl: string;
  readonly enrollmentCode: string | undefined;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  readonly onRetry?: (error: unknown, delayMs: number) => void;
}

export type EnrollmentOutcome =
  | { readonly ok: true; readonly identity: AgentIdentity }
  | {
      readonly ok: false;
      readonly reason: 'no-enrollment-code' | 'enrollment-refused' | 'aborted';
      readonly detail: string;
    };

/**
 * The agent's identity at HQ: the one stored from an earlier start, or a new enrollment with the code.
 * HQ unreachable: retried with capped, jittered backoff until it answers. A refused code (used, expired,
 * unknown) is final: a person must issue a new one.
 */
export async function enrollAgent(options: EnrollAgentOptions): Promise<EnrollmentOutcome> {
  const stored = readAgentIdentity(options.db);
  if (stored) return { ok: true, identity: stored };
  if (!options.enrollmentCode) {
    return {
      ok: false,
      reason: 'no-enrollment-code',
      detail: 'set STOREFLOOR_ENROLLMENT_CODE for the first start',
    };
  }
  for (let attempt = 0; ; attempt++) {
    if (options.signal.aborted) return { ok: false, reason: 'aborted', detail: 'agent stopped' };
    try {
      const enrolled = await postToHq<{ deviceId: string; storeId: string; token: string }>(
        options.fetch,
        hqUrl(options.hqUrl, '/api/enroll'),
        { code: options.enrollmentCode, label: 'edge-agent' },
        { timeoutMs: 10_000 },
      );
      const identity: AgentIdentity = { ...enrolled, hqUrl: options.hqUrl };
      writeAgentIdentity(options.db, identity);
      return { ok: true, identity };
    } catch (error) {
      if (
        error instanceof SyncHttpError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 429
      ) {
        return { ok: false, reason: 'enrollment-refused', detail: error.message };
      }
      const delay = backoffDelay(attempt, { initialMs: 500, maxMs: 30_000 });
      options.onRetry?.(error, delay);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, delay);
        options.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
  }
}
