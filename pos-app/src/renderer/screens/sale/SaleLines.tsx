import type { SaleDoc } from '@storefloor/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneFormat } from '../../format/lane-format.js';
import { lineDetail } from '../../receipt/receipt-layout.js';

type SaleLine = SaleDoc['lines'][number];

interface LineProps {
  line: SaleLine;
  f: LaneFormat;
  onVoid(lineId: string): void;
  onQuantity(lineId: string, quantity: number): void;
}

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
  if (sale.lines.length === 0) return <p className="empty">{t('sale.empty')}</p>;
  return (
    <ol className="lines" aria-label={t('sale.title')}>
      {sale.lines.map((line) => (
        <SaleLineRow key={line.id} line={line} f={f} onVoid={onVoid} onQuantity={onQuantity} />
      ))}
    </ol>
  );
}

/**
 * One line. Core reprices the whole basket on every scan and hands back new line objects, so a row renders
 * again only when something it shows changed: a 300-line basket then costs one new row per scan, not 300.
 */
const SaleLineRow = memo(function SaleLineRow({ line, f, onVoid, onQuantity }: LineProps) {
  const { t } = useTranslation();
  const perKg = (price: string) => t('sale.perKg', { price });
  return (
    <li className={line.voided ? 'line voided' : 'line'} data-testid="sale-line">
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
  );
}, sameRow);

/** What a row shows: equal here means the row looks the same (the language comes through `t`'s own hook). */
function sameRow(a: LineProps, b: LineProps): boolean {
  if (a.f !== b.f || a.onVoid !== b.onVoid || a.onQuantity !== b.onQuantity) return false;
  const x = a.line;
  const y = b.line;
  if (x === y) return true;
  if (
    x.id !== y.id ||
    x.description !== y.description ||
    x.voided !== y.voided ||
    x.gross !== y.gross ||
    x.unit !== y.unit ||
    x.quantity !== y.quantity ||
    x.weightGrams !== y.weightGrams ||
    x.unitPrice !== y.unitPrice ||
    x.adjustments.length !== y.adjustments.length
  )
    return false;
  return x.adjustments.every((adj, i) => {
    const other = y.adjustments[i]!;
    return (
      adj.label === other.label &&
      adj.amount === other.amount &&
      adj.source === other.source &&
      adj.promotionId === other.promotionId &&
      adj.manualDiscountId === other.manualDiscountId
    );
  });
}
