import { transactionCollectionNames } from '@storefloor/core';
import type { HqLink, HqLinkState } from '../hq/hq-link.js';
import type { ReplicaHealth, ReplicaProblem } from '../replica/replica-health.js';
import type { Outbox } from '../state/outbox.js';

export interface UpstreamRejection {
  readonly collection: string;
  readonly id: string;
  readonly code: string;
  readonly message: string;
  readonly at: string;
}

export interface AgentStatus {
  readonly enrolled: boolean;
  readonly deviceId: string | null;
  readonly storeId: string | null;
  readonly enrollmentProblem: string | null;
  readonly hq: HqLinkState & {
    /** Seconds since the oldest document not yet at HQ was stored here; 0 when nothing is pending. */
    readonly lagSeconds: number;
    readonly oldestPendingAt: string | null;
    readonly lastPushAt: string | null;
  };
  readonly pending: Record<string, number>;
  readonly pendingTotal: number;
  readonly replica: { readonly ok: boolean; readonly problem: ReplicaProblem | null };
  readonly lanes: { readonly enrolled: number; readonly revoked: number; readonly openStreams: number };
  readonly rejected: readonly UpstreamRejection[];
  /** Documents HQ refused for good, per collection and in all (kept in the replica, never pushed again). */
  readonly rejectedCount: Record<string, number>;
  readonly rejectedTotal: number;
}

export interface AgentStatusSources {
  readonly identity: () => { deviceId: string; storeId: string } | undefined;
  readonly enrollmentProblem: () => string | undefined;
  readonly link: HqLink;
  readonly outbox: Outbox;
  readonly sequencerFailure: () => Error | undefined;
  readonly health: ReplicaHealth;
  readonly lanes: () => { enrolled: number; revoked: number; openStreams: number };
  readonly rejected: () => readonly UpstreamRejection[];
  readonly rejectedCounts: () => Record<string, number>;
  readonly lastPushAt: () => number | undefined;
}

/** What `GET /status` answers and `/metrics` exports: one snapshot, computed from the agent's own tables. */
export function agentStatus(sources: AgentStatusSources, now = Date.now()): AgentStatus {
  const identity = sources.identity();
  const pending: Record<string, number> = {};
  let pendingTotal = 0;
  let oldest: number | null = null;
  for (const collection of transactionCollectionNames) {
    const count = sources.outbox.pending(collection);
    pending[collection] = count.pending;
    pendingTotal += count.pending;
    if (count.oldestRecordedAt !== null && (oldest === null || count.oldestRecordedAt < oldest)) {
      oldest = count.oldestRecordedAt;
    }
  }
  const problem = sources.health.problem ?? failureProblem(sources.sequencerFailure());
  const lastPush = sources.lastPushAt();
  const rejectedCount = sources.rejectedCounts();
  return {
    enrolled: identity !== undefined,
    deviceId: identity?.deviceId ?? null,
    storeId: identity?.storeId ?? null,
    enrollmentProblem: sources.enrollmentProblem() ?? null,
    hq: {
      ...sources.link.state,
      lagSeconds: oldest === null ? 0 : Math.max(0, (now - oldest) / 1000),
      oldestPendingAt: oldest === null ? null : new Date(oldest).toISOString(),
      lastPushAt: lastPush === undefined ? null : new Date(lastPush).toISOString(),
    },
    pending,
    pendingTotal,
    replica: { ok: problem === undefined, problem: problem ?? null },
    lanes: sources.lanes(),
    rejected: sources.rejected(),
    rejectedCount,
    rejectedTotal: Object.values(rejectedCount).reduce((sum, n) => sum + n, 0),
  };
}

function failureProblem(error: Error | undefined): ReplicaProblem | undefined {
  if (!error) return undefined;
  const e = error as Error & { code?: string };
  return {
    code: typeof e.code === 'string' ? e.code : 'sequence-write-failed',
    file: 'agent.sqlite',
    message: e.message,
    since: new Date().toISOString(),
  };
}
