import { type SaleDoc, suspendedBaskets } from '@storefloor/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { suspendAndResumeSales } from '../../sale/lane-loyalty.js';

/**
 * The store's suspended sales, from every lane (they replicate through the agent or HQ), minus those some
 * sale already resumes (core's `suspendedBaskets`), kept current as the replica changes. Picking one hands
 * the suspended document to the caller, which rings a new sale of this lane with core's `resumeSale`.
 */
export function ResumeScreen({
  onResume,
  onBack,
}: {
  /** Resolves with the refusal reason when core's resumeSale refuses (e.g. 'already-resumed'). */
  onResume(basket: SaleDoc): Promise<string | undefined>;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const [baskets, setBaskets] = useState<SaleDoc[]>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    const sub = lane.db.sales.$.subscribe(() => {
      void suspendAndResumeSales(lane.db).then((all) => setBaskets(suspendedBaskets(all)));
    });
    void suspendAndResumeSales(lane.db).then((all) => setBaskets(suspendedBaskets(all)));
    return () => sub.unsubscribe();
  }, [lane]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
  return (
    <main className="panel">
      <h1>{t('suspend.title')}</h1>
      {baskets !== undefined && baskets.length === 0 && <p className="empty">{t('suspend.none')}</p>}
      <ul className="baskets">
        {(baskets ?? []).map((b) => {
          const live = b.lines.filter((l) => !l.voided);
          return (
            <li key={b.id} data-testid="suspended-basket" className="basket-row">
              <div>
                <div className="description">
                  {t('suspend.basket', {
                    lane: b.deviceId,
                    time: f.dateTime(b.completedAt ?? b.openedAt),
                    count: live.length,
                  })}
                </div>
                <div className="line-detail">{live.map((l) => l.description).join(', ')}</div>
              </div>
              <strong>{f.money(b.totals.total)}</strong>
              <button type="button" onClick={() => void onResume(b).then(setProblem)}>
                {t('suspend.pick')}
              </button>
            </li>
          );
        })}
      </ul>
      {problem && (
        <p role="alert" className="error">
          {t(`loyaltyErrors.${problem}`, { defaultValue: problem })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t('suspend.back')} (Esc)
        </button>
      </div>
    </main>
  );
}
