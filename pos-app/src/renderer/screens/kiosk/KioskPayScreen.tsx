import { addTender, type SaleDoc } from '@storefloor/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import type { LaneFormat } from '../../format/lane-format.js';
import { writeCardReference } from '../../payments/card-reference.js';
import { KioskFrame } from './KioskFrame.js';

/**
 * Paying at the kiosk: card through the payment terminal command of the device host, never cash. The
 * tender id is the terminal's request id, so asking again never charges twice. Wallet QR payment is the
 * payments issue's: it adds a button here beside the card one.
 */
export function KioskPayScreen({
  sale,
  f,
  newId,
  onTendered,
  onPaid,
  onBack,
  onBusy,
}: {
  sale: SaleDoc;
  f: LaneFormat;
  newId(): string;
  onTendered(sale: SaleDoc): void;
  onPaid(sale: SaleDoc): void;
  onBack(): void;
  onBusy(busy: boolean): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: (t: TFunction) => string; alert: boolean }>();
  const remaining = Math.max(0, sale.totals.due - sale.totals.paid);
  const card = async () => {
    const tenderId = newId();
    setBusy(true);
    onBusy(true);
    setMessage({ text: (t) => t('kiosk.followTerminal'), alert: false });
    const paid = await lane.devices.invoke(
      'terminal',
      'payment-terminal.purchase',
      { requestId: tenderId, minor: remaining, currency: sale.currency },
      120_000,
    );
    setBusy(false);
    onBusy(false);
    if (!paid.ok) {
      return setMessage({
        text: (t) =>
          paid.reason === 'declined'
            ? t('kiosk.cardDeclined')
            : t('kiosk.cardFailed', { reason: t(`errors.${paid.reason}`, { defaultValue: paid.reason }) }),
        alert: true,
      });
    }
    const approved = paid.value as {
      authCode: string;
      transactionId?: string;
      timeStamp?: string;
      minor: number;
    };
    // As at a lane: the terminal's POI transaction beside the code, so a return at any lane refunds by it.
    const reference = writeCardReference(approved);
    const r = addTender(sale, {
      id: tenderId,
      kind: 'card',
      amount: approved.minor,
      ...(reference ? { reference } : {}),
    });
    if (!r.ok) return setMessage({ text: (t) => t('kiosk.cardFailed', { reason: r.reason }), alert: true });
    onTendered(r.value);
    if (r.value.totals.paid >= r.value.totals.due) onPaid(r.value);
  };
  return (
    <KioskFrame title={t('kiosk.payTitle')}>
      <dl className="kiosk-total kiosk-total-large">
        <dt>{t('kiosk.toPay')}</dt>
        <dd data-testid="kiosk-due">{f.money(remaining)}</dd>
      </dl>
      <button type="button" className="kiosk-primary" disabled={busy} onClick={() => void card()}>
        {t('kiosk.payCard')}
      </button>
      {message && (
        <p
          role={message.alert ? 'alert' : 'status'}
          className={message.alert ? 'error kiosk-lead' : 'kiosk-lead'}
        >
          {message.text(t)}
        </p>
      )}
      <button type="button" className="secondary kiosk-back" disabled={busy} onClick={onBack}>
        {t('kiosk.backToItems')}
      </button>
    </KioskFrame>
  );
}
