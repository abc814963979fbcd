import type { SaleDoc } from '@storefloor/core';
import { useTranslation } from 'react-i18next';
import type { LaneFormat } from '../../format/lane-format.js';
import { lineDetail } from '../../receipt/receipt-layout.js';

/** The basket: each line with what it costs and every promotion that took something off it. */
export function SaleLines({
  sale,
  f,
  onVoid,
  onQuantity,
}: {
  sale: SaleDoc;
  f: LaneFormat;
  onVoid(lineId: string): void;
  onQuantity(lineId: string, quantity: number): void;
}) {
  const { t } = useTranslation();
  const perKg = (price: string) => t('sale.perKg', { price });
  if (sale.lines.length === 0) return <p className="empty">{t('sale.empty')}</p>;
  return (
    <ol className="lines" aria-label={t('sale.title')}>
      {sale.lines.map((line) => (
        <li key={line.id} className={line.voided ? 'line voided' : 'line'} data-testid="sale-line">
          <div className="line-main">
            <span className="description">{line.description}</span>
            <span className="amount" data-testid="line-gross">
              {line.voided ? t('sale.voided') : f.money(line.gross)}
            </span>
          </div>
          <div className="line-detail">{lineDetail(line, f, perKg)}</div>
          {line.adjustments.map((a) => (
            <div
              className="adjustment"
              key={`${a.source}-${a.promotionId ?? a.manualDiscountId ?? a.label}`}
              data-testid="line-promotion"
            >
              <span>{a.label}</span>
              <span>-{f.money(a.amount)}</span>
            </div>
          ))}
          {!line.voided && (
            <div className="line-actions">
              {line.unit === 'each' && (
                <label>
                  {t('sale.setQuantity')}
                  <input
                    type="number"
                    min={1}
                    defaultValue={line.quantity}
                    aria-label={`${t('sale.setQuantity')} ${line.description}`}
                    onBlur={(e) => {
                      const q = Number(e.target.value);
                      if (q !== line.quantity) onQuantity(line.id, q);
                    }}
                  />
                </label>
              )}
              <button type="button" className="secondary" onClick={() => onVoid(line.id)}>
                {t('sale.void')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
