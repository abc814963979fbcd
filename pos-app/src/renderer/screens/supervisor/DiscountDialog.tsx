import { addManualDiscount, parseDecimalAmount, type SaleDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useSubject } from '../../app/use-observable.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { ApprovalAction } from '../../auth/employee-roles.js';
import type { LaneFormat } from '../../format/lane-format.js';
import { parsePercentBps, priceOverrideDiscount } from '../../sale/manual-adjustment.js';
import { pricingEnvAt } from '../../sale/pricing-env.js';
import { ApprovalDialog } from '../approval/ApprovalDialog.js';

export type DiscountMode = 'override' | 'line' | 'basket';

const ACTION: Readonly<Record<DiscountMode, ApprovalAction>> = {
  override: 'price.override',
  line: 'discount.line',
  basket: 'discount.basket',
};

type Planned = {
  lineId?: string;
  amount?: number;
  percentBps?: number;
  reason: string;
  facts: Record<string, number | string>;
};

/**
 * A price override, line discount or basket discount: the cashier keys it with a reason, a manager approves
 * (ApprovalDialog), core's `addManualDiscount` applies it and an audit entry records who gave what.
 */
export function DiscountDialog({
  mode,
  sale,
  cashierId,
  f,
  newId,
  onApplied,
  onCancel,
}: {
  mode: DiscountMode;
  sale: SaleDoc;
  cashierId: string;
  f: LaneFormat;
  newId(): string;
  onApplied(sale: SaleDoc, message: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const live = sale.lines.filter((l) => !l.voided);
  const [lineId, setLineId] = useState(live.at(-1)?.id ?? '');
  const [kind, setKind] = useState<'amount' | 'percent'>(mode === 'basket' ? 'percent' : 'amount');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [planned, setPlanned] = useState<Planned>();
  const line = live.find((l) => l.id === lineId);

  const plan = (): Planned | string => {
    if (reason.trim() === '') return t('supervisor.refused.reason-required');
    if (mode !== 'basket' && !line) return t('supervisor.pickLine');
    const base = { reason: reason.trim(), ...(mode === 'basket' ? {} : { lineId }) };
    if (mode === 'override' && line) {
      const price = parseDecimalAmount(value, sale.currency);
      if (!price.ok) return t('supervisor.badAmount');
      const off = priceOverrideDiscount(line, price.value);
      if (!off.ok) return t(`supervisor.error.${off.reason}`);
      return {
        ...base,
        reason: t('supervisor.subject', { what: t('supervisor.overrideLabel'), detail: reason.trim() }),
        amount: off.value,
        facts: {
          oldUnitPrice: line.unitPrice,
          newUnitPrice: price.value,
          quantity: line.quantity,
          discount: off.value,
        },
      };
    }
    if (kind === 'percent') {
      const bps = parsePercentBps(value);
      if (!bps.ok) return t('supervisor.badPercent');
      return { ...base, percentBps: bps.value, facts: { percentBps: bps.value } };
    }
    const amount = parseDecimalAmount(value, sale.currency);
    if (!amount.ok || amount.value <= 0) return t('supervisor.badAmount');
    return { ...base, amount: amount.value, facts: { amount: amount.value } };
  };

  const apply = (p: Planned, approvedBy: string) =>
    addManualDiscount(
      sale,
      {
        id: newId(),
        ...(p.lineId ? { lineId: p.lineId } : {}),
        ...(p.amount !== undefined ? { amount: p.amount } : {}),
        ...(p.percentBps !== undefined ? { percentBps: p.percentBps } : {}),
        approvedBy,
        reason: p.reason,
      },
      pricingEnvAt(catalog, Date.now()),
    );

  const ask = () => {
    const p = plan();
    if (typeof p === 'string') return setError(p);
    // Tried before anyone is asked to approve: a discount core refuses never reaches the manager.
    const trial = apply(p, cashierId);
    if (!trial.ok) return setError(t('supervisor.failed', { reason: trial.reason }));
    setError(undefined);
    setPlanned(p);
  };

  const title = t(`supervisor.discountTitle.${mode}`);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        hidden={planned !== undefined}
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
          {mode !== 'basket' && (
            <label>
              {t('supervisor.line')}
              <select
                value={lineId}
                onChange={(e) => setLineId(e.target.value)}
                aria-label={t('supervisor.line')}
              >
                {live.map((l) => (
                  <option key={l.id} value={l.id}>
                    {`${l.description} — ${f.money(l.total)}`}
                  </option>
                ))}
              </select>
            </label>
          )}
          {mode !== 'override' && (
            <label>
              {t('supervisor.discountKind')}
              <select
                value={kind}
                onChange={(e) => setKind(e.target.value as 'amount' | 'percent')}
                aria-label={t('supervisor.discountKind')}
              >
                <option value="percent">{t('supervisor.percent')}</option>
                <option value="amount">{t('supervisor.amountOff', { currency: sale.currency })}</option>
              </select>
            </label>
          )}
          <label>
            {mode === 'override'
              ? t('supervisor.newPrice', { currency: sale.currency })
              : kind === 'percent'
                ? t('supervisor.percent')
                : t('supervisor.amountOff', { currency: sale.currency })}
            <input
              value={value}
              inputMode="decimal"
              onChange={(e) => setValue(e.target.value)}
              aria-label={t('supervisor.value')}
              // biome-ignore lint/a11y/noAutofocus: the amount is what the cashier types first
              autoFocus
            />
          </label>
          {mode === 'override' && line && (
            <p className="hint">{t('supervisor.currentPrice', { price: f.money(line.unitPrice) })}</p>
          )}
          <label>
            {t('supervisor.reason')}
            <input
              value={reason}
              maxLength={160}
              onChange={(e) => setReason(e.target.value)}
              aria-label={t('supervisor.reason')}
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
      {planned && (
        <ApprovalDialog
          action={ACTION[mode]}
          title={t('supervisor.subject', { what: title, detail: planned.reason })}
          requesterId={cashierId}
          newId={newId}
          onCancel={() => setPlanned(undefined)}
          onApproved={(a) => {
            const done = apply(planned, a.approver.id);
            setPlanned(undefined);
            if (!done.ok) return setError(t('supervisor.failed', { reason: done.reason }));
            void writeAudit(lane, newId(), {
              action: ACTION[mode],
              employeeId: cashierId,
              approvedBy: a.approver.id,
              subject: { collection: 'sales', id: sale.id },
              facts: {
                ...planned.facts,
                reason: planned.reason,
                ...(planned.lineId ? { lineId: planned.lineId } : {}),
              },
            });
            onApplied(done.value, t('supervisor.applied', { name: a.approver.name }));
          }}
        />
      )}
    </div>
  );
}
