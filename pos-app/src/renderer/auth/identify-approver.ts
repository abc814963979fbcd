import type { EmployeeDoc, EmployeeRole } from '@storefloor/core';
import { employeeByBadge, hasRole } from './employee-roles.js';

/** How the approving employee identified: a PIN typed on the lane or a badge scanned. */
export type ApproverCredential =
  | { readonly kind: 'pin'; readonly pin: string }
  | { readonly kind: 'badge'; readonly code: string };

export type ApproverRefusal =
  /** No employee holding the role has that PIN. */
  | 'wrong-pin'
  /** No active employee carries that badge. */
  | 'unknown-badge'
  /** The employee is known but does not hold the role the action needs. */
  | 'role-required'
  /** The approver is the cashier asking: a supervisor's approval comes from someone else. */
  | 'self-approval';

export type ApproverResult =
  | { readonly ok: true; readonly approver: EmployeeDoc; readonly method: ApproverCredential['kind'] }
  | { readonly ok: false; readonly reason: ApproverRefusal; readonly employee?: EmployeeDoc };

/**
 * Finds the employee approving an action: by badge (a badge without the role is refused naming the employee),
 * or by trying the PIN against the hashes of the employees holding `role` only (`verify` is the scrypt check,
 * handed in so tests need not pay for it). Each scrypt costs ~0.1-0.3 s in a browser: a store's few supervisors
 * are checked, never its whole staff, and a cashier's own PIN is simply a wrong one here.
 */
export async function identifyApprover(
  employees: readonly EmployeeDoc[],
  credential: ApproverCredential,
  role: EmployeeRole,
  verify: (pin: string, pinHash: string) => Promise<boolean>,
  requesterId?: string,
): Promise<ApproverResult> {
  const judge = (e: EmployeeDoc, method: ApproverCredential['kind']): ApproverResult => {
    if (!hasRole(e, role)) return { ok: false, reason: 'role-required', employee: e };
    if (requesterId !== undefined && e.id === requesterId && !hasRole(e, 'manager'))
      return { ok: false, reason: 'self-approval', employee: e };
    return { ok: true, approver: e, method };
  };
  if (credential.kind === 'badge') {
    const e = employeeByBadge(employees, credential.code);
    return e ? judge(e, 'badge') : { ok: false, reason: 'unknown-badge' };
  }
  for (const e of employees) {
    if (!hasRole(e, role) || !(await verify(credential.pin, e.pinHash))) continue;
    return judge(e, 'pin');
  }
  return { ok: false, reason: 'wrong-pin' };
}
