import type { ProductDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** An unknown code or a name typed: search the catalog by name or PLU and pick the product. */
export function LookupDialog({
  code,
  products,
  onPick,
  onClose,
}: {
  code: string;
  products: readonly ProductDoc[];
  onPick(p: ProductDoc): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(/^\d+$/.test(code) ? '' : code);
  const q = query.trim().toLowerCase();
  const found =
    q === '' ? [] : products.filter((p) => p.name.toLowerCase().includes(q) || p.plu === q).slice(0, 12);
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-label={t('sale.lookupTitle', { code })} className="dialog">
        <h2>{t('sale.lookupTitle', { code })}</h2>
        <p>{t('sale.lookupHint')}</p>
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
          autoFocus
          aria-label={t('sale.lookupHint')}
        />
        <ul className="lookup">
          {found.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => onPick(p)}>
                {p.name}
                {p.plu ? ` · PLU ${p.plu}` : ''}
              </button>
            </li>
          ))}
        </ul>
        {q !== '' && found.length === 0 && <p>{t('sale.lookupNone')}</p>}
        <button type="button" className="secondary" onClick={onClose}>
          {t('sale.close')}
        </button>
      </div>
    </div>
  );
}
