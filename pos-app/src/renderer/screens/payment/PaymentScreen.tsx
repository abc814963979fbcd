import {
  addTender,
  balanceDue,
  cashBalanceDue,
  formatDecimalAmount,
  type ParsedBarcode,
  parseDecimalAmount,
  type SaleDoc,
  type TenderKind,
} from '@storefloor/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { writeCardReference } from '../../payments/card-reference.js';
import { laneAgentUrl } from '../../payments/lane-agent-url.js';
import {
  chargeByWallet,
  type WalletLaneFailure,
  type WalletProvider,
  walletProviders,
  walletTenderId,
} from '../../payments/wallet-client.js';
import { tenderLabel } from './tender-label.js';

type Translate = ReturnType<typeof useTranslation>['t'];

interface Props {
  sale: SaleDoc;
  newId(): string;
  onChange(sale: SaleDoc): void;
  /** Called once the tenders cover what is due. */
  onPaid(sale: SaleDoc): void;
  onBack(): void;
}

/** What the screen tells the cashier; a function of the translator, so switching language re-renders it. */
interface Shown {
  readonly text: (t: Translate) => string;
  readonly tone: 'info' | 'waiting' | 'alert';
  /** The failure leaves the sale to finish by cash or card (WAN down, no wallets here). */
  readonly offerCashOrCard?: boolean;
}

/** A card tender whose outcome the lane does not know: retried under the same id, or asked about. */
interface UnresolvedCard {
  readonly tenderId: string;
  readonly minor: number;
}

const OFFLINE_WALLET: ReadonlySet<WalletLaneFailure> = new Set([
  'wan-down',
  'agent-unreachable',
  'wallet-not-configured',
]);

/**
 * Tenders, split in any order: cash (change shown after completion, drawer kicked); card through the nexo
 * terminal (the tender id is the terminal's SaleTransactionID, so a retry never charges twice and a lost
 * answer is asked about, never paid again); a WeChat Pay / Alipay payment code scanned here or a face-pay
 * code, charged by the store's edge agent (the tender id is the `out_trade_no`), with "waiting for the
 * shopper" while the shopper confirms; vouchers by number.
 */
export function PaymentScreen({ sale, newId, onChange, onPaid, onBack }: Props) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const ready = useSubject(lane.devices.ready);
  const f = useLaneFormat(catalog);
  const remaining = balanceDue(sale);
  const [amount, setAmount] = useState('');
  const [voucher, setVoucher] = useState('');
  const [shown, setShown] = useState<Shown>();
  const [busy, setBusy] = useState(false);
  const [unresolvedCard, setUnresolvedCard] = useState<UnresolvedCard>();
  // The wallets the store's agent takes: the scan hint and the face-pay buttons only where they work.
  const [wallets, setWallets] = useState<readonly WalletProvider[]>([]);
  const token = lane.identity.token;
  useEffect(() => {
    let live = true;
    void laneAgentUrl()
      .then((baseUrl) => walletProviders({ baseUrl, token }))
      .then((providers) => {
        if (live) setWallets(providers);
      });
    return () => {
      live = false;
    };
  }, [token]);
  // The scan handler outlives renders: it reads the latest sale and state through refs.
  const saleRef = useRef(sale);
  saleRef.current = sale;
  const busyRef = useRef(false);
  busyRef.current = busy;

  const say = (text: (t: Translate) => string, tone: Shown['tone'] = 'info', offerCashOrCard = false) =>
    setShown({ text, tone, offerCashOrCard });
  const defaultFor = (minor: number) => {
    const d = formatDecimalAmount(minor, sale.currency);
    return d.ok ? d.value : '';
  };
  /** The amount typed, or `fallback`; refused when it is more than the balance for a non-cash tender. */
  const amountFor = (fallback: number, capped: boolean): number | undefined => {
    const text = amount.trim();
    const a = text === '' ? { ok: true as const, value: fallback } : parseDecimalAmount(text, sale.currency);
    if (!a.ok) {
      say((t) => t('pay.tenderFailed', { reason: a.reason }), 'alert');
      return undefined;
    }
    if (capped && a.value > balanceDue(saleRef.current)) {
      say((t) => t('pay.tenderFailed', { reason: t('errors.tender-exceeds-balance') }), 'alert');
      return undefined;
    }
    return a.value;
  };
  const apply = (next: SaleDoc) => {
    setAmount('');
    saleRef.current = next;
    onChange(next);
    if (next.totals.paid >= next.totals.due && balanceDue(next) === 0) onPaid(next);
    else if (next.tenders.some((x) => x.kind === 'cash') && cashBalanceDue(next) === 0) onPaid(next);
  };
  const tender = (id: string, kind: TenderKind, minor: number, reference?: string): boolean => {
    const r = addTender(saleRef.current, {
      id,
      kind,
      amount: minor,
      ...(reference === undefined ? {} : { reference }),
    });
    if (!r.ok) {
      say(
        (t) => t('pay.tenderFailed', { reason: t(`errors.${r.reason}`, { defaultValue: r.reason }) }),
        'alert',
      );
      return false;
    }
    apply(r.value);
    return true;
  };

  const cash = () => {
    const minor = amountFor(cashBalanceDue(sale), false);
    if (minor !== undefined && tender(newId(), 'cash', minor)) setShown(undefined);
  };

  const voucherTender = () => {
    const number = voucher.trim();
    if (!/^[0-9A-Za-z-]{4,32}$/.test(number)) return say((t) => t('payments.voucherNeedsNumber'), 'alert');
    const minor = amountFor(remaining, true);
    if (minor === undefined) return;
    if (tender(newId(), 'voucher', minor, number)) {
      setVoucher('');
      say((t) => t('payments.voucherTaken', { number }));
    }
  };

  const card = async () => {
    // A card tender left unresolved is tried again under its own id: the terminal never charges it twice.
    const pending = unresolvedCard;
    const minor = pending?.minor ?? amountFor(remaining, true);
    if (minor === undefined) return;
    const tenderId = pending?.tenderId ?? newId();
    setBusy(true);
    say((t) => t('pay.cardWaiting'), 'waiting');
    const paid = await lane.devices.invoke(
      'terminal',
      'payment-terminal.purchase',
      { requestId: tenderId, minor, currency: sale.currency },
      180_000,
    );
    setBusy(false);
    if (!paid.ok) {
      if (paid.reason === 'timeout' || paid.reason === 'host-timeout') {
        setUnresolvedCard({ tenderId, minor });
        return say((t) => t('payments.cardUnresolved'), 'alert');
      }
      setUnresolvedCard(undefined);
      const reason = paid.detail ?? paid.reason;
      return say(
        (t) =>
          paid.reason === 'declined'
            ? t('pay.declined', { reason })
            : t('pay.cardFailed', { reason: t(`errors.${paid.reason}`, { defaultValue: reason }) }),
        'alert',
      );
    }
    setUnresolvedCard(undefined);
    const approved = paid.value as {
      authCode: string;
      transactionId?: string;
      timeStamp?: string;
      minor: number;
    };
    // The tender keeps the terminal's POI transaction beside the code: a return at any lane refunds by it.
    if (tender(tenderId, 'card', approved.minor, writeCardReference(approved)))
      say((t) => t('pay.cardApproved', { code: approved.authCode }));
  };

  /** Asks the terminal what became of the unresolved card tender (nexo TransactionStatus). */
  const checkCard = async () => {
    if (!unresolvedCard) return;
    setBusy(true);
    const status = await lane.devices.invoke(
      'terminal',
      'payment-terminal.status',
      { requestId: unresolvedCard.tenderId },
      60_000,
    );
    setBusy(false);
    if (!status.ok) return say((t) => t('payments.cardUnresolved'), 'alert');
    const result = status.value as {
      outcome: string;
      authCode?: string;
      transactionId?: string;
      timeStamp?: string;
      amount?: { minor: number };
    };
    if (result.outcome === 'approved') {
      const { tenderId, minor } = unresolvedCard;
      setUnresolvedCard(undefined);
      if (tender(tenderId, 'card', result.amount?.minor ?? minor, writeCardReference(result)))
        say((t) => t('pay.cardApproved', { code: result.authCode ?? '' }));
      return;
    }
    if (result.outcome === 'in-progress') return say((t) => t('payments.cardInProgress'), 'waiting');
    setUnresolvedCard(undefined);
    say((t) => t('payments.cardNotCharged'), 'alert');
  };

  const walletFailed = (reason: WalletLaneFailure, detail: string | undefined) =>
    say(
      (t) =>
        t(`payments.failed.${reason}`, {
          detail: detail ?? reason,
          defaultValue: t('payments.failed.unknown', { detail: detail ?? reason }),
        }),
      'alert',
      OFFLINE_WALLET.has(reason),
    );

  /** Charges a wallet code (scanned, or from the face-pay device) through the edge agent. */
  const chargeWallet = async (
    provider: WalletProvider,
    code: string,
    source: 'payment-code' | 'face',
    tenderId: string,
    minor: number,
  ) => {
    setBusy(true);
    say((t) => t('payments.walletSending', { provider: t(`payments.providers.${provider}`) }), 'waiting');
    const paid = await chargeByWallet(
      { baseUrl: await laneAgentUrl(), token: lane.identity.token },
      {
        tenderId,
        provider,
        code,
        source,
        amount: { minor, currency: saleRef.current.currency },
        subject: `Storefloor ${saleRef.current.storeId}`,
      },
      { onWaiting: () => say((t) => t('payments.waitingForShopper'), 'waiting') },
    );
    setBusy(false);
    if (!paid.ok) return walletFailed(paid.reason, paid.detail);
    const { providerTradeNo } = paid.value;
    if (tender(tenderId, 'wallet', paid.value.amount.minor, `${provider}:${providerTradeNo}`))
      say((t) =>
        t('payments.walletPaid', { provider: t(`payments.providers.${provider}`), trade: providerTradeNo }),
      );
  };

  // A scan reaches the handler registered once; it calls the latest render's closure.
  const onScanned = useRef<(barcode: ParsedBarcode) => void>(() => undefined);
  onScanned.current = (barcode) => {
    if (busyRef.current) return;
    if (barcode.kind !== 'payment-code')
      return say((t) => t('payments.notAPaymentCode', { code: barcode.data }), 'alert');
    const minor = amountFor(balanceDue(saleRef.current), true);
    if (minor === undefined) return;
    void chargeWallet(barcode.provider, barcode.data, 'payment-code', walletTenderId(newId()), minor);
  };

  const onUnreadable = useRef<(code: string, reason: string) => void>(() => undefined);
  onUnreadable.current = (code, reason) => say((t) => t('sale.unreadable', { code, reason }), 'alert');

  useEffect(
    () =>
      lane.devices.on({
        onScan: (payload) => {
          const barcode = (payload as { barcode?: ParsedBarcode }).barcode;
          if (barcode) onScanned.current(barcode);
        },
        onScanError: (e) => onUnreadable.current(e.detail ?? '', e.reason),
      }),
    [lane],
  );

  const facePay = async (provider: WalletProvider) => {
    const minor = amountFor(remaining, true);
    if (minor === undefined) return;
    const tenderId = walletTenderId(newId());
    setBusy(true);
    say((t) => t('payments.faceLooking'), 'waiting');
    const code = await lane.devices.invoke(
      'face-pay',
      'face-pay.code',
      { provider, tenderId, minor, currency: sale.currency },
      90_000,
    );
    setBusy(false);
    if (!code.ok)
      return say(
        (t) =>
          t(`payments.faceFailed.${code.reason}`, {
            defaultValue: t('payments.faceFailed.other', { reason: code.detail ?? code.reason }),
          }),
        'alert',
      );
    await chargeWallet(provider, (code.value as { faceCode: string }).faceCode, 'face', tenderId, minor);
  };

  const message = shown && { text: shown.text(t), tone: shown.tone, offer: shown.offerCashOrCard };
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
          <li key={x.id} data-testid="tender">
            {tenderLabel(t, x)} {f.money(x.amount)}
          </li>
        ))}
      </ul>
      {wallets.length > 0 && <p className="hint">{t('payments.scanHint')}</p>}
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
          {unresolvedCard ? t('payments.cardRetry') : t('pay.card')}
        </button>
        {unresolvedCard && (
          <button type="button" disabled={busy} onClick={() => void checkCard()}>
            {t('payments.cardCheck')}
          </button>
        )}
        {ready.has('face-pay') && wallets.includes('wechat-pay') && (
          <button type="button" disabled={busy} onClick={() => void facePay('wechat-pay')}>
            {t('payments.faceWechat')}
          </button>
        )}
        {ready.has('face-pay') && wallets.includes('alipay') && (
          <button type="button" disabled={busy} onClick={() => void facePay('alipay')}>
            {t('payments.faceAlipay')}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          disabled={busy || sale.tenders.length > 0 || unresolvedCard !== undefined}
          onClick={onBack}
        >
          {t('pay.back')}
        </button>
      </div>
      <div className="actions voucher">
        <label>
          {t('payments.voucherNumber')}
          <input
            value={voucher}
            onChange={(e) => setVoucher(e.target.value)}
            aria-label={t('payments.voucherNumber')}
          />
        </label>
        <button type="button" disabled={busy} onClick={voucherTender}>
          {t('payments.voucher')}
        </button>
      </div>
      {message && (
        <p
          role={message.tone === 'alert' ? 'alert' : 'status'}
          className={message.tone === 'alert' ? 'error' : message.tone === 'waiting' ? 'waiting' : ''}
          data-testid="pay-message"
        >
          {message.text}
          {message.offer && <> {t('payments.offerCashOrCard')}</>}
        </p>
      )}
    </main>
  );
}
