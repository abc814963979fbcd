import type { EmployeeRole } from '@storefloor/core';

/** An employee as HQ's employees import takes it: the PIN in clear, hashed by HQ (scrypt) on the way in. */
export interface DemoEmployee {
  readonly id: string;
  readonly storeId: string;
  readonly name: string;
  readonly roles: EmployeeRole[];
  readonly pin: string;
  readonly badgeCode: string;
  readonly active: boolean;
}

/** The sign-ins `npm start` prints: a cashier and a manager of the demo store. */
export const DEMO_SIGN_INS = {
  cashier: { name: '王芳 Wang Fang', pin: '1234' },
  manager: { name: '李强 Li Qiang', pin: '9876' },
} as const;

export interface DemoSignIn {
  readonly employeeId: string;
  readonly name: string;
  readonly pin: string;
}

/** Employee ids carry the store, so seeding a second store moves nobody out of the first. */
export function demoEmployeeId(storeId: string, key: string): string {
  return `emp-${storeId}-${key}`;
}

export function demoSignIns(storeId: string): { cashier: DemoSignIn; manager: DemoSignIn } {
  return {
    cashier: { employeeId: demoEmployeeId(storeId, 'cashier-01'), ...DEMO_SIGN_INS.cashier },
    manager: { employeeId: demoEmployeeId(storeId, 'manager-01'), ...DEMO_SIGN_INS.manager },
  };
}

export function demoStaff(storeId: string): DemoEmployee[] {
  const person = (
    id: string,
    name: string,
    roles: EmployeeRole[],
    pin: string,
    badge: string,
  ): DemoEmployee => ({
    id,
    storeId,
    name,
    roles,
    pin,
    badgeCode: badge,
    active: true,
  });
  return [
    person(
      demoEmployeeId(storeId, 'cashier-01'),
      DEMO_SIGN_INS.cashier.name,
      ['cashier'],
      DEMO_SIGN_INS.cashier.pin,
      'B0001',
    ),
    person(demoEmployeeId(storeId, 'cashier-02'), '张伟 Zhang Wei', ['cashier'], '2468', 'B0002'),
    person(demoEmployeeId(storeId, 'cashier-03'), '刘娜 Liu Na', ['cashier'], '1357', 'B0003'),
    person(demoEmployeeId(storeId, 'cashier-04'), '陈静 Chen Jing', ['cashier'], '8642', 'B0004'),
    person(
      demoEmployeeId(storeId, 'supervisor-01'),
      '赵敏 Zhao Min',
      ['cashier', 'supervisor'],
      '5555',
      'B0101',
    ),
    person(
      demoEmployeeId(storeId, 'manager-01'),
      DEMO_SIGN_INS.manager.name,
      ['cashier', 'supervisor', 'manager'],
      DEMO_SIGN_INS.manager.pin,
      'B0201',
    ),
    { ...person('emp-area-manager', '周杰 Zhou Jie', ['manager'], '7777', 'B0901'), storeId: '*' },
  ];
}
