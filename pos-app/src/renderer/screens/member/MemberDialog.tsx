import { type MemberDoc, memberByCard, memberByPhone, phoneDigits } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Identify a member at the lane: a card number or member QR (scanned into the field or keyed), or the
 * member's phone number. Look-up is core's, on the lane's replica of the store's members (works offline).
 */
export function MemberDialog({
  members,
  onIdentified,
  onClose,
}: {
  members: readonly MemberDoc[];
  onIdentified(member: MemberDoc): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();
  const identify = () => {
    const keyed = value.trim();
    if (keyed === '') return;
    const byCard = memberByCard(members, keyed);
    const found =
      byCard.ok || byCard.reason !== 'unknown-member' || phoneDigits(keyed).length < 7
        ? byCard
        : memberByPhone(members, keyed);
    if (found.ok) onIdentified(found.value);
    else setProblem(found.reason);
  };
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-label={t('member.title')} className="dialog">
        <h2>{t('member.title')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            identify();
          }}
        >
          <label>
            {t('member.input')}
            <input
              value={value}
              inputMode="numeric"
              onChange={(e) => {
                setValue(e.target.value);
                setProblem(undefined);
              }}
              // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
              autoFocus
            />
          </label>
          {problem && (
            <p role="alert" className="error">
              {t(`loyaltyErrors.${problem}`, { defaultValue: problem })}
            </p>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={onClose}>
              {t('member.cancel')}
            </button>
            <button type="submit">{t('member.identify')}</button>
          </div>
        </form>
      </div>
    </div>
  );
}
