import { validateDocument } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { auditEntry } from './audit-log.js';

const lane = { storeId: 'store-1', deviceId: 'lane-1' };

describe('audit entries written by the lane', () => {
  it("are documents core's audit_entries schema accepts, with the approver and the subject", () => {
    const entry = auditEntry(
      lane,
      '0192f0c6-0000-7000-8000-000000000001',
      {
        action: 'sale.post-void',
        employeeId: 'emp-ana',
        approvedBy: 'emp-bo',
        subject: { collection: 'sales', id: 'sale-1' },
        facts: { amount: 119, reason: 'x'.repeat(600), drawer: true },
      },
      1_700_000_000_000,
    );
    expect(validateDocument('audit_entries', entry).ok).toBe(true);
    expect(entry).toMatchObject({
      storeId: 'store-1',
      deviceId: 'lane-1',
      approvedBy: 'emp-bo',
      subjectCollection: 'sales',
      subjectId: 'sale-1',
    });
    // Free text is cut to what the schema allows rather than refused: the event is never lost.
    expect(String(entry.facts.reason)).toHaveLength(500);
  });

  it('leave approver and subject empty when there are none', () => {
    const entry = auditEntry(
      lane,
      '0192f0c6-0000-7000-8000-000000000002',
      { action: 'sign-in.failed', employeeId: 'emp-ana' },
      1,
    );
    expect(entry).toMatchObject({ approvedBy: '', subjectCollection: '', subjectId: '', facts: {} });
    expect(validateDocument('audit_entries', entry).ok).toBe(true);
  });

  it('refuse an action name that is not dotted lower case (a bug, not an event)', () => {
    expect(() => auditEntry(lane, 'id', { action: 'Sale Void', employeeId: '' }, 1)).toThrow(RangeError);
  });
});
