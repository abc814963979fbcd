import {
  completeSale,
  createIdGenerator,
  type EmployeeDoc,
  openSale,
  type SaleDoc,
  type ShiftDoc,
} from '@storefloor/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBar } from '../components/StatusBar.js';
import { recordLoyalty } from '../sale/lane-loyalty.js';
import { businessDayAt } from '../sale/pricing-env.js';
import { walletRefundAtAgent } from '../sale/refund-to-wallet.js';
import { CloseShiftScreen } from '../screens/close-shift/CloseShiftScreen.js';
import { PaymentScreen } from '../screens/payment/PaymentScreen.js';
import { ReceiptScreen } from '../screens/receipt/ReceiptScreen.js';
import { ReturnScreen } from '../screens/returns/ReturnScreen.js';
import { SaleScreen } from '../screens/sale/SaleScreen.js';
import { OpenShiftScreen } from '../screens/shift/OpenShiftScreen.js';
import { SignInScreen } from '../screens/sign-in/SignInScreen.js';
import { SupervisorKeys } from '../screens/supervisor/SupervisorKeys.js';
import { resumeAtLane, suspendAtLane } from '../screens/suspend/lane-suspend.js';
import { ResumeScreen } from '../screens/suspend/ResumeScreen.js';
import { useLane } from './lane-services.js';
import { useSubject } from './use-observable.js';

type Step =
  | { kind: 'sign-in' }
  | { kind: 'open-shift'; cashier: EmployeeDoc }
  | { kind: 'sale'; cashier: EmployeeDoc; shift: ShiftDoc; sale: SaleDoc }
  | { kind: 'payment'; cashier: EmployeeDoc; shift: ShiftDoc; sale: SaleDoc }
  | { kind: 'receipt'; cashier: EmployeeDoc; shift: ShiftDoc; sale: SaleDoc }
  | { kind: 'close-shift'; cashier: EmployeeDoc; shift: ShiftDoc; sale: SaleDoc }
  // lane-members
  | { kind: 'resume'; cashier: EmployeeDoc; shift: ShiftDoc; sale: SaleDoc }
  | { kind: 'return'; cashier: EmployeeDoc; shift: ShiftDoc; sale: SaleDoc; receiptCode?: string };

/** The cashier's flow once the lane is enrolled and loaded: sign in → shift → sale ⇄ payment → receipt. */
export function LaneApp() {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const newId = useMemo(() => createIdGenerator(), []);
  const [step, setStep] = useState<Step>({ kind: 'sign-in' });

  const freshSale = (cashier: EmployeeDoc, shift: ShiftDoc): SaleDoc => {
    const store = catalog.store;
    const now = Date.now();
    const sale = openSale({
      id: newId(),
      storeId: lane.identity.storeId,
      deviceId: lane.identity.deviceId,
      shiftId: shift.id,
      cashierId: cashier.id,
      businessDay: businessDayAt(catalog, now),
      currency: store?.currency ?? shift.currency,
      taxMode: store?.taxMode ?? 'inclusive',
      taxRounding: store?.taxRounding ?? 'line',
      ...(store ? { cashRoundingStep: store.cashRoundingStep } : {}),
      openedAt: now,
    });
    if (!sale.ok) throw new Error(`openSale: ${sale.reason}`);
    return sale.value;
  };

  const complete = async (sale: SaleDoc, cashier: EmployeeDoc, shift: ShiftDoc) => {
    const done = completeSale(sale, Date.now());
    if (!done.ok) return;
    await lane.db.sales.upsert(done.value);
    lane.sync.wrote('sales', done.value.id);
    await recordLoyalty(lane, done.value, cashier.id, newId);
    setStep({ kind: 'receipt', cashier, shift, sale: done.value });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F12' && step.kind === 'sale' && step.sale.lines.some((l) => !l.voided)) {
        e.preventDefault();
        setStep({ ...step, kind: 'payment' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const cashierName = step.kind === 'sign-in' ? undefined : step.cashier.name;
  return (
    <div className="lane">
      <StatusBar {...(cashierName ? { cashierName } : {})} />
      <h1 className="visually-hidden">{t('app.title')}</h1>
      {step.kind === 'sign-in' && (
        <SignInScreen
          employees={catalog.employees}
          onSignedIn={(cashier) => setStep({ kind: 'open-shift', cashier })}
        />
      )}
      {step.kind === 'open-shift' && (
        <OpenShiftScreen
          cashier={step.cashier}
          newId={newId}
          onOpened={(shift) =>
            setStep({ kind: 'sale', cashier: step.cashier, shift, sale: freshSale(step.cashier, shift) })
          }
        />
      )}
      {step.kind === 'sale' && (
        <SaleScreen
          sale={step.sale}
          cashierId={step.cashier.id}
          newId={newId}
          onChange={(sale) => setStep((s) => (s.kind === 'sale' ? { ...s, sale } : s))}
          onPay={() => setStep({ ...step, kind: 'payment' })}
          onCloseShift={() => setStep({ ...step, kind: 'close-shift' })}
          onSuspend={() =>
            suspendAtLane(lane, step.sale).then((r) => {
              if (!r.ok) return r.reason;
              setStep({ ...step, sale: freshSale(step.cashier, step.shift) });
              return undefined;
            })
          }
          onResume={() => setStep({ ...step, kind: 'resume' })}
          onReturn={(receiptCode) =>
            setStep({ ...step, kind: 'return', ...(receiptCode ? { receiptCode } : {}) })
          }
        />
      )}
      {step.kind === 'resume' && (
        <ResumeScreen
          onBack={() => setStep({ ...step, kind: 'sale' })}
          onResume={(basket) =>
            resumeAtLane(lane, catalog, basket, {
              id: newId(),
              shiftId: step.shift.id,
              cashierId: step.cashier.id,
            }).then((r) => {
              if (!r.ok) return r.reason;
              setStep({ ...step, kind: 'sale', sale: r.value });
              return undefined;
            })
          }
        />
      )}
      {step.kind === 'return' && (
        <ReturnScreen
          walletRefund={walletRefundAtAgent(lane.identity.token)}
          cashier={step.cashier}
          shift={step.shift}
          newId={newId}
          {...(step.receiptCode ? { initialCode: step.receiptCode } : {})}
          onBack={() => setStep({ ...step, kind: 'sale' })}
        />
      )}
      {step.kind === 'sale' && (
        <SupervisorKeys
          sale={step.sale}
          shift={step.shift}
          cashier={step.cashier}
          newId={newId}
          onChange={(sale) => setStep((s) => (s.kind === 'sale' ? { ...s, sale } : s))}
        />
      )}
      {step.kind === 'close-shift' && (
        <CloseShiftScreen
          shift={step.shift}
          cashier={step.cashier}
          onBack={() => setStep({ ...step, kind: 'sale' })}
          onClosed={() => setStep({ kind: 'sign-in' })}
        />
      )}
      {step.kind === 'payment' && (
        <PaymentScreen
          sale={step.sale}
          newId={newId}
          onChange={(sale) => {
            setStep((s) => (s.kind === 'payment' ? { ...s, sale } : s));
            // Money taken is on the replica at once: a card approved before a crash is not lost.
            void lane.db.sales.upsert(sale).then(() => lane.sync.wrote('sales', sale.id));
          }}
          onPaid={(sale) => void complete(sale, step.cashier, step.shift)}
          onBack={() => setStep({ ...step, kind: 'sale' })}
        />
      )}
      {step.kind === 'receipt' && (
        <ReceiptScreen
          sale={step.sale}
          cashierName={step.cashier.name}
          onNext={() =>
            setStep({
              kind: 'sale',
              cashier: step.cashier,
              shift: step.shift,
              sale: freshSale(step.cashier, step.shift),
            })
          }
        />
      )}
    </div>
  );
}
