import { useTranslation } from 'react-i18next';

interface Props {
  /** What went wrong, in the system's words (the error's name and message). */
  readonly detail: string;
  /** The database that would not open. */
  readonly databaseName: string;
  /** This lane's documents (sales, shifts…) recorded here and not yet acknowledged by the store. */
  readonly unsent: number;
  onRetry(): void;
  onNewDatabase(): void;
}

/**
 * The lane could not open its local database at start. Says what happened and what to do, and never deletes
 * anything: continuing on a new database leaves the old one in place for the sales it still holds.
 */
export function StartFailureScreen({ detail, databaseName, unsent, onRetry, onNewDatabase }: Props) {
  const { t } = useTranslation();
  return (
    <main className="panel narrow start-failure" role="alert">
      <h1>{t('startFailure.title')}</h1>
      <p>{t('startFailure.what', { name: databaseName })}</p>
      <p className="detail">
        <code>{detail}</code>
      </p>
      <p className={unsent > 0 ? 'unsent warning' : 'unsent'} data-testid="unsent-count">
        {unsent > 0 ? t('startFailure.unsent', { count: unsent }) : t('startFailure.nothingUnsent')}
      </p>
      <h2>{t('startFailure.todo')}</h2>
      <ol>
        <li>{t('startFailure.step1')}</li>
        <li>{t('startFailure.step2')}</li>
        <li>{t('startFailure.step3')}</li>
      </ol>
      <div className="actions">
        <button type="button" onClick={onRetry}>
          {t('startFailure.retry')}
        </button>
        <button type="button" className="secondary" onClick={onNewDatabase}>
          {t('startFailure.newDatabase')}
        </button>
      </div>
    </main>
  );
}
