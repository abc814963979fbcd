import type { EmployeeDoc, SaleDoc, ShiftDoc } from '@storefloor/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { writeAudit } from '../../audit/audit-log.js';
import { printSaleReceipt } from '../../receipt/print-receipt.js';
import { CashDialog, type DrawerAction } from './CashDialog.js';
import { DiscountDialog, type DiscountMode } from './DiscountDialog.js';
import { PostVoidDialog } from './PostVoidDialog.js';

type Open =
  | { kind: 'discount'; mode: DiscountMode }
  | { kind: 'cash'; action: DrawerAction }
  | { kind: 'post-void' };

interface FunctionKey {
  readonly key: string;
  readonly id: string;
  readonly open?: Open;
  /** Needs a line in the basket (discounts) or an empty basket (drawer and voids of past sales). */
  readonly needs: 'lines' | 'empty' | 'none';
}

/** The supervisor actions' function keys, shown on screen and usable by touch; F12 (pay) stays the sale's. */
export const SUPERVISOR_KEYS: readonly FunctionKey[] = [
  { key: 'F2', id: 'override', open: { kind: 'discount', mode: 'override' }, needs: 'lines' },
  { key: 'F3', id: 'lineDiscount', open: { kind: 'discount', mode: 'line' }, needs: 'lines' },
  { key: 'F4', id: 'basketDiscount', open: { kind: 'discount', mode: 'basket' }, needs: 'lines' },
  { key: 'F6', id: 'postVoid', open: { kind: 'post-void' }, needs: 'empty' },
  { key: 'F7', id: 'noSale', open: { kind: 'cash', action: 'no-sale' }, needs: 'empty' },
  { key: 'F8', id: 'cashIn', open: { kind: 'cash', action: 'paid-in' }, needs: 'empty' },
  { key: 'F9', id: 'cashOut', open: { kind: 'cash', action: 'paid-out' }, needs: 'empty' },
  { key: 'F10', id: 'reprint', needs: 'none' },
];

/** Function key bar of the sale screen with the dialogs behind it (approval, audit, drawer, reprint). */
export function SupervisorKeys({
  sale,
  shift,
  cashier,
  newId,
  onChange,
}: {
  sale: SaleDoc;
  shift: ShiftDoc;
  cashier: EmployeeDoc;
  newId(): string;
  onChange(sale: SaleDoc): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const [open, setOpen] = useState<Open>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const hasLines = sale.lines.some((l) => !l.voided);
  const empty = sale.lines.length === 0;
  const enabled = (k: FunctionKey) => (k.needs === 'lines' ? hasLines : k.needs === 'empty' ? empty : true);

  const reprint = async () => {
    const docs = (await lane.db.sales.find({ selector: { shiftId: shift.id } }).exec()).map(
      (d) => d.toMutableJSON() as SaleDoc,
    );
    const last = docs
      .filter((s) => s.status === 'completed')
      .sort((a, b) => (b.completedAt ?? 0) - (a.completedAt ?? 0))[0];
    if (!last) return setMessage({ text: t('supervisor.nothingToReprint'), error: true });
    const cashierName = catalog.employees.find((e) => e.id === last.cashierId)?.name ?? last.cashierId;
    const printed = await printSaleReceipt(lane.devices, last, catalog.store, cashierName, f, t, {
      reprint: true,
      ...(last.kind === 'return' ? { header: t('supervisor.voidHeader') } : {}),
    });
    await writeAudit(lane, newId(), {
      action: 'receipt.reprint',
      employeeId: cashier.id,
      subject: { collection: 'sales', id: last.id },
      facts: { printed: printed.ok ? 'yes' : printed.reason },
    });
    setMessage(
      printed.ok
        ? { text: t('supervisor.reprinted', { time: f.dateTime(last.completedAt ?? last.openedAt) }) }
        : {
            text: t('receipt.printFailed', {
              reason: t(`errors.${printed.reason}`, { defaultValue: printed.reason }),
            }),
            error: true,
          },
    );
  };

  const press = (k: FunctionKey) => {
    if (!enabled(k) || open) return;
    setMessage(undefined);
    if (k.open) setOpen(k.open);
    else void reprint();
  };
  const pressRef = useRef(press);
  pressRef.current = press;
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // While one of these dialogs is open, F12 (pay) must not leave the sale screen under it.
      if (openRef.current && e.key === 'F12') {
        e.preventDefault();
        e.stopImmediatePropagation();
        return;
      }
      // Shifted F-keys are the cashier's own (member, coupon, suspend, resume, return).
      if (e.shiftKey || e.ctrlKey || e.altKey) return;
      const k = SUPERVISOR_KEYS.find((x) => x.key === e.key);
      if (!k) return;
      e.preventDefault();
      pressRef.current(k);
    };
    // Capture, so the guard runs before the sale's own F12 handler on window.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  const close = (text?: string) => {
    setOpen(undefined);
    if (text) setMessage({ text });
  };
  return (
    <>
      <nav className="function-keys" aria-label={t('supervisor.functionKeys')}>
        {SUPERVISOR_KEYS.map((k) => (
          <button
            type="button"
            key={k.key}
            className="fkey"
            disabled={!enabled(k)}
            onClick={() => press(k)}
            aria-keyshortcuts={k.key}
          >
            <kbd>{k.key}</kbd>
            <span>{t(`supervisor.key.${k.id}`)}</span>
          </button>
        ))}
        {message && (
          <p
            role={message.error ? 'alert' : 'status'}
            className={message.error ? 'error' : 'fkey-message'}
            data-testid="supervisor-message"
          >
            {message.text}
          </p>
        )}
      </nav>
      {open?.kind === 'discount' && (
        <DiscountDialog
          mode={open.mode}
          sale={sale}
          cashierId={cashier.id}
          f={f}
          newId={newId}
          onCancel={() => close()}
          onApplied={(next, text) => {
            onChange(next);
            close(text);
          }}
        />
      )}
      {open?.kind === 'cash' && (
        <CashDialog
          kind={open.action}
          shift={shift}
          cashierId={cashier.id}
          f={f}
          newId={newId}
          onCancel={() => close()}
          onDone={close}
        />
      )}
      {open?.kind === 'post-void' && (
        <PostVoidDialog
          shift={shift}
          cashier={cashier}
          f={f}
          newId={newId}
          onCancel={() => close()}
          onDone={close}
        />
      )}
    </>
  );
}
