import {
  type BaggingDecision,
  cancelSale,
  completeSale,
  createIdGenerator,
  expectedWeightFor,
  openSale,
  type ParsedBarcode,
  type ProductDoc,
  type SaleDoc,
  verifyAge,
  voidLine,
  weighedWeight,
} from '@storefloor/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDayAt, pricingEnvAt } from '../sale/pricing-env.js';
import { resolveScan } from '../sale/resolve-scan.js';
import { priceOf, type SellInput, sellProduct } from '../sale/sell-product.js';
import { KioskPayScreen } from '../screens/kiosk/KioskPayScreen.js';
import { type KioskLock, LockedScreen } from '../screens/kiosk/LockedScreen.js';
import { ProduceScreen } from '../screens/kiosk/ProduceScreen.js';
import { ReceiptChoiceScreen } from '../screens/kiosk/ReceiptChoiceScreen.js';
import { attendantsOf } from '../screens/kiosk/ResolvePanel.js';
import { type BaggingPrompt, ShoppingScreen } from '../screens/kiosk/ShoppingScreen.js';
import { StillThereDialog } from '../screens/kiosk/StillThereDialog.js';
import { ThanksScreen } from '../screens/kiosk/ThanksScreen.js';
import { WelcomeScreen } from '../screens/kiosk/WelcomeScreen.js';
import { WeighDialog } from '../screens/sale/WeighDialog.js';
import { type KioskAlert, SelfCheckoutAlerts } from '../self-checkout/alerts-client.js';
import { BaggingMonitor } from '../self-checkout/bagging-monitor.js';
import { decisionFacts, recordKioskAudit } from '../self-checkout/kiosk-audit.js';
import { LearnedWeights } from '../self-checkout/learned-weights.js';
import '../screens/kiosk/kiosk.css';
import { useLane } from './lane-services.js';
import { useLaneFormat } from './use-format.js';
import { useSubject } from './use-observable.js';

type Step = 'welcome' | 'shopping' | 'produce' | 'pay' | 'receipt' | 'thanks';

/** A kiosk alert as this kiosk keeps it until answered: raised (or still being sent) at the edge. */
interface OpenAlert extends KioskLock {
  readonly alertId: string;
  readonly lineId: string;
  readonly productId: string;
}

const BAGGING_ALERTS = new Set([
  'unexpected-item',
  'weight-mismatch',
  'item-not-bagged',
  'item-removed',
  'scale-unsettled',
  'scale-drift',
]);
const DEFAULT_IDLE_MS = 90_000;
const SELF_CHECKOUT = 'self-checkout';

/**
 * The self-checkout kiosk: touch only, one task per screen. Each scanned item is waited for in the bagging
 * area (core's bagging model over the kiosk's second scale); interventions lock the kiosk and call an
 * attendant through the edge agent; card only; an idle kiosk forgets its shopper.
 */
export function KioskApp({ idleMs = DEFAULT_IDLE_MS }: { idleMs?: number | undefined }) {
  const { i18n } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const newId = useMemo(() => createIdGenerator(), []);
  const alerts = useMemo(() => new SelfCheckoutAlerts('/hq', lane.identity.token), [lane]);
  const monitor = useMemo(() => new BaggingMonitor(lane.devices), [lane]);
  const learned = useMemo(() => new LearnedWeights(lane.db), [lane]);
  const bagging = useSubject(monitor.state);
  const areaGrams = useSubject(monitor.weight);
  const [step, setStep] = useState<Step>('welcome');
  const [sale, setSaleState] = useState<SaleDoc>();
  const [prompt, setPrompt] = useState<BaggingPrompt>({ kind: 'scan' });
  const [open, setOpen] = useState<readonly OpenAlert[]>([]);
  const [weighing, setWeighing] = useState<ProductDoc>();
  const [stillThere, setStillThere] = useState(false);
  const [paying, setPaying] = useState(false);
  const [painted, setPainted] = useState<{ decision: BaggingDecision; readingAt: number; n: number }>();
  const saleRef = useRef<SaleDoc | undefined>(undefined);
  const openRef = useRef<readonly OpenAlert[]>([]);
  const handled = useRef(new Set<string>());
  const lastActivity = useRef(Date.now());
  const session = useRef(0);

  const setSale = useCallback((next: SaleDoc | undefined) => {
    saleRef.current = next;
    setSaleState(next);
  }, []);
  const setAlerts = useCallback((next: readonly OpenAlert[]) => {
    openRef.current = next;
    setOpen(next);
  }, []);
  const touch = useCallback(() => {
    lastActivity.current = Date.now();
    setStillThere(false);
  }, []);

  useEffect(() => {
    alerts.start();
    monitor.start();
    void learned.refresh();
    return () => {
      alerts.stop();
      monitor.stop();
    };
  }, [alerts, monitor, learned]);

  const freshSale = useCallback((): SaleDoc => {
    const snap = lane.catalog.snapshot.value;
    const store = snap.store;
    const now = Date.now();
    const opened = openSale({
      id: newId(),
      storeId: lane.identity.storeId,
      deviceId: lane.identity.deviceId,
      // Kiosk sales belong to no cashier's cash shift (a kiosk takes no cash): one per kiosk and day.
      shiftId: `${SELF_CHECKOUT}-${businessDayAt(snap, now)}`,
      cashierId: SELF_CHECKOUT,
      businessDay: businessDayAt(snap, now),
      currency: store?.currency ?? 'EUR',
      taxMode: store?.taxMode ?? 'inclusive',
      taxRounding: store?.taxRounding ?? 'line',
      ...(store ? { cashRoundingStep: 1 } : {}),
      openedAt: now,
    });
    if (!opened.ok) throw new Error(`openSale: ${opened.reason}`);
    return opened.value;
  }, [lane, newId]);

  const begin = useCallback((): SaleDoc => {
    session.current += 1;
    const s = freshSale();
    setSale(s);
    monitor.begin();
    setPrompt({ kind: 'scan' });
    setStep('shopping');
    touch();
    return s;
  }, [freshSale, monitor, setSale, touch]);

  /** Back to the welcome screen with nothing of the last shopper kept. */
  const reset = useCallback(() => {
    session.current += 1;
    monitor.end();
    setSale(undefined);
    setAlerts([]);
    setWeighing(undefined);
    setStillThere(false);
    setPrompt({ kind: 'scan' });
    setStep('welcome');
    void i18n.changeLanguage('zh-CN');
    void learned.refresh();
  }, [i18n, learned, monitor, setAlerts, setSale]);

  const raise = useCallback(
    (alert: Omit<OpenAlert, 'unsent'>) => {
      setAlerts([...openRef.current, { ...alert, unsent: true }]);
      const mine = session.current;
      void alerts
        .raise(
          {
            id: alert.alertId,
            kind: alert.kind,
            // Language-neutral: each attendant screen words it in its own language.
            kioskLabel: lane.identity.deviceId.slice(-4),
            saleId: saleRef.current?.id ?? '',
            lineId: alert.lineId,
            productId: alert.productId,
            productName: alert.productName,
            facts: alert.facts,
          },
          2000,
          () => session.current === mine,
        )
        .then((raised) => {
          if (!raised) return;
          setAlerts(openRef.current.map((a) => (a.alertId === alert.alertId ? { ...a, unsent: false } : a)));
        });
    },
    [alerts, lane, setAlerts],
  );

  const nameOf = useCallback(
    (lineId: string) => saleRef.current?.lines.find((l) => l.id === lineId)?.description ?? '',
    [],
  );

  /** A line taken off the sale by an attendant: unbag it if it was bagged. */
  const takeOff = useCallback(
    (lineId: string, employeeId: string) => {
      const current = saleRef.current;
      if (!current) return;
      const line = current.lines.find((l) => l.id === lineId && !l.voided);
      if (!line) return;
      const voided = voidLine(
        current,
        lineId,
        employeeId,
        pricingEnvAt(lane.catalog.snapshot.value, Date.now()),
      );
      if (!voided.ok) return;
      setSale(voided.value);
      if (monitor.state.value.waitingFor?.lineId === lineId) {
        monitor.withdrawn(lineId);
        return;
      }
      const product = lane.catalog.snapshot.value.products.find((p) => p.id === line.productId);
      const expected =
        line.unit === 'weight' && line.weightGrams
          ? weighedWeight(line.weightGrams, monitor.policy)
          : expectedWeightFor(product ?? {}, line.quantity, monitor.policy, learned.of(line.productId));
      monitor.scanned({ lineId, productId: line.productId, expected, scannedAt: Date.now(), removal: true });
      setPrompt({ kind: 'take-out', name: line.description });
    },
    [lane, learned, monitor, setSale],
  );

  const answered = useCallback(
    (alert: KioskAlert) => {
      if (alert.deviceId !== lane.identity.deviceId || alert.status === 'open') return;
      if (handled.current.has(alert.id)) return;
      const local = openRef.current.find((a) => a.alertId === alert.id);
      if (!local) return;
      handled.current.add(alert.id);
      setAlerts(openRef.current.filter((a) => a.alertId !== alert.id));
      touch();
      if (alert.status === 'withdrawn') return;
      const approve = alert.status === 'approved';
      if (BAGGING_ALERTS.has(alert.kind)) {
        monitor.resolve(approve ? 'approve' : 'reject');
        if (
          !approve &&
          (alert.kind === 'weight-mismatch' || alert.kind === 'item-not-bagged') &&
          local.lineId
        ) {
          const current = saleRef.current;
          if (current) {
            const voided = voidLine(
              current,
              local.lineId,
              alert.resolvedBy,
              pricingEnvAt(lane.catalog.snapshot.value, Date.now()),
            );
            if (voided.ok) setSale(voided.value);
          }
        }
        return;
      }
      if (alert.kind === 'age-restricted') {
        const current = saleRef.current;
        if (!current) return;
        if (approve) {
          const verified = verifyAge(current, alert.resolvedBy);
          if (verified.ok) setSale(verified.value);
        } else takeOff(local.lineId, alert.resolvedBy);
        return;
      }
      if (alert.kind === 'void' && approve) takeOff(local.lineId, alert.resolvedBy);
    },
    [lane, monitor, setAlerts, setSale, takeOff, touch],
  );

  useEffect(() => {
    const sub = alerts.changed.subscribe(answered);
    return () => sub.unsubscribe();
  }, [alerts, answered]);

  // Bagging decisions: each recorded with its weights; interventions call an attendant.
  useEffect(() => {
    const sub = monitor.decisions.subscribe(({ decision, readingAt }) => {
      const current = saleRef.current;
      const line = current?.lines.find((l) => l.id === decision.lineId);
      const quantity = line?.quantity ?? 1;
      void recordKioskAudit(lane, newId, {
        action: `bagging.${decision.kind}`,
        ...(current ? { saleId: current.id } : {}),
        facts: decisionFacts(decision, quantity),
      }).then(() => {
        if (decision.kind === 'item-bagged') void learned.refresh();
      });
      lastActivity.current = Date.now();
      setPainted((p) => ({ decision, readingAt, n: (p?.n ?? 0) + 1 }));
      showDecision(decision);
    });
    const showDecision = (decision: BaggingDecision) => {
      const name = nameOf(decision.lineId);
      switch (decision.kind) {
        case 'item-bagged':
          return setPrompt({ kind: 'bagged', name });
        case 'item-unbagged':
          return setPrompt({ kind: 'scan' });
        case 'bag-added':
          return setPrompt({ kind: 'bag-added' });
        case 'area-restored': {
          const bags = openRef.current.filter((a) => BAGGING_ALERTS.has(a.kind));
          for (const a of bags) {
            handled.current.add(a.alertId);
            void alerts.withdraw(a.alertId);
          }
          setAlerts(openRef.current.filter((a) => !BAGGING_ALERTS.has(a.kind)));
          return setPrompt(monitor.state.value.waitingFor ? { kind: 'place', name } : { kind: 'scan' });
        }
        case 'approved':
        case 'rejected':
          return setPrompt(
            monitor.state.value.waitingFor
              ? { kind: 'place', name: nameOf(monitor.state.value.waitingFor.lineId) }
              : { kind: 'scan' },
          );
        default:
          if (decision.needsAttendant)
            raise({
              alertId: newId(),
              kind: decision.kind,
              lineId: decision.lineId,
              productId: decision.productId,
              productName: name,
              facts: decisionFacts(decision, 1),
            });
      }
    };
    return () => sub.unsubscribe();
  }, [alerts, lane, learned, monitor, nameOf, newId, raise, setAlerts]);

  // The decision is on screen once the browser has painted it: that is what the bench measures.
  useEffect(() => {
    if (!painted) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.measure('bagging-decision', {
          start: painted.readingAt,
          detail: {
            kind: painted.decision.kind,
            deltaGrams: painted.decision.deltaGrams,
            expectedGrams: painted.decision.expectedGrams,
          },
        });
      }, 0),
    );
  }, [painted]);

  const sell = useCallback(
    (input: Omit<SellInput, 'lineId'>, baseSale?: SaleDoc) => {
      touch();
      const current = baseSale ?? saleRef.current;
      if (!current) return;
      if (openRef.current.length > 0 || monitor.state.value.locked) return;
      if (monitor.state.value.waitingFor) return setPrompt({ kind: 'first-place' });
      const lineId = newId();
      const snap = lane.catalog.snapshot.value;
      const sold = sellProduct(current, snap, { ...input, lineId }, Date.now());
      if (!sold.ok) return setPrompt({ kind: 'notice', key: 'kiosk.cannotSell', reason: sold.reason });
      setSale(sold.value);
      const line = sold.value.lines.find((l) => l.id === lineId);
      const expected =
        input.weightGrams !== undefined && input.product.unit === 'weight'
          ? weighedWeight(input.weightGrams, monitor.policy)
          : expectedWeightFor(
              input.product,
              line?.quantity ?? 1,
              monitor.policy,
              learned.of(input.product.id),
            );
      monitor.scanned({ lineId, productId: input.product.id, expected, scannedAt: Date.now() });
      setPrompt({ kind: 'place', name: input.product.name });
      if (input.product.ageRestriction > 0 && sold.value.ageVerifiedBy === undefined) {
        raise({
          alertId: newId(),
          kind: 'age-restricted',
          lineId,
          productId: input.product.id,
          productName: input.product.name,
          facts: { ageRestriction: input.product.ageRestriction },
        });
      }
    },
    [lane, learned, monitor, newId, raise, setSale, touch],
  );

  const scanned = useCallback(
    (barcode: ParsedBarcode) => {
      touch();
      const action = resolveScan(lane.catalog.snapshot.value, barcode);
      if (step === 'pay' || step === 'receipt' || step === 'thanks') return;
      let base = saleRef.current;
      if (step === 'welcome' || !base) base = begin();
      if (step === 'produce') setStep('shopping');
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
            base,
          );
        case 'weigh':
          return setWeighing(action.product);
        case 'unknown':
          return setPrompt({ kind: 'notice', key: 'kiosk.unknownItem' });
        default:
          return setPrompt({ kind: 'notice', key: 'kiosk.cannotScan' });
      }
    },
    [begin, lane, sell, step, touch],
  );

  useEffect(
    () =>
      lane.devices.on({
        onScan: (payload) => {
          const barcode = (payload as { barcode?: ParsedBarcode }).barcode;
          if (barcode) scanned(barcode);
        },
      }),
    [lane, scanned],
  );

  // Idle: an empty basket goes back to welcome; items ask "still there?" first, then the sale is given up.
  useEffect(() => {
    const onTouch = () => touch();
    window.addEventListener('pointerdown', onTouch);
    const timer = setInterval(() => {
      if (step === 'welcome' || paying) return;
      if (openRef.current.length > 0 || monitor.state.value.locked) return;
      const idle = Date.now() - lastActivity.current;
      const current = saleRef.current;
      const hasItems = current?.lines.some((l) => !l.voided) ?? false;
      if (idle < idleMs) return;
      if (step !== 'thanks' && hasItems && idle < idleMs * 1.5) return setStillThere(true);
      if (current && current.status === 'open' && current.lines.length > 0 && current.tenders.length === 0) {
        const cancelled = cancelSale(current, Date.now());
        if (cancelled.ok) {
          void lane.db.sales.upsert(cancelled.value).then(() => lane.sync.wrote('sales', current.id));
          void recordKioskAudit(lane, newId, {
            action: 'self-checkout.sale-abandoned',
            saleId: current.id,
            facts: { lines: current.lines.length, total: current.totals.total },
          });
        }
      }
      reset();
    }, 500);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', onTouch);
    };
  }, [idleMs, lane, monitor, newId, paying, reset, step, touch]);

  const complete = async (paid: SaleDoc) => {
    const done = completeSale(paid, Date.now());
    if (!done.ok) {
      // Paid but not completable: the shopper must not walk off thinking it is done; an attendant comes.
      setStep('shopping');
      setPrompt({ kind: 'notice', key: 'kiosk.cannotComplete', reason: done.reason });
      raise({
        alertId: newId(),
        kind: 'help',
        lineId: '',
        productId: '',
        productName: '',
        facts: { reason: done.reason },
      });
      return;
    }
    await lane.db.sales.upsert(done.value);
    lane.sync.wrote('sales', done.value.id);
    setSale(done.value);
    monitor.end();
    setStep('receipt');
  };

  const attendants = attendantsOf(catalog.employees);
  const lock: KioskLock | undefined =
    open[0] ??
    (bagging.locked && bagging.mustRestore
      ? { kind: bagging.locked.kind, productName: nameOf(bagging.locked.lineId), facts: {}, restore: true }
      : undefined);
  const canPay =
    (sale?.lines.some((l) => !l.voided) ?? false) &&
    bagging.waitingFor === undefined &&
    bagging.locked === undefined;

  if (lock && step !== 'receipt' && step !== 'thanks') {
    return (
      <LockedScreen
        key={lock.alertId ?? 'restore'}
        lock={lock}
        f={f}
        attendants={attendants}
        placeItem={
          bagging.waitingFor && !bagging.locked && !bagging.waitingFor.removal
            ? nameOf(bagging.waitingFor.lineId)
            : undefined
        }
        onAnswer={async (employeeId, pin, decision) => {
          if (!lock.alertId) return { ok: true };
          const r = await alerts.resolve(lock.alertId, { employeeId, pin, decision });
          if (r.ok) {
            answered(r.value);
            return { ok: true };
          }
          return { ok: false, failure: r.failure ?? { code: r.reason } };
        }}
      />
    );
  }
  return (
    <>
      {step === 'welcome' && (
        <WelcomeScreen
          onStart={() => void begin()}
          areaClear={areaGrams <= monitor.policy.emptyBagMaxGrams * monitor.policy.maxBags}
        />
      )}
      {step === 'shopping' && sale && (
        <ShoppingScreen
          sale={sale}
          f={f}
          prompt={prompt}
          canPay={canPay}
          onProduce={() => {
            touch();
            setStep('produce');
          }}
          onPay={() => {
            touch();
            setStep('pay');
          }}
          onRemove={(lineId) => {
            const line = sale.lines.find((l) => l.id === lineId);
            raise({
              alertId: newId(),
              kind: 'void',
              lineId,
              productId: line?.productId ?? '',
              productName: line?.description ?? '',
              facts: { gross: line?.gross ?? 0 },
            });
          }}
          onHelp={() =>
            raise({ alertId: newId(), kind: 'help', lineId: '', productId: '', productName: '', facts: {} })
          }
        />
      )}
      {step === 'produce' && (
        <ProduceScreen
          products={catalog.products}
          onBack={() => setStep('shopping')}
          onPick={(product) => {
            touch();
            if (product.unit === 'weight') return setWeighing(product);
            setStep('shopping');
            sell({ product, entry: 'plu', ...(product.plu ? { plu: product.plu } : {}) });
          }}
        />
      )}
      {step === 'pay' && sale && (
        <KioskPayScreen
          sale={sale}
          f={f}
          newId={newId}
          onBusy={setPaying}
          onTendered={(s) => {
            setSale(s);
            void lane.db.sales.upsert(s).then(() => lane.sync.wrote('sales', s.id));
          }}
          onPaid={(s) => void complete(s)}
          onBack={() => setStep('shopping')}
        />
      )}
      {step === 'receipt' && sale && (
        <ReceiptChoiceScreen sale={sale} f={f} onDone={() => setStep('thanks')} />
      )}
      {step === 'thanks' && <ThanksScreen onDone={reset} />}
      {weighing && (
        <div className="kiosk-weigh">
          <WeighDialog
            product={weighing}
            pricePerKg={(() => {
              const price = priceOf(catalog, weighing, Date.now());
              return price.ok ? price.value.unitPrice : undefined;
            })()}
            f={f}
            onCancel={() => setWeighing(undefined)}
            onWeighed={(grams) => {
              const product = weighing;
              setWeighing(undefined);
              setStep('shopping');
              sell({
                product,
                entry: 'weighed',
                weightGrams: grams,
                ...(product.plu ? { plu: product.plu } : {}),
              });
            }}
          />
        </div>
      )}
      {stillThere && <StillThereDialog onStay={touch} />}
    </>
  );
}
