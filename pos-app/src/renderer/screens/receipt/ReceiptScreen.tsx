import type { SaleDoc } from '@storefloor/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { loyaltyReceiptBlocks } from '../../receipt/loyalty-receipt.js';
import { receiptLayout } from '../../receipt/receipt-layout.js';
import { memberPoints } from '../../sale/lane-loyalty.js';

/** After completion: change due, the receipt printed through the host (job id = sale id), reprint. */
export function ReceiptScreen({
  sale,
  cashierName,
  onNext,
}: {
  sale: SaleDoc;
  cashierName: string;
  onNext(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const [state, setState] = useState<{ kind: 'printing' | 'printed' } | { kind: 'failed'; reason: string }>({
    kind: 'printing',
  });
  const started = useRef(false);
  const print = async (reprint: boolean) => {
    setState({ kind: 'printing' });
    const member = sale.memberId ? catalog.members.find((m) => m.id === sale.memberId) : undefined;
    const loyalty = loyaltyReceiptBlocks(sale, member, member && (await memberPoints(lane.db, member.id)), {
      member: t('member.receiptMember'),
      coupon: t('coupon.receiptCoupon'),
      pointsEarned: t('member.receiptPointsEarned'),
      pointsBalance: t('member.receiptPointsBalance'),
    });
    const receipt = receiptLayout(
      sale,
      catalog.store,
      cashierName,
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
        saved: t('receipt.saved'),
      },
      (price) => t('sale.perKg', { price }),
      loyalty,
    );
    const done = await lane.devices.invoke(
      'printer',
      'printer.print',
      { jobId: sale.id, receipt: receipt as never, reprint },
      30_000,
    );
    if (done.ok) setState({ kind: 'printed' });
    else setState({ kind: 'failed', reason: t(`errors.${done.reason}`, { defaultValue: done.reason }) });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the receipt prints once when the screen opens.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (sale.tenders.some((x) => x.kind === 'cash'))
      void lane.devices.invoke('printer', 'printer.kick-drawer', null, 10_000);
    void print(false);
  }, []);
  return (
    <main className="panel narrow">
      <h1>{t('receipt.title')}</h1>
      <dl className="totals">
        <dt>{t('sale.total')}</dt>
        <dd data-testid="receipt-total">{f.money(sale.totals.due)}</dd>
        {sale.totals.change > 0 && (
          <>
            <dt className="grand">{t('receipt.change')}</dt>
            <dd className="grand" data-testid="receipt-change">
              {f.money(sale.totals.change)}
            </dd>
          </>
        )}
      </dl>
      <p
        role={state.kind === 'failed' ? 'alert' : 'status'}
        className={state.kind === 'failed' ? 'error' : ''}
      >
        {state.kind === 'failed'
          ? t('receipt.printFailed', { reason: state.reason })
          : state.kind === 'printing'
            ? t('receipt.printing')
            : t('receipt.printed')}
      </p>
      <div className="actions">
        {state.kind !== 'printing' && (
          <button type="button" className="secondary" onClick={() => void print(state.kind === 'printed')}>
            {t('receipt.reprint')}
          </button>
        )}
        {/* biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next */}
        <button type="button" onClick={onNext} autoFocus>
          {t('receipt.newSale')}
        </button>
      </div>
    </main>
  );
}
