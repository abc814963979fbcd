import {
  type CashMovementKind,
  parseDecimalAmount,
  recordCashMovement,
  type ShiftDoc,
} from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { ApprovalAction } from '../../auth/employee-roles.js';
import type { LaneFormat } from '../../format/lane-format.js';
import { ApprovalDialog } from '../approval/ApprovalDialog.js';

export type DrawerAction = 'no-sale' | Extract<CashMovementKind, 'paid-in' | 'paid-out'>;

const ACTION: Readonly<Record<DrawerAction, ApprovalAction>> = {
  'no-sale': 'drawer.no-sale',
  'paid-in': 'cash.paid-in',
  'paid-out': 'cash.paid-out',
};

/**
 * No-sale drawer opening, cash in (paid-in) and cash out (paid-out): each with a reason and the approval of
 * the role `APPROVAL_ROLES` names. A cash movement is written to `cash_movements` (core's
 * `recordCashMovement`) before the drawer is kicked through the lane device host; the audit entry says
 * whether the drawer opened.
 */
export function CashDialog({
  kind,
  shift,
  cashierId,
  f,
  newId,
  onDone,
  onCancel,
}: {
  kind: DrawerAction;
  shift: ShiftDoc;
  cashierId: string;
  f: LaneFormat;
  newId(): string;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [asking, setAsking] = useState<{ amount: number }>();
  const title = t(`supervisor.cashTitle.${kind}`);

  const ask = () => {
    if (reason.trim() === '') return setError(t('supervisor.refused.reason-required'));
    if (kind === 'no-sale') return setAsking({ amount: 0 });
    const amount = parseDecimalAmount(amountText, shift.currency);
    if (!amount.ok || amount.value <= 0) return setError(t('supervisor.badAmount'));
    setError(undefined);
    setAsking({ amount: amount.value });
  };

  const run = async (approvedBy: string, amount: number) => {
    const at = Date.now();
    let movementId: string | undefined;
    if (kind !== 'no-sale') {
      const movement = recordCashMovement(shift, {
        id: newId(),
        kind,
        amount,
        reason: reason.trim(),
        employeeId: cashierId,
        createdAt: at,
      });
      if (!movement.ok) return setError(t('supervisor.failed', { reason: movement.reason }));
      await lane.db.cash_movements.insert(movement.value);
      lane.sync.wrote('cash_movements', movement.value.id);
      movementId = movement.value.id;
    }
    const kicked = await lane.devices.invoke('printer', 'printer.kick-drawer', null, 10_000);
    await writeAudit(
      lane,
      newId(),
      {
        action: ACTION[kind],
        employeeId: cashierId,
        approvedBy,
        ...(movementId ? { subject: { collection: 'cash_movements' as const, id: movementId } } : {}),
        facts: {
          reason: reason.trim(),
          shiftId: shift.id,
          drawer: kicked.ok ? 'opened' : kicked.reason,
          ...(kind === 'no-sale' ? {} : { amount, currency: shift.currency }),
        },
      },
      at,
    );
    const text =
      kind === 'no-sale'
        ? t('supervisor.drawerOpened')
        : t(`supervisor.cashDone.${kind}`, { amount: f.money(amount) });
    onDone(
      kicked.ok
        ? text
        : `${text} ${t('supervisor.drawerFailed', { reason: t(`errors.${kicked.reason}`, { defaultValue: kicked.reason }) })}`,
    );
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        hidden={asking !== undefined}
        aria-modal="true"
        aria-label={title}
      >
        <h2>{title}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            ask();
          }}
        >
          {kind !== 'no-sale' && (
            <label>
              {t('supervisor.cashAmount', { currency: shift.currency })}
              <input
                value={amountText}
                inputMode="decimal"
                onChange={(e) => setAmountText(e.target.value)}
                aria-label={t('supervisor.cashAmount', { currency: shift.currency })}
                // biome-ignore lint/a11y/noAutofocus: the amount is what the cashier types first
                autoFocus
              />
            </label>
          )}
          <label>
            {t('supervisor.reason')}
            <input
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              aria-label={t('supervisor.reason')}
              // biome-ignore lint/a11y/noAutofocus: a no-sale asks only for the reason
              autoFocus={kind === 'no-sale'}
            />
          </label>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit">{t('supervisor.askApproval')}</button>
            <button type="button" className="secondary" onClick={onCancel}>
              {t('supervisor.cancel')}
            </button>
          </div>
        </form>
      </div>
      {asking && (
        <ApprovalDialog
          action={ACTION[kind]}
          title={
            kind === 'no-sale'
              ? t('supervisor.subject', { what: title, detail: reason.trim() })
              : t('supervisor.subject', {
                  what: title,
                  detail: `${f.money(asking.amount)}, ${reason.trim()}`,
                })
          }
          requesterId={cashierId}
          newId={newId}
          onCancel={() => setAsking(undefined)}
          onApproved={(a) => {
            const amount = asking.amount;
            setAsking(undefined);
            void run(a.approver.id, amount);
          }}
        />
      )}
    </div>
  );
}
