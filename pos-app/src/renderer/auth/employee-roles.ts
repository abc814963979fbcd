import type { EmployeeDoc, EmployeeRole } from '@storefloor/core';

/** Rank of each role: a manager may do what a supervisor may, a supervisor what a cashier may. */
const RANK: Readonly<Record<EmployeeRole, number>> = { cashier: 1, supervisor: 2, manager: 3 };

/** Whether an active employee holds `required` or a higher role. */
export function hasRole(employee: Pick<EmployeeDoc, 'roles' | 'active'>, required: EmployeeRole): boolean {
  return employee.active && employee.roles.some((r) => RANK[r] >= RANK[required]);
}

/**
 * The lane's actions that need someone's approval and the lowest role that may give it. One table, so the
 * store's rule is read in one place (the screens ask `roleFor`).
 */
export const APPROVAL_ROLES = {
  'sale.post-void': 'supervisor',
  'sign-in.unlock': 'supervisor',
  'drawer.no-sale': 'supervisor',
  'cash.paid-in': 'supervisor',
  'cash.paid-out': 'manager',
  'cash.drop': 'supervisor',
  'price.override': 'manager',
  'discount.line': 'manager',
  'discount.basket': 'manager',
} as const satisfies Readonly<Record<string, EmployeeRole>>;

export type ApprovalAction = keyof typeof APPROVAL_ROLES;

export function roleFor(action: ApprovalAction): EmployeeRole {
  return APPROVAL_ROLES[action];
}

/** Employees who may sign in at a lane of `storeId`: active, of this store or of every store. */
export function laneEmployees(employees: readonly EmployeeDoc[], storeId: string): EmployeeDoc[] {
  return employees
    .filter((e) => e.active && (e.storeId === storeId || e.storeId === '*'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The employee whose badge carries `code` (as scanned), if any. */
export function employeeByBadge(employees: readonly EmployeeDoc[], code: string): EmployeeDoc | undefined {
  const scanned = code.trim();
  if (scanned === '') return undefined;
  return employees.find((e) => e.active && e.badgeCode !== '' && e.badgeCode === scanned);
}
