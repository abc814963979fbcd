import {
  changeQuantity,
  type ParsedBarcode,
  type ProductDoc,
  productByPlu,
  type SaleDoc,
  voidLine,
} from '@storefloor/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { scansClaimed } from '../../devices/scan-claims.js';
import { scanSold, useScanToTotalMeasure } from '../../perf/scan-timing.js';
import { pricingEnvAt } from '../../sale/pricing-env.js';
import { resolveKeyedCode, resolveScan, type ScanAction } from '../../sale/resolve-scan.js';
import { priceOf, type SellInput, sellProduct } from '../../sale/sell-product.js';
import { useSaleLoyalty } from '../member/use-sale-loyalty.js';
import { SuspendActions } from '../suspend/SuspendActions.js';
import { LookupDialog } from './LookupDialog.js';
import { SaleLines } from './SaleLines.js';
import { WeighDialog } from './WeighDialog.js';

interface Props {
  sale: SaleDoc;
  cashierId: string;
  newId(): string;
  onChange(sale: SaleDoc): void;
  onPay(): void;
  onCloseShift(): void;
  /** lane-members: park the basket (Shift+F8), resume a parked one (Shift+F9), a return by receipt (Shift+F7 or a receipt scan). */
  /** Resolves with core's refusal reason, if any. */
  onSuspend?(): Promise<string | undefined>;
  onResume?(): void;
  onReturn?(receiptCode?: string): void;
}

/** The cashier's main screen: scan, key a PLU or search, weigh, change quantities, void, then pay. */
export function SaleScreen({
  sale,
  cashierId,
  newId,
  onChange,
  onPay,
  onCloseShift,
  onSuspend,
  onResume,
  onReturn,
}: Props) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string>();
  const [lookup, setLookup] = useState<string>();
  const [weighing, setWeighing] = useState<{ product: ProductDoc; gtin?: string; plu?: string }>();
  const saleRef = useRef(sale);
  saleRef.current = sale;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const tRef = useRef(t);
  tRef.current = t;

  useScanToTotalMeasure(sale);
  const loyalty = useSaleLoyalty(sale, onChange, setNotice);
  const loyaltyRef = useRef(loyalty);
  loyaltyRef.current = loyalty;

  const sell = useCallback(
    (input: Omit<SellInput, 'lineId'>, scannedAt?: number) => {
      const now = Date.now();
      const added = sellProduct(saleRef.current, catalog, { ...input, lineId: newId() }, now);
      if (added.ok) {
        setNotice(undefined);
        scanSold(scannedAt);
        onChange(added.value);
      } else if (added.reason === 'no-price') setNotice(t('sale.noPrice', { name: input.product.name }));
      else
        setNotice(t('sale.failed', { reason: t(`errors.${added.reason}`, { defaultValue: added.reason }) }));
    },
    [catalog, newId, onChange, t],
  );

  const act = useCallback(
    (action: ScanAction, scannedAt?: number) => {
      switch (action.kind) {
        case 'sell':
          return sell(
            {
              product: action.product,
              entry: 'scanned',
              gtin: action.gtin,
              ...(action.weightGrams === undefined ? {} : { weightGrams: action.weightGrams }),
              ...(action.embeddedPrice === undefined ? {} : { embeddedPrice: action.embeddedPrice }),
            },
            scannedAt,
          );
        case 'weigh':
          return setWeighing({ product: action.product, gtin: action.gtin });
        case 'member':
          return loyaltyRef.current.identifyByCard(action.cardNumber);
        case 'coupon':
          return void loyaltyRef.current.applyCode(action.code).then((reason) => {
            if (reason) setNotice(t(`loyaltyErrors.${reason}`, { defaultValue: reason }));
          });
        case 'unknown':
          setNotice(t('sale.unknownCode', { code: action.code }));
          return setLookup(action.code);
        case 'unreadable':
          return setNotice(t('sale.unreadable', { code: action.code, reason: action.reason }));
        case 'receipt':
          if (onReturn && !saleRef.current.lines.some((l) => !l.voided)) return onReturn(action.code);
          return setNotice(t('sale.unsupported', { code: action.code }));
        case 'unsupported':
          // payments: a wallet payment code is taken on the payment screen.
          if (action.kind === 'unsupported' && action.what.startsWith('payment-code:'))
            return setNotice(t('payments.payFirst'));
          return setNotice(t('sale.unsupported', { code: action.code }));
      }
    },
    [onReturn, sell, t],
  );

  useEffect(
    () =>
      lane.devices.on({
        onScan: (payload, at) => {
          const barcode = (payload as { barcode?: ParsedBarcode }).barcode;
          if (barcode && !scansClaimed()) act(resolveScan(lane.catalog.snapshot.value, barcode), at);
        },
        onScanError: (e) => setNotice(t('sale.unreadable', { code: e.detail ?? '', reason: e.reason })),
      }),
    [act, lane, t],
  );

  const enter = () => {
    const keyed = code.trim();
    setCode('');
    if (keyed === '') return;
    if (/^\d{1,6}$/.test(keyed)) {
      const byPlu = productByPlu(catalog.index, keyed);
      if (byPlu.ok) {
        if (byPlu.value.unit === 'weight') return setWeighing({ product: byPlu.value, plu: keyed });
        return sell({ product: byPlu.value, entry: 'plu', plu: keyed });
      }
    }
    if (/^\d+$/.test(keyed) || keyed.startsWith(']') || keyed.startsWith('('))
      return act(resolveKeyedCode(catalog, keyed));
    setLookup(keyed);
  };

  // Stable across scans, so the basket's rows that did not change are not rendered again.
  const catalogRef = useRef(catalog);
  catalogRef.current = catalog;
  const onVoidLine = useCallback(
    (lineId: string) => {
      const r = voidLine(
        saleRef.current,
        lineId,
        cashierId,
        pricingEnvAt(catalogRef.current, Date.now(), saleRef.current),
      );
      if (r.ok) onChangeRef.current(r.value);
    },
    [cashierId],
  );
  const onLineQuantity = useCallback((lineId: string, q: number) => {
    const r = changeQuantity(
      saleRef.current,
      lineId,
      q,
      pricingEnvAt(catalogRef.current, Date.now(), saleRef.current),
    );
    if (r.ok) onChangeRef.current(r.value);
    else setNotice(tRef.current('sale.failed', { reason: r.reason }));
  }, []);
  const env = () => pricingEnvAt(catalog, Date.now(), saleRef.current);
  const live = sale.lines.filter((l) => !l.voided);
  const weighPrice = weighing ? priceOf(catalog, weighing.product, Date.now()) : undefined;

  return (
    <main className="sale">
      <section className="basket">
        <SaleLines sale={sale} f={f} onVoid={onVoidLine} onQuantity={onLineQuantity} />
      </section>
      <aside className="side">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            enter();
          }}
        >
          <label>
            {t('sale.codeInput')}
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-label={t('sale.codeInput')}
              // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
              autoFocus
            />
          </label>
          <button type="submit">{t('sale.enter')}</button>
        </form>
        {notice && (
          <p role="alert" className="notice">
            {notice}
          </p>
        )}
        <dl className="totals">
          <dt>{t('sale.items', { count: live.length })}</dt>
          <dd />
          {sale.totals.discount > 0 && (
            <>
              <dt>{t('sale.discount')}</dt>
              <dd data-testid="sale-discount">{f.money(sale.totals.discount)}</dd>
            </>
          )}
          <dt>{sale.taxMode === 'inclusive' ? t('sale.tax') : t('sale.taxAdded')}</dt>
          <dd data-testid="sale-tax">{f.money(sale.totals.tax)}</dd>
          <dt className="grand">{t('sale.total')}</dt>
          <dd className="grand" data-testid="sale-total">
            {f.money(sale.totals.total)}
          </dd>
        </dl>
        {loyalty.panel}
        {onSuspend && onResume && onReturn && (
          <SuspendActions
            hasLines={live.length > 0}
            onSuspend={() =>
              void onSuspend().then((reason) =>
                setNotice(
                  reason
                    ? t(`loyaltyErrors.${reason}`, { defaultValue: reason })
                    : t('suspend.suspended', { lane: lane.identity.deviceId }),
                ),
              )
            }
            onResume={onResume}
            onReturn={() => onReturn()}
          />
        )}
        <button type="button" className="pay" disabled={live.length === 0} onClick={onPay}>
          {t('sale.pay')} (F12)
        </button>
        {sale.lines.length === 0 && (
          <button type="button" className="secondary" onClick={onCloseShift}>
            {t('close.open')}
          </button>
        )}
      </aside>
      {lookup !== undefined && (
        <LookupDialog
          code={lookup}
          products={catalog.products}
          onClose={() => setLookup(undefined)}
          onPick={(p) => {
            setLookup(undefined);
            if (p.unit === 'weight') setWeighing({ product: p, ...(p.plu ? { plu: p.plu } : {}) });
            else sell({ product: p, entry: p.plu ? 'plu' : 'scanned', ...(p.plu ? { plu: p.plu } : {}) });
          }}
        />
      )}
      {weighing && (
        <WeighDialog
          product={weighing.product}
          pricePerKg={weighPrice?.ok ? weighPrice.value.unitPrice : undefined}
          f={f}
          onCancel={() => setWeighing(undefined)}
          onWeighed={(grams) => {
            const w = weighing;
            setWeighing(undefined);
            sell({
              product: w.product,
              entry: 'weighed',
              weightGrams: grams,
              ...(w.gtin ? { gtin: w.gtin } : {}),
              ...(w.plu ? { plu: w.plu } : {}),
            });
          }}
        />
      )}
    </main>
  );
}
