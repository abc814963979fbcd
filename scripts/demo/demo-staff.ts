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
  cashier: { employeeId: 'emp-cashier-01', name: '王芳 Wang Fang', pin: '1234' },
  manager: { employeeId: 'emp-manager-01', name: '李强 Li Qiang', pin: '9876' },
} as const;

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
      DEMO_SIGN_INS.cashier.employeeId,
      DEMO_SIGN_INS.cashier.name,
      ['cashier'],
      DEMO_SIGN_INS.cashier.pin,
      'B0001',
    ),
    person('emp-cashier-02', '张伟 Zhang Wei', ['cashier'], '2468', 'B0002'),
    person('emp-cashier-03', '刘娜 Liu Na', ['cashier'], '1357', 'B0003'),
    person('emp-cashier-04', '陈静 Chen Jing', ['cashier'], '8642', 'B0004'),
    person('emp-supervisor-01', '赵敏 Zhao Min', ['cashier', 'supervisor'], '5555', 'B0101'),
    person(
      DEMO_SIGN_INS.manager.employeeId,
      DEMO_SIGN_INS.manager.name,
      ['cashier', 'supervisor', 'manager'],
      DEMO_SIGN_INS.manager.pin,
      'B0201',
    ),
    { ...person('emp-area-manager', '周杰 Zhou Jie', ['manager'], '7777', 'B0901'), storeId: '*' },
  ];
}
