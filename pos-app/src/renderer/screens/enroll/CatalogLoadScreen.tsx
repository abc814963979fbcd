import { useTranslation } from 'react-i18next';
import type { LoadProgress } from '../../data/lane-replication.js';

/** The first catalog pull, with a progress bar (collections pulled of all, records received). */
export function CatalogLoadScreen({ progress }: { progress: LoadProgress }) {
  const { t } = useTranslation();
  const total = Math.max(1, progress.collectionsTotal);
  return (
    <main className="panel narrow">
      <h1>{t('enroll.loading')}</h1>
      <progress max={total} value={progress.collectionsDone} aria-label={t('enroll.loading')} />
      <p>
        {t('enroll.progress', {
          done: progress.collectionsDone,
          total: progress.collectionsTotal,
          documents: progress.documents,
        })}
      </p>
    </main>
  );
}
