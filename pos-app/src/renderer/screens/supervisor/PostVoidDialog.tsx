import type { EmployeeDoc, SaleDoc, ShiftDoc } from '@storefloor/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useSubject } from '../../app/use-observable.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { LaneFormat } from '../../format/lane-format.js';
import { printSaleReceipt } from '../../receipt/print-receipt.js';
import { completePostVoid, openPostVoid } from '../../sale/post-void.js';
import { businessDayAt } from '../../sale/pricing-env.js';
import { laneRefundDeps, refundNonCashParts } from '../../sale/refund-tenders.js';
import { refundToWallet } from '../../sale/refund-to-wallet.js';
import { ApprovalDialog } from '../approval/ApprovalDialog.js';

/** Completed sales of this shift, newest first, each with whether a return or void already exists. */
async function recentSales(
  lane: ReturnType<typeof useLane>,
  shift: ShiftDoc,
): Promise<{ sales: SaleDoc[]; returns: SaleDoc[] }> {
  const docs = (await lane.db.sales.find({ selector: { shiftId: shift.id } }).exec()).map(
    (d) => d.toMutableJSON() as SaleDoc,
  );
  const sales = docs
    .filter((s) => s.kind === 'sale' && s.status === 'completed')
    .sort((a, b) => (b.completedAt ?? 0) - (a.completedAt ?? 0))
    .slice(0, 12);
  const returns = docs.filter((s) => s.kind === 'return');
  return { sales, returns };
}

/**
 * Post-void: pick a completed sale of this shift, give the reason, a supervisor approves; the void is a
 * completed return of the whole sale (sale/post-void.ts), each part refunded to the tender it came from (card
 * on this lane's terminal, wallet through the agent, cash from the drawer, which opens), a VOID slip prints
 * and the audit entry names cashier, supervisor and reason.
 */
export function PostVoidDialog({
  shift,
  cashier,
  f,
  newId,
  onDone,
  onCancel,
}: {
  shift: ShiftDoc;
  cashier: EmployeeDoc;
  f: LaneFormat;
  newId(): string;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const [found, setFound] = useState<{ sales: SaleDoc[]; returns: SaleDoc[] }>();
  const [picked, setPicked] = useState<SaleDoc>();
  const [error, setError] = useState<string>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the shift's sales are read once when the dialog opens.
  useEffect(() => {
    void recentSales(lane, shift).then(setFound);
  }, []);
  const voided = (s: SaleDoc) =>
    found?.returns.some((r) => r.originalSaleId === s.id && r.status === 'completed');

  const run = async (original: SaleDoc, approvedBy: string, reason: string) => {
    const now = Date.now();
    const refuse = (reason: string) =>
      setError(
        t(`supervisor.error.${reason}`, { defaultValue: t(`errors.${reason}`, { defaultValue: reason }) }),
      );
    const opened = openPostVoid({
      id: newId(),
      original,
      priorReturns: found?.returns ?? [],
      storeId: lane.identity.storeId,
      deviceId: lane.identity.deviceId,
      shiftId: shift.id,
      cashierId: cashier.id,
      businessDay: businessDayAt(catalog, now),
      now,
    });
    if (!opened.ok) return refuse(opened.reason);
    // Card, wallet and voucher money goes back where it came from, as in a return; the rest from the drawer.
    const moved = await refundNonCashParts(
      opened.value.open,
      opened.value.parts,
      laneRefundDeps(lane, refundToWallet, newId),
    );
    if (!moved.ok) return refuse(moved.reason);
    const done = completePostVoid(moved.value, newId(), Date.now());
    if (!done.ok) return refuse(done.reason);
    await lane.db.sales.upsert(done.value);
    lane.sync.wrote('sales', done.value.id);
    await writeAudit(
      lane,
      newId(),
      {
        action: 'sale.post-void',
        employeeId: cashier.id,
        approvedBy,
        subject: { collection: 'sales', id: original.id },
        facts: {
          voidId: done.value.id,
          amount: done.value.totals.due,
          currency: done.value.currency,
          reason,
        },
      },
      now,
    );
    if (done.value.tenders.some((x) => x.kind === 'cash'))
      await lane.devices.invoke('printer', 'printer.kick-drawer', null, 10_000);
    const printed = await printSaleReceipt(lane.devices, done.value, catalog.store, cashier.name, f, t, {
      reprint: false,
      header: t('supervisor.voidHeader'),
    });
    const cash = done.value.tenders.filter((x) => x.kind === 'cash').reduce((sum, x) => sum + x.amount, 0);
    const refunded = done.value.totals.due - cash;
    const text =
      refunded === 0
        ? t('supervisor.voidDone', { amount: f.money(done.value.totals.due) })
        : cash === 0
          ? t('supervisor.voidDoneRefunded', { refunded: f.money(refunded) })
          : t('supervisor.voidDoneSplit', { refunded: f.money(refunded), cash: f.money(cash) });
    onDone(printed.ok ? text : `${text} ${t('receipt.printFailed', { reason: printed.reason })}`);
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog wide"
        role="dialog"
        hidden={picked !== undefined}
        aria-modal="true"
        aria-label={t('supervisor.postVoidTitle')}
      >
        <h2>{t('supervisor.postVoidTitle')}</h2>
        {found && found.sales.length === 0 && <p className="empty">{t('supervisor.noSales')}</p>}
        <ul className="lookup">
          {found?.sales.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                disabled={voided(s)}
                data-testid="void-candidate"
                onClick={() => {
                  setError(undefined);
                  setPicked(s);
                }}
              >
                {t('supervisor.saleRow', {
                  time: f.dateTime(s.completedAt ?? s.openedAt),
                  total: f.money(s.totals.due),
                  count: s.lines.filter((l) => !l.voided).length,
                })}
                {voided(s) ? ` — ${t('supervisor.alreadyVoided')}` : ''}
              </button>
            </li>
          ))}
        </ul>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('supervisor.cancel')}
          </button>
        </div>
      </div>
      {picked && (
        <ApprovalDialog
          action="sale.post-void"
          title={t('supervisor.voidSubject', {
            time: f.dateTime(picked.completedAt ?? picked.openedAt),
            total: f.money(picked.totals.due),
          })}
          requesterId={cashier.id}
          askReason
          newId={newId}
          onCancel={() => setPicked(undefined)}
          onApproved={(a) => {
            const original = picked;
            setPicked(undefined);
            void run(original, a.approver.id, a.reason);
          }}
        />
      )}
    </div>
  );
}
