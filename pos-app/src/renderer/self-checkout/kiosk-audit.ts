import type { AuditEntryDoc, BaggingDecision } from '@storefloor/core';
import type { LaneServices } from '../app/lane-services.js';

/**
 * The kiosk's own audit trail: every bagging decision with the weights it was made on, and what the
 * kiosk did on its own (a sale abandoned at idle). Attendant answers are audited by the edge agent.
 */
export async function recordKioskAudit(
  lane: LaneServices,
  newId: () => string,
  entry: {
    action: string;
    saleId?: string;
    employeeId?: string;
    approvedBy?: string;
    facts: AuditEntryDoc['facts'];
  },
): Promise<void> {
  const doc: AuditEntryDoc = {
    id: newId(),
    storeId: lane.identity.storeId,
    deviceId: lane.identity.deviceId,
    employeeId: entry.employeeId ?? '',
    approvedBy: entry.approvedBy ?? '',
    action: entry.action,
    subjectCollection: entry.saleId ? 'sales' : '',
    subjectId: entry.saleId ?? '',
    facts: entry.facts,
    occurredAt: Date.now(),
  };
  await lane.db.audit_entries.insert(doc);
  lane.sync.wrote('audit_entries', doc.id);
}

/** A bagging decision as flat audit facts (and as the facts of the alert it raises). */
export function decisionFacts(decision: BaggingDecision, quantity: number): AuditEntryDoc['facts'] {
  return {
    acceptedGrams: decision.acceptedGrams,
    readingGrams: decision.readingGrams,
    deltaGrams: decision.deltaGrams,
    expectedGrams: decision.expectedGrams,
    toleranceGrams: decision.toleranceGrams,
    weightSource: decision.weightSource,
    driftGrams: decision.driftGrams,
    bags: decision.bags,
    withBag: decision.withBag,
    quantity,
    ...(decision.productId ? { productId: decision.productId } : {}),
    ...(decision.lineId ? { lineId: decision.lineId } : {}),
  };
}
