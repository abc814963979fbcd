import type { SaleDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useSubject } from '../../app/use-observable.js';
import type { LaneFormat } from '../../format/lane-format.js';
import { receiptLayout } from '../../receipt/receipt-layout.js';
import { KioskFrame } from './KioskFrame.js';

/** Paid: receipt or no receipt, the shopper's choice. */
export function ReceiptChoiceScreen({ sale, f, onDone }: { sale: SaleDoc; f: LaneFormat; onDone(): void }) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const [state, setState] = useState<'choose' | 'printing' | { failed: string }>('choose');
  const print = async () => {
    setState('printing');
    const receipt = receiptLayout(
      sale,
      catalog.store,
      t('kiosk.brand'),
      f,
      {
        header: t('receipt.header'),
        cashier: t('receipt.cashier'),
        lane: t('receipt.lane'),
        total: t('receipt.total'),
        taxSummary: t('receipt.taxSummary'),
        cash: t('receipt.cash'),
        card: t('receipt.card'),
        changeLine: t('receipt.changeLine'),
        thanks: t('receipt.thanks'),
      },
      (price) => t('sale.perKg', { price }),
    );
    const done = await lane.devices.invoke(
      'printer',
      'printer.print',
      { jobId: sale.id, receipt: receipt as never, reprint: false },
      30_000,
    );
    if (done.ok) onDone();
    else setState({ failed: t(`errors.${done.reason}`, { defaultValue: done.reason }) });
  };
  return (
    <KioskFrame title={t('kiosk.receiptTitle')}>
      <p className="kiosk-lead" data-testid="kiosk-paid">
        {t('kiosk.paidAmount', { amount: f.money(sale.totals.paid) })}
      </p>
      {typeof state === 'object' && (
        <p role="alert" className="error kiosk-lead">
          {t('kiosk.printFailed', { reason: state.failed })}
        </p>
      )}
      <div className="kiosk-choice">
        <button
          type="button"
          className="kiosk-primary"
          disabled={state === 'printing'}
          onClick={() => void print()}
        >
          {t('kiosk.printReceipt')}
        </button>
        <button type="button" className="kiosk-big" disabled={state === 'printing'} onClick={onDone}>
          {t('kiosk.noReceipt')}
        </button>
      </div>
    </KioskFrame>
  );
}
