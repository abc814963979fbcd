import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enroll, type LaneIdentity } from '../../data/lane-identity.js';

/** First start of a new lane: the enrollment code from HQ turns into the lane's device token. */
export function EnrollScreen({
  upstreamUrl,
  onEnrolled,
}: {
  upstreamUrl: string;
  onEnrolled(identity: LaneIdentity): void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const result = await enroll(upstreamUrl, code, 'lane');
    setBusy(false);
    if (result.ok) onEnrolled(result.identity);
    else
      setError(t('enroll.failed', { reason: t(`errors.${result.reason}`, { defaultValue: result.reason }) }));
  };
  return (
    <main className="panel narrow">
      <h1>{t('enroll.title')}</h1>
      <p>{t('enroll.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('enroll.code')}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
            autoFocus
            aria-label={t('enroll.code')}
          />
        </label>
        <button type="submit" disabled={busy || code.trim() === ''}>
          {t('enroll.submit')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </main>
  );
}
