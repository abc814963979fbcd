import { type AuditEntryDoc, createIdGenerator, type EmployeeDoc } from '@storefloor/core';
import type { LaneServices } from '../../app/lane-services.js';
import { verifyPin } from '../../auth/verify-pin.js';

const newId = createIdGenerator();

/** The managers among the store's employees: only they sign in here and sign differences off. */
export function managersOf(employees: readonly EmployeeDoc[]): EmployeeDoc[] {
  return employees.filter((e) => e.roles.includes('manager'));
}

/** The manager whose PIN this is, or undefined. */
export async function managerByPin(
  employees: readonly EmployeeDoc[],
  pin: string,
): Promise<EmployeeDoc | undefined> {
  for (const e of managersOf(employees)) if (await verifyPin(pin, e.pinHash)) return e;
  return undefined;
}

/** Writes an audit entry from the manager's screen (it replicates to the agent and HQ like any lane's). */
export async function recordAudit(
  lane: LaneServices,
  entry: Pick<
    AuditEntryDoc,
    'action' | 'employeeId' | 'approvedBy' | 'subjectCollection' | 'subjectId' | 'facts'
  >,
): Promise<AuditEntryDoc> {
  const doc: AuditEntryDoc = {
    id: newId(),
    storeId: lane.identity.storeId,
    deviceId: lane.identity.deviceId,
    occurredAt: Date.now(),
    ...entry,
  };
  await lane.db.audit_entries.insert(doc);
  lane.sync.wrote('audit_entries', doc.id);
  return doc;
}
