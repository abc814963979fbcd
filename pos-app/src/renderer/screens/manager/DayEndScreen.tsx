import {
  type AuditEntryDoc,
  type CashMovementDoc,
  type EmployeeDoc,
  type SaleDoc,
  type ShiftDoc,
  zReport,
} from '@storefloor/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import type { LaneFormat } from '../../format/lane-format.js';
import { reportLayout } from '../../receipt/report-layout.js';
import { CASH_DIFFERENCE_THRESHOLD, laneCash } from './lane-cash.js';
import { recordAudit } from './manager-audit.js';
import { PinReasonForm } from './PinReasonForm.js';
import type { DayEndProgress, LaneDayView, StoreDayView } from './store-day.js';
import { useLiveDocs } from './use-live-docs.js';

export const CASH_APPROVAL_ACTION = 'day-end.cash-difference';
export const FORCE_CLOSE_ACTION = 'day-end.force-close-sale';

type Dialog = { kind: 'cash'; deviceId: string; difference: number } | { kind: 'force'; sale: SaleDoc };

/**
 * The day-end close: every lane's shift closed with its Z report, cash expected against counted by
 * denomination, differences above the threshold signed off with a manager's PIN and a reason, open sales
 * named and force-closed only with a reason, the sync to HQ with a bar that reaches 100 % on HQ's confirmation.
 */
export function DayEndScreen({
  businessDay,
  f,
  day,
  dayProblem,
  lanes,
  progress,
  employees,
  manager,
}: {
  businessDay: string;
  f: LaneFormat;
  day: StoreDayView | undefined;
  dayProblem: string | undefined;
  lanes: readonly LaneDayView[];
  progress: DayEndProgress | undefined;
  employees: readonly EmployeeDoc[];
  manager: EmployeeDoc;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const shifts = useLiveDocs<'shifts', ShiftDoc>(lane.db.shifts, { businessDay });
  const sales = useLiveDocs<'sales', SaleDoc>(lane.db.sales, { businessDay });
  const movements = useLiveDocs<'cash_movements', CashMovementDoc>(lane.db.cash_movements, { businessDay });
  const audits = useLiveDocs<'audit_entries', AuditEntryDoc>(lane.db.audit_entries, {
    action: { $in: [CASH_APPROVAL_ACTION, FORCE_CLOSE_ACTION] },
  });
  const [dialog, setDialog] = useState<Dialog>();
  const [printed, setPrinted] = useState<string>();
  const approved = new Set(audits.filter((a) => a.action === CASH_APPROVAL_ACTION).map((a) => a.subjectId));
  const forced = new Set(audits.filter((a) => a.action === FORCE_CLOSE_ACTION).map((a) => a.subjectId));
  const cash = useMemo(
    () => lanes.map((l) => laneCash(l.deviceId, { shifts, sales, movements })),
    [lanes, shifts, sales, movements],
  );
  const openSales = sales.filter((s) => s.status === 'open' && !forced.has(s.id));
  const unapproved = cash.filter((c) => c.needsApproval && !approved.has(c.deviceId));
  const laneName = (deviceId: string) => lanes.find((l) => l.deviceId === deviceId)?.label ?? deviceId;
  const report = useMemo(() => {
    if (shifts.length === 0) return undefined;
    const z = zReport({ shifts, sales, movements });
    return z.ok ? z.value : undefined;
  }, [shifts, sales, movements]);
  const closed =
    progress?.percent === 100 && unapproved.length === 0 && openSales.length === 0 && report !== undefined;

  const text = {
    title: t('manager.reportTitle', { day: businessDay }),
    sales: t('close.sales'),
    returns: t('close.returns'),
    discounts: t('close.discounts'),
    tax: t('receipt.taxSummary'),
    cash: t('receipt.cash'),
    card: t('receipt.card'),
    float: t('shift.float'),
    expected: t('close.expected'),
    counted: t('close.counted'),
    variance: t('close.variance'),
    net: t('close.net'),
  };
  const print = async () => {
    if (!report) return;
    const done = await lane.devices.invoke('printer', 'printer.print', {
      jobId: `day-end-${businessDay}-${Date.now()}`,
      receipt: reportLayout(report, f, text, Date.now()) as never,
    });
    setPrinted(done.ok ? 'ok' : done.reason);
  };

  return (
    <main className="panel manager" data-testid="day-end">
      <h1>{t('manager.dayEndTitle', { day: businessDay })}</h1>
      <section className="day-progress">
        <progress max={100} value={progress?.percent ?? 0} aria-label={t('manager.syncProgress')} />
        <strong data-testid="day-progress">{progress?.percent ?? 0} %</strong>
        <span data-testid="hq-state">
          {day
            ? t(
                day.hq.state === 'confirmed' && !day.complete
                  ? 'manager.hq.confirmedSoFar'
                  : `manager.hq.${day.hq.state}`,
              )
            : t('manager.dayUnavailable', { reason: dayProblem ?? '…' })}
        </span>
        {day && (
          <span data-testid="store-pending">
            {day.pendingTotal === 0
              ? t('manager.storeSynced')
              : t('manager.storePending', { count: day.pendingTotal })}
          </span>
        )}
      </section>
      {openSales.map((s) => (
        <p key={s.id} role="alert" className="error" data-testid="open-sale">
          {t('manager.openSale', { lane: laneName(s.deviceId), time: f.dateTime(s.openedAt) })}{' '}
          <button type="button" onClick={() => setDialog({ kind: 'force', sale: s })}>
            {t('manager.forceClose')}
          </button>
        </p>
      ))}
      <table className="manager-table" data-testid="day-lanes">
        <thead>
          <tr>
            <th>{t('manager.lane')}</th>
            <th>{t('manager.shift')}</th>
            <th>{t('manager.zReport')}</th>
            <th>{t('manager.pendingSync')}</th>
            <th>{t('close.expected')}</th>
            <th>{t('close.counted')}</th>
            <th>{t('manager.denominations')}</th>
            <th>{t('close.variance')}</th>
          </tr>
        </thead>
        <tbody>
          {lanes.map((l, i) => {
            const c = cash[i]!;
            const pending = Object.values(l.pending).reduce((n, x) => n + x, 0);
            const open = l.shifts.filter((s) => s.status === 'open').length;
            return (
              <tr key={l.deviceId} data-testid="day-lane" data-lane={l.label ?? l.deviceId}>
                <td>{l.label ?? l.deviceId}</td>
                <td>
                  {l.shifts.length === 0
                    ? t('manager.noShift')
                    : open > 0
                      ? t('manager.shiftOpen')
                      : t('manager.shiftClosed')}
                </td>
                <td>{l.shifts.length > 0 && l.shifts.every((s) => s.zReport) ? '✓' : '—'}</td>
                <td>{pending === 0 ? t('status.allSynced') : t('status.pending', { count: pending })}</td>
                <td>{f.money(c.expected)}</td>
                <td>{c.counted === null ? '—' : f.money(c.counted)}</td>
                <td className="denominations">
                  {c.denominations.some((d) => d.count > 0)
                    ? c.denominations
                        .filter((d) => d.count > 0)
                        .map((d) => <span key={d.value}>{`${f.money(d.value)} × ${d.count}`}</span>)
                    : '—'}
                </td>
                <td data-testid="lane-difference">
                  {c.difference === null ? '—' : f.money(c.difference)}{' '}
                  {c.needsApproval &&
                    (approved.has(l.deviceId) ? (
                      <span className="pill online">{t('manager.approved')}</span>
                    ) : (
                      <button
                        type="button"
                        onClick={() =>
                          setDialog({ kind: 'cash', deviceId: l.deviceId, difference: c.difference ?? 0 })
                        }
                      >
                        {t('manager.approveDifference')}
                      </button>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{t('manager.thresholdRule', { amount: f.money(CASH_DIFFERENCE_THRESHOLD) })}</p>
      {dialog && (
        <section className="dialog" data-testid="pin-dialog">
          <h2>
            {dialog.kind === 'cash'
              ? t('manager.approveTitle', {
                  lane: laneName(dialog.deviceId),
                  amount: f.money(dialog.difference),
                })
              : t('manager.forceTitle', { lane: laneName(dialog.sale.deviceId) })}
          </h2>
          <PinReasonForm
            employees={employees}
            submitLabel={dialog.kind === 'cash' ? t('manager.approveDifference') : t('manager.forceClose')}
            onCancel={() => setDialog(undefined)}
            onApproved={async (approver, reason) => {
              if (dialog.kind === 'cash')
                await recordAudit(lane, {
                  action: CASH_APPROVAL_ACTION,
                  employeeId: manager.id,
                  approvedBy: approver.id,
                  subjectCollection: 'shifts',
                  subjectId: dialog.deviceId,
                  facts: { businessDay, difference: dialog.difference, reason },
                });
              else
                await recordAudit(lane, {
                  action: FORCE_CLOSE_ACTION,
                  employeeId: manager.id,
                  approvedBy: approver.id,
                  subjectCollection: 'sales',
                  subjectId: dialog.sale.id,
                  facts: { businessDay, deviceId: dialog.sale.deviceId, reason },
                });
              setDialog(undefined);
            }}
          />
        </section>
      )}
      <section className="day-report" data-testid="day-report">
        <h2>{text.title}</h2>
        {report ? (
          <dl>
            <dt>{t('manager.saleCount')}</dt>
            <dd>{report.sales.count}</dd>
            <dt>{t('close.sales')}</dt>
            <dd>{f.money(report.sales.due)}</dd>
            <dt>{t('close.returns')}</dt>
            <dd>{f.money(report.returns.due)}</dd>
            {report.tenders.map((x) => (
              <Fragment key={x.kind}>
                <dt>{t(`manager.tender.${x.kind}`)}</dt>
                <dd>{f.money(x.net)}</dd>
              </Fragment>
            ))}
            <dt>{t('close.expected')}</dt>
            <dd>{f.money(report.cash.expected)}</dd>
            <dt>{t('close.counted')}</dt>
            <dd>{report.cash.counted === undefined ? '—' : f.money(report.cash.counted)}</dd>
            <dt>{t('close.variance')}</dt>
            <dd>{report.cash.variance === undefined ? '—' : f.money(report.cash.variance)}</dd>
            <dt>{t('close.net')}</dt>
            <dd>{f.money(report.net)}</dd>
          </dl>
        ) : (
          <p>{t('manager.reportWaits')}</p>
        )}
        <button type="button" disabled={!report} onClick={() => void print()}>
          {t('manager.printReport')}
        </button>
        {printed && (
          <p role="status">
            {printed === 'ok'
              ? t('manager.reportPrinted')
              : t('receipt.printFailed', { reason: t(`errors.${printed}`, { defaultValue: printed }) })}
          </p>
        )}
      </section>
      <p>
        <span className={closed ? 'pill online' : 'pill offline'} data-testid="day-closed">
          {closed ? t('manager.dayClosed') : t('manager.dayNotClosed')}
        </span>
      </p>
    </main>
  );
}
