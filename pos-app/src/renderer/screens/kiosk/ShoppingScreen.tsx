import type { SaleDoc } from '@storefloor/core';
import { useTranslation } from 'react-i18next';
import type { LaneFormat } from '../../format/lane-format.js';
import { lineDetail } from '../../receipt/receipt-layout.js';
import { KioskFrame } from './KioskFrame.js';

/** What the bagging area tells the shopper now. */
export type BaggingPrompt =
  | { readonly kind: 'scan' }
  | { readonly kind: 'place'; readonly name: string }
  | { readonly kind: 'take-out'; readonly name: string }
  | { readonly kind: 'bagged'; readonly name: string }
  | { readonly kind: 'bag-added' }
  | { readonly kind: 'first-place' }
  | { readonly kind: 'notice'; readonly key: string; readonly reason?: string };

/** Scanning: the basket, what to do with the bagging area now, and the big buttons. */
export function ShoppingScreen({
  sale,
  f,
  prompt,
  canPay,
  onProduce,
  onPay,
  onRemove,
  onHelp,
}: {
  sale: SaleDoc;
  f: LaneFormat;
  prompt: BaggingPrompt;
  canPay: boolean;
  onProduce(): void;
  onPay(): void;
  onRemove(lineId: string): void;
  onHelp(): void;
}) {
  const { t } = useTranslation();
  const perKg = (price: string) => t('sale.perKg', { price });
  const live = sale.lines.filter((l) => !l.voided);
  const promptText = (() => {
    switch (prompt.kind) {
      case 'scan':
        return t('kiosk.scanNext');
      case 'place':
        return t('kiosk.placeItem', { name: prompt.name });
      case 'take-out':
        return t('kiosk.takeOut', { name: prompt.name });
      case 'bagged':
        return t('kiosk.bagged', { name: prompt.name });
      case 'bag-added':
        return t('kiosk.bagAdded');
      case 'first-place':
        return t('kiosk.placeFirst');
      case 'notice':
        return t(prompt.key, {
          reason:
            prompt.reason === undefined ? '' : t(`errors.${prompt.reason}`, { defaultValue: prompt.reason }),
        });
    }
  })();
  return (
    <KioskFrame title={t('kiosk.shoppingTitle')}>
      <div className="kiosk-shopping">
        <section className="kiosk-basket" aria-label={t('kiosk.basket')}>
          {live.length === 0 ? (
            <p className="kiosk-empty">{t('kiosk.emptyBasket')}</p>
          ) : (
            <ol className="kiosk-lines">
              {live.map((line) => (
                <li key={line.id} className="kiosk-line" data-testid="kiosk-line">
                  <span className="kiosk-line-name">{line.description}</span>
                  <span className="kiosk-line-detail">{lineDetail(line, f, perKg)}</span>
                  <span className="kiosk-line-amount">{f.money(line.gross)}</span>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('kiosk.removeItem', { name: line.description })}
                    onClick={() => onRemove(line.id)}
                  >
                    {t('kiosk.remove')}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
        <aside className="kiosk-side">
          <p
            className={`kiosk-prompt kiosk-prompt-${prompt.kind}`}
            role="status"
            data-testid="bagging-prompt"
            data-kind={prompt.kind}
          >
            {promptText}
          </p>
          <dl className="kiosk-total">
            <dt>{t('kiosk.itemCount', { count: live.length })}</dt>
            <dd data-testid="kiosk-total">{f.money(sale.totals.total)}</dd>
          </dl>
          <button type="button" className="kiosk-big" onClick={onProduce}>
            {t('kiosk.noBarcode')}
          </button>
          <button type="button" className="kiosk-primary" disabled={!canPay} onClick={onPay}>
            {t('kiosk.pay')}
          </button>
          <button type="button" className="secondary kiosk-help" onClick={onHelp}>
            {t('kiosk.callHelp')}
          </button>
        </aside>
      </div>
    </KioskFrame>
  );
}
