import type { ProductDoc } from '@storefloor/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskFrame } from './KioskFrame.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** Products a shopper cannot scan: sold by weight, or carrying no barcode. */
export function withoutBarcode(products: readonly ProductDoc[]): ProductDoc[] {
  return products
    .filter((p) => p.active && (p.unit === 'weight' || p.gtins.length === 0))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A tile's picture: the product's first letter on a colour of its own (the catalog carries no images). */
function hue(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

/** Produce without a barcode: a picture grid by category and a touch search. */
export function ProduceScreen({
  products,
  onPick,
  onBack,
}: {
  products: readonly ProductDoc[];
  onPick(product: ProductDoc): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const all = useMemo(() => withoutBarcode(products), [products]);
  const categories = useMemo(() => [...new Set(all.map((p) => p.categoryId))].sort(), [all]);
  const q = query.trim().toLowerCase();
  const shown = all.filter(
    (p) =>
      (category === undefined || p.categoryId === category) &&
      (q === '' || p.name.toLowerCase().includes(q) || p.plu === q),
  );
  return (
    <KioskFrame title={t('kiosk.produceTitle')}>
      <div className="kiosk-produce">
        <nav className="kiosk-categories" aria-label={t('kiosk.categories')}>
          <button
            type="button"
            aria-pressed={category === undefined}
            className={category === undefined ? 'chosen' : 'secondary'}
            onClick={() => setCategory(undefined)}
          >
            {t('kiosk.allCategories')}
          </button>
          {categories.map((c) => (
            <button
              key={c}
              type="button"
              aria-pressed={category === c}
              className={category === c ? 'chosen' : 'secondary'}
              onClick={() => setCategory(c)}
            >
              {t(`kiosk.category.${c}`, { defaultValue: c })}
            </button>
          ))}
        </nav>
        <div className="kiosk-search">
          <input
            value={query}
            inputMode="none"
            aria-label={t('kiosk.search')}
            placeholder={t('kiosk.search')}
            onChange={(e) => setQuery(e.target.value)}
          />
          <div className="kiosk-letters">
            {LETTERS.map((l) => (
              <button key={l} type="button" className="secondary" onClick={() => setQuery((v) => v + l)}>
                {l}
              </button>
            ))}
            <button type="button" className="secondary" onClick={() => setQuery((v) => v.slice(0, -1))}>
              {t('kiosk.backspace')}
            </button>
          </div>
        </div>
        {shown.length === 0 ? (
          <p className="kiosk-empty">{t('kiosk.noMatch')}</p>
        ) : (
          <ul className="kiosk-tiles">
            {shown.map((p) => (
              <li key={p.id}>
                <button type="button" className="kiosk-tile" onClick={() => onPick(p)}>
                  <span
                    className="kiosk-tile-picture"
                    style={{ background: `hsl(${hue(p.id)} 55% 45%)` }}
                    aria-hidden
                  >
                    {p.name.slice(0, 1)}
                  </span>
                  <span className="kiosk-tile-name">{p.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="secondary kiosk-back" onClick={onBack}>
          {t('kiosk.back')}
        </button>
      </div>
    </KioskFrame>
  );
}
