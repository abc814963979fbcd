import type { AuditEntryDoc, CollectionName } from '@storefloor/core';
import type { LaneServices } from '../app/lane-services.js';

/** What the lane records about one audited action (the identity, id and time are filled in). */
export interface AuditFact {
  /** Dotted lower-case action name, e.g. 'sale.post-void', 'sign-in.failed'. */
  readonly action: string;
  /** Who acted; '' for the lane itself. */
  readonly employeeId: string;
  /** Who approved it, for actions that need a supervisor or manager. */
  readonly approvedBy?: string;
  readonly subject?: { readonly collection: CollectionName; readonly id: string };
  readonly facts?: Readonly<Record<string, string | number | boolean>>;
}

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/** The audit document for `fact`, as core's `audit_entries` schema wants it. */
export function auditEntry(
  identity: { readonly storeId: string; readonly deviceId: string },
  id: string,
  fact: AuditFact,
  occurredAt: number,
): AuditEntryDoc {
  if (!ACTION.test(fact.action) || fact.action.length > 64)
    throw new RangeError(`audit action '${fact.action}' is not a dotted lower-case name`);
  const facts: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(fact.facts ?? {}))
    facts[k] = typeof v === 'string' ? v.slice(0, 500) : v;
  return {
    id,
    storeId: identity.storeId,
    deviceId: identity.deviceId,
    employeeId: fact.employeeId,
    approvedBy: fact.approvedBy ?? '',
    action: fact.action,
    subjectCollection: fact.subject?.collection ?? '',
    subjectId: fact.subject?.id ?? '',
    facts,
    occurredAt,
  };
}

/** Writes one audit entry to the lane's replica; it replicates to HQ with the lane's other transactions. */
export async function writeAudit(
  lane: Pick<LaneServices, 'db' | 'sync' | 'identity'>,
  id: string,
  fact: AuditFact,
  occurredAt = Date.now(),
): Promise<AuditEntryDoc> {
  const entry = auditEntry(lane.identity, id, fact, occurredAt);
  await lane.db.audit_entries.insert(entry);
  lane.sync.wrote('audit_entries', entry.id);
  return entry;
}
