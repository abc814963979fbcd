import {
  addTender,
  balanceDue,
  cashBalanceDue,
  formatDecimalAmount,
  parseDecimalAmount,
  type SaleDoc,
} from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Translate = ReturnType<typeof useTranslation>['t'];

import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';

interface Props {
  sale: SaleDoc;
  newId(): string;
  onChange(sale: SaleDoc): void;
  /** Called once the tenders cover what is due. */
  onPaid(sale: SaleDoc): void;
  onBack(): void;
}

/**
 * Tenders: cash (change shown after completion, drawer kicked), card through the payment terminal (the
 * tender id is the terminal's idempotency key, so a retry never charges twice), split in any order.
 */
export function PaymentScreen({ sale, newId, onChange, onPaid, onBack }: Props) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const remaining = balanceDue(sale);
  const [amount, setAmount] = useState('');
  // A message is a function of the translator, so switching language re-renders it.
  const [shown, setMessage] = useState<{ text: (t: Translate) => string; alert: boolean }>();
  const message = shown && { text: shown.text(t), alert: shown.alert };
  const [busy, setBusy] = useState(false);
  const defaultFor = (minor: number) => {
    const d = formatDecimalAmount(minor, sale.currency);
    return d.ok ? d.value : '';
  };
  const entered = () => {
    const text = amount.trim() === '' ? undefined : amount;
    return text === undefined ? undefined : parseDecimalAmount(text, sale.currency);
  };
  const apply = (next: SaleDoc) => {
    setAmount('');
    onChange(next);
    if (next.totals.paid >= next.totals.due && balanceDue(next) === 0) onPaid(next);
    else if (next.tenders.some((x) => x.kind === 'cash') && cashBalanceDue(next) === 0) onPaid(next);
  };
  const cash = () => {
    const a = entered() ?? { ok: true as const, value: cashBalanceDue(sale) };
    if (!a.ok)
      return setMessage({ text: (t: Translate) => t('pay.tenderFailed', { reason: a.reason }), alert: true });
    const r = addTender(sale, { id: newId(), kind: 'cash', amount: a.value });
    if (!r.ok)
      return setMessage({
        text: (t: Translate) =>
          t('pay.tenderFailed', { reason: t(`errors.${r.reason}`, { defaultValue: r.reason }) }),
        alert: true,
      });
    apply(r.value);
  };
  const card = async () => {
    const a = entered() ?? { ok: true as const, value: remaining };
    if (!a.ok)
      return setMessage({ text: (t: Translate) => t('pay.tenderFailed', { reason: a.reason }), alert: true });
    if (a.value > remaining)
      return setMessage({
        text: (t: Translate) => t('pay.tenderFailed', { reason: t('errors.tender-exceeds-balance') }),
        alert: true,
      });
    const tenderId = newId();
    setBusy(true);
    setMessage({ text: (t: Translate) => t('pay.cardWaiting'), alert: false });
    const paid = await lane.devices.invoke(
      'terminal',
      'payment-terminal.purchase',
      { requestId: tenderId, minor: a.value, currency: sale.currency },
      120_000,
    );
    setBusy(false);
    if (!paid.ok) {
      const reason = t(`errors.${paid.reason}`, { defaultValue: paid.detail ?? paid.reason });
      return setMessage({
        text: (t: Translate) =>
          paid.reason === 'declined'
            ? t('pay.declined', { reason: paid.detail ?? reason })
            : t('pay.cardFailed', { reason }),
        alert: true,
      });
    }
    const approved = paid.value as { authCode: string; minor: number };
    const r = addTender(sale, {
      id: tenderId,
      kind: 'card',
      amount: approved.minor,
      reference: approved.authCode,
    });
    if (!r.ok)
      return setMessage({ text: (t: Translate) => t('pay.tenderFailed', { reason: r.reason }), alert: true });
    setMessage({ text: (t: Translate) => t('pay.cardApproved', { code: approved.authCode }), alert: false });
    apply(r.value);
  };
  return (
    <main className="panel payment">
      <h1>{t('pay.title')}</h1>
      <dl className="totals">
        <dt>{t('pay.due')}</dt>
        <dd data-testid="pay-due">{f.money(sale.totals.total)}</dd>
        <dt>{t('pay.paid')}</dt>
        <dd data-testid="pay-paid">{f.money(sale.totals.paid)}</dd>
        <dt className="grand">{t('pay.remaining')}</dt>
        <dd className="grand" data-testid="pay-remaining">
          {f.money(remaining)}
        </dd>
      </dl>
      <ul className="tenders">
        {sale.tenders.map((x) => (
          <li key={x.id}>
            {x.kind === 'cash' ? t('pay.cash') : t('pay.card')} {f.money(x.amount)}
          </li>
        ))}
      </ul>
      <label>
        {t('pay.amount')} ({sale.currency})
        <input
          value={amount}
          placeholder={defaultFor(remaining)}
          onChange={(e) => setAmount(e.target.value)}
          inputMode="decimal"
          aria-label={t('pay.amount')}
        />
      </label>
      <div className="actions">
        <button type="button" disabled={busy} onClick={cash}>
          {t('pay.cash')}
        </button>
        <button type="button" disabled={busy} onClick={() => void card()}>
          {t('pay.card')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || sale.tenders.length > 0}
          onClick={onBack}
        >
          {t('pay.back')}
        </button>
      </div>
      {message && (
        <p role={message.alert ? 'alert' : 'status'} className={message.alert ? 'error' : ''}>
          {message.text}
        </p>
      )}
    </main>
  );
}
