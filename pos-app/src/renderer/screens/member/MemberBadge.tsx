import { type MemberDoc, maskPhone } from '@storefloor/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { memberPoints } from '../../sale/lane-loyalty.js';

/**
 * The identified member on the sale screen: name, phone masked (138****1234, never the full number) and
 * the points balance derived from the loyalty ledger, kept current as entries replicate in.
 */
export function MemberBadge({ member }: { member: MemberDoc }) {
  const { t } = useTranslation();
  const lane = useLane();
  const [points, setPoints] = useState<number>();
  useEffect(() => {
    const sub = lane.db.loyalty_entries.find({ selector: { memberId: member.id } }).$.subscribe(() => {
      void memberPoints(lane.db, member.id).then(setPoints);
    });
    return () => sub.unsubscribe();
  }, [lane, member.id]);
  return (
    <section className="member-badge" data-testid="member-badge" aria-label={t('member.badge')}>
      <strong data-testid="member-name">{member.name}</strong>
      {member.phone !== '' && <span data-testid="member-phone">{maskPhone(member.phone)}</span>}
      <span data-testid="member-points">
        {points === undefined ? '…' : t('member.points', { points: points.toLocaleString() })}
      </span>
    </section>
  );
}
