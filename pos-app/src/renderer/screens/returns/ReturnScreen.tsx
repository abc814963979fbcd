import {
  addTender,
  cashBalanceDue,
  completeSale,
  createReturn,
  type EmployeeDoc,
  type ParsedBarcode,
  planRefund,
  type RefundPart,
  returnedQuantities,
  type SaleDoc,
  type ShiftDoc,
} from '@storefloor/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { receiptLayout } from '../../receipt/receipt-layout.js';
import { recordCouponReversals, recordLoyalty } from '../../sale/lane-loyalty.js';
import { businessDayAt } from '../../sale/pricing-env.js';
import { laneRefundDeps, refundNonCashParts } from '../../sale/refund-tenders.js';
import { type RefundToWallet, refundToWallet } from '../../sale/refund-to-wallet.js';
import { findReceipt } from './find-receipt.js';

type Translate = ReturnType<typeof useTranslation>['t'];

interface Props {
  cashier: EmployeeDoc;
  shift: ShiftDoc;
  newId(): string;
  /** A receipt code scanned on the sale screen, looked up at once. */
  initialCode?: string;
  onBack(): void;
  /** The wallet refund seam (the `payments` slice provides the gateway); refuses by default. */
  walletRefund?: RefundToWallet;
}

/**
 * A return at any lane of the store: scan the receipt barcode (or key its code), pick the lines and
 * quantities, and refund per line what was paid (core's createReturn) to the tender kinds the sale was
 * paid with (core's planRefund): card through this lane's terminal, cash from the drawer (kicked), wallet
 * through `walletRefund`. Quantities already returned at any lane are not offered and are refused by core.
 * A manager approval, when store policy asks for one, belongs before `refund()` (lane-supervisor's dialog).
 */
export function ReturnScreen({
  cashier,
  shift,
  newId,
  initialCode,
  onBack,
  walletRefund = refundToWallet,
}: Props) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const [code, setCode] = useState('');
  const [found, setFound] = useState<{ original: SaleDoc; priorReturns: SaleDoc[] }>();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [shown, setMessage] = useState<{ text: (t: Translate) => string; alert: boolean }>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SaleDoc>();

  const look = useCallback(
    async (keyed: string) => {
      setDone(undefined);
      const r = await findReceipt(lane.db, keyed);
      if (r.kind !== 'found') {
        setFound(undefined);
        return setMessage({
          text: (t) =>
            r.kind === 'not-a-sale' ? t('returns.notASale') : t('returns.notFound', { code: r.code }),
          alert: true,
        });
      }
      setFound(r);
      setQty({});
      const left = returnedQuantities(r.original, r.priorReturns);
      const anyLeft = r.original.lines.some((l) => !l.voided && (left.get(l.id) ?? 0) < l.quantity);
      setMessage(anyLeft ? undefined : { text: (t) => t('returns.nothingLeft'), alert: true });
    },
    [lane],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the scanned code is looked up once on open.
  useEffect(() => {
    if (initialCode) void look(initialCode);
  }, []);

  useEffect(
    () =>
      lane.devices.on({
        onScan: (payload) => {
          const b = (payload as { barcode?: ParsedBarcode }).barcode;
          if (b?.kind === 'internal' && b.type === 'receipt') void look(b.data);
        },
      }),
    [lane, look],
  );

  const returned = useMemo(
    () => (found ? returnedQuantities(found.original, found.priorReturns) : new Map<string, number>()),
    [found],
  );
  const items = Object.entries(qty)
    .filter(([, q]) => q > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));

  const draft = (id: string) =>
    found &&
    createReturn({
      id,
      storeId: lane.identity.storeId,
      deviceId: lane.identity.deviceId,
      shiftId: shift.id,
      cashierId: cashier.id,
      businessDay: businessDayAt(catalog, Date.now()),
      openedAt: Date.now(),
      original: found.original,
      priorReturns: found.priorReturns,
      items,
    });
  const preview = items.length > 0 ? draft('019a0000-0000-7000-8000-000000000000') : undefined;
  const plan: RefundPart[] =
    found && preview?.ok ? planRefund(found.original, found.priorReturns, preview.value.totals.total) : [];

  const fail = (reason: string) =>
    setMessage({
      text: (t) => t('returns.failed', { reason: t(`loyaltyErrors.${reason}`, { defaultValue: reason }) }),
      alert: true,
    });

  const refund = async () => {
    if (!found) return;
    const made = draft(newId());
    if (!made?.ok) return fail(made?.reason ?? 'empty-return');
    let doc = made.value;
    const parts = planRefund(found.original, found.priorReturns, doc.totals.total);
    setBusy(true);
    try {
      const moved = await refundNonCashParts(
        doc,
        parts,
        laneRefundDeps(lane, walletRefund, newId, () =>
          setMessage({ text: (t) => t('returns.cardRefunding'), alert: false }),
        ),
      );
      if (!moved.ok) return fail(moved.reason);
      doc = moved.value;
      const cash = cashBalanceDue(doc);
      if (cash > 0) {
        const r = addTender(doc, { id: newId(), kind: 'cash', amount: cash });
        if (!r.ok) return fail(r.reason);
        doc = r.value;
        void lane.devices.invoke('printer', 'printer.kick-drawer', null, 10_000);
      }
      const completed = completeSale(doc, Date.now());
      if (!completed.ok) return fail(completed.reason);
      await lane.db.sales.upsert(completed.value);
      lane.sync.wrote('sales', completed.value.id);
      await recordLoyalty(lane, completed.value, cashier.id, newId);
      await recordCouponReversals(
        lane,
        found.original,
        [...found.priorReturns, completed.value],
        completed.value.id,
        cashier.id,
        newId,
      );
      setDone(completed.value);
      setFound({ original: found.original, priorReturns: [...found.priorReturns, completed.value] });
      setQty({});
      const total = f.money(completed.value.totals.total);
      setMessage({ text: (t) => t('returns.done', { total }), alert: false });
      void printReturn(completed.value);
    } finally {
      setBusy(false);
    }
  };

  const printReturn = async (doc: SaleDoc) => {
    const receipt = receiptLayout(
      doc,
      catalog.store,
      cashier.name,
      f,
      {
        header: t('returns.receiptHeader'),
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
    await lane.devices.invoke(
      'printer',
      'printer.print',
      { jobId: doc.id, receipt: receipt as never },
      30_000,
    );
  };

  const message = shown && { text: shown.text(t), alert: shown.alert };
  return (
    <main className="panel returns">
      <h1>{t('returns.title')}</h1>
      <p>{t('returns.scanHint')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim() !== '') void look(code);
          setCode('');
        }}
      >
        <label>
          {t('returns.input')}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
            autoFocus
          />
        </label>
        <button type="submit">{t('returns.find')}</button>
      </form>
      {found && (
        <>
          <p data-testid="return-original">
            {t('returns.original', {
              time: f.dateTime(found.original.completedAt ?? found.original.openedAt),
              lane: found.original.deviceId,
              total: f.money(found.original.totals.total),
            })}
          </p>
          <table className="return-lines">
            <thead>
              <tr>
                <th>{t('returns.line')}</th>
                <th>{t('returns.sold')}</th>
                <th>{t('returns.returned')}</th>
                <th>{t('returns.returnQty')}</th>
              </tr>
            </thead>
            <tbody>
              {found.original.lines
                .filter((l) => !l.voided)
                .map((l) => {
                  const back = returned.get(l.id) ?? 0;
                  const left = l.quantity - back;
                  return (
                    <tr key={l.id} data-testid="return-line">
                      <td>
                        {l.description}
                        <div className="line-detail">{f.money(l.total)}</div>
                      </td>
                      <td>{l.unit === 'weight' && l.weightGrams ? f.weight(l.weightGrams) : l.quantity}</td>
                      <td>{back}</td>
                      <td>
                        <input
                          type="number"
                          min={0}
                          max={left}
                          disabled={left === 0}
                          aria-label={`${t('returns.returnQty')} ${l.description}`}
                          value={qty[l.id] ?? 0}
                          onChange={(e) =>
                            setQty({
                              ...qty,
                              [l.id]: Math.max(0, Math.min(left, Number(e.target.value) || 0)),
                            })
                          }
                        />
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          <dl className="totals">
            <dt className="grand">{t('returns.refundTotal')}</dt>
            <dd className="grand" data-testid="return-total">
              {f.money(preview?.ok ? preview.value.totals.total : 0)}
            </dd>
            {plan.map((p) => (
              <div key={`${p.kind}-${p.originalTenderId}`} className="refund-part">
                <dt>{t('returns.refundTo', { kind: t(`returns.kinds.${p.kind}`) })}</dt>
                <dd data-testid="refund-part">{f.money(p.amount)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {message && (
        <p
          role={message.alert ? 'alert' : 'status'}
          className={message.alert ? 'error' : 'notice'}
          data-testid={done && !message.alert ? 'return-done' : 'return-message'}
        >
          {message.text}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack} disabled={busy}>
          {t('returns.back')}
        </button>
        {found && (
          <button type="button" disabled={busy || !preview?.ok} onClick={() => void refund()}>
            {t('returns.refund')}
          </button>
        )}
      </div>
    </main>
  );
}
