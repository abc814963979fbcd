import type { EmployeeDoc } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { employeeByBadge, hasRole, laneEmployees, roleFor } from './employee-roles.js';
import { identifyApprover } from './identify-approver.js';

const employee = (id: string, roles: EmployeeDoc['roles'], over: Partial<EmployeeDoc> = {}): EmployeeDoc => ({
  id,
  storeId: 's1',
  name: id,
  roles,
  // The fake verifier below reads the PIN from the hash's tail.
  pinHash: `$scrypt$ln=1,r=8,p=1$c2FsdA$${id}-pin`,
  badgeCode: `badge-${id}`,
  active: true,
  updatedAt: 0,
  ...over,
});
const verify = async (pin: string, hash: string) => hash.endsWith(`$${pin}`);
const ana = employee('ana', ['cashier']);
const bo = employee('bo', ['cashier', 'supervisor']);
const cy = employee('cy', ['manager']);
const gone = employee('gone', ['manager'], { active: false });
const staff = [ana, bo, cy, gone];

describe('who may approve', () => {
  it('ranks roles: a manager may do what a supervisor may', () => {
    expect(hasRole(cy, 'supervisor')).toBe(true);
    expect(hasRole(bo, 'supervisor')).toBe(true);
    expect(hasRole(bo, 'manager')).toBe(false);
    expect(hasRole(ana, 'supervisor')).toBe(false);
    expect(hasRole(gone, 'cashier')).toBe(false);
    expect(roleFor('sale.post-void')).toBe('supervisor');
    expect(roleFor('discount.basket')).toBe('manager');
  });

  it('tries only the hashes of employees holding the role', async () => {
    const tried: string[] = [];
    const spy = async (pin: string, hash: string) => {
      tried.push(hash.split('$').at(-1) ?? '');
      return verify(pin, hash);
    };
    await identifyApprover(staff, { kind: 'pin', pin: '0000' }, 'manager', spy);
    expect(tried).toEqual(['cy-pin']);
  });

  it('finds the approver by PIN or badge, refusing the wrong role with the employee named', async () => {
    expect(await identifyApprover(staff, { kind: 'pin', pin: 'bo-pin' }, 'supervisor', verify)).toEqual({
      ok: true,
      approver: bo,
      method: 'pin',
    });
    expect(await identifyApprover(staff, { kind: 'badge', code: 'badge-cy' }, 'manager', verify)).toEqual({
      ok: true,
      approver: cy,
      method: 'badge',
    });
    // A cashier's PIN is a wrong one for an approval (only role holders' hashes are tried); their badge is named.
    expect(await identifyApprover(staff, { kind: 'pin', pin: 'ana-pin' }, 'supervisor', verify)).toEqual({
      ok: false,
      reason: 'wrong-pin',
    });
    expect(await identifyApprover(staff, { kind: 'badge', code: 'badge-ana' }, 'supervisor', verify)).toEqual(
      {
        ok: false,
        reason: 'role-required',
        employee: ana,
      },
    );
    expect(await identifyApprover(staff, { kind: 'pin', pin: '0000' }, 'supervisor', verify)).toEqual({
      ok: false,
      reason: 'wrong-pin',
    });
    expect(await identifyApprover(staff, { kind: 'pin', pin: 'gone-pin' }, 'cashier', verify)).toEqual({
      ok: false,
      reason: 'wrong-pin',
    });
    expect(await identifyApprover(staff, { kind: 'badge', code: 'nope' }, 'cashier', verify)).toEqual({
      ok: false,
      reason: 'unknown-badge',
    });
  });

  it('a supervisor does not approve their own request; a manager may', async () => {
    const own = await identifyApprover(staff, { kind: 'pin', pin: 'bo-pin' }, 'supervisor', verify, 'bo');
    expect(own).toMatchObject({ ok: false, reason: 'self-approval' });
    const mgr = await identifyApprover(staff, { kind: 'pin', pin: 'cy-pin' }, 'supervisor', verify, 'cy');
    expect(mgr).toMatchObject({ ok: true, approver: cy });
  });

  it('lists the lane employees of this store by name, and badges only of active staff', () => {
    const other = employee('zed', ['cashier'], { storeId: 's2' });
    const chain = employee('amy', ['manager'], { storeId: '*' });
    expect(laneEmployees([...staff, other, chain], 's1').map((e) => e.id)).toEqual([
      'amy',
      'ana',
      'bo',
      'cy',
    ]);
    expect(employeeByBadge(staff, ' badge-bo ')).toBe(bo);
    expect(employeeByBadge(staff, 'badge-gone')).toBeUndefined();
    expect(employeeByBadge([employee('x', ['cashier'], { badgeCode: '' })], '')).toBeUndefined();
  });
});
