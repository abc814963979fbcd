import {
  applyCoupon,
  identifyMember,
  localClock,
  type MemberDoc,
  maskPhone,
  memberByCard,
  type SaleDoc,
} from '@storefloor/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useSubject } from '../../app/use-observable.js';
import { couponLedger, couponsOnWaitingBaskets } from '../../sale/lane-loyalty.js';
import { pricingEnvAt } from '../../sale/pricing-env.js';
import { CouponDialog } from '../coupon/CouponDialog.js';
import { MemberBadge } from './MemberBadge.js';
import { MemberDialog } from './MemberDialog.js';

/** What the sale screen's side panel and scan handler need from members and coupons. */
export interface SaleLoyalty {
  /** A member card (or member QR carrying the card number) scanned. */
  identifyByCard(card: string): void;
  /** A coupon code scanned; the answer is the refusal reason, if any. */
  applyCode(code: string): Promise<string | undefined>;
  /** Badge, coupon list, Member (Shift+F4) and Coupon (Shift+F6) buttons, and their dialogs. */
  readonly panel: ReactNode;
}

/**
 * Members and coupons on the open sale, all money through core: `identifyMember` (member prices and
 * member-only promotions), `applyCoupon` (the coupon's promotion; refused when the ledger says it was
 * used). `notify` shows a line of text on the sale screen.
 */
export function useSaleLoyalty(
  sale: SaleDoc,
  onChange: (sale: SaleDoc) => void,
  notify: (text: string) => void,
): SaleLoyalty {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const [dialog, setDialog] = useState<'member' | 'coupon'>();
  const saleRef = useRef(sale);
  saleRef.current = sale;

  const identify = (member: MemberDoc) => {
    const r = identifyMember(saleRef.current, member.id, pricingEnvAt(catalog, Date.now(), saleRef.current));
    if (!r.ok) return notify(t(`loyaltyErrors.${r.reason}`, { defaultValue: r.reason }));
    setDialog(undefined);
    onChange(r.value);
    notify(t('member.identified', { name: member.name, phone: maskPhone(member.phone) }));
  };

  const identifyByCard = (card: string) => {
    const found = memberByCard(catalog.members, card);
    if (found.ok) identify(found.value);
    else notify(t(`loyaltyErrors.${found.reason}`, { defaultValue: found.reason }));
  };

  const applyCode = async (code: string): Promise<string | undefined> => {
    const now = Date.now();
    const clock = localClock(now, catalog.store?.timeZone ?? 'UTC');
    const r = applyCoupon(saleRef.current, code, {
      instant: now,
      weekday: clock.weekday,
      minuteOfDay: clock.minuteOfDay,
      promotions: catalog.promotionDocs,
      ledger: await couponLedger(lane.db, code.trim()),
      heldElsewhere: await couponsOnWaitingBaskets(lane.db, saleRef.current.resumesSaleId),
    });
    if (!r.ok) return r.reason;
    setDialog(undefined);
    onChange(r.value);
    const promotion = catalog.promotionDocs.find((p) => p.id === r.value.coupons?.at(-1)?.promotionId);
    notify(t('coupon.applied', { code: code.trim(), label: promotion?.receiptText ?? '' }));
    return undefined;
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Shift + F4 / F6: the plain F-keys are the supervisor's (SupervisorKeys).
      if (e.shiftKey && (e.key === 'F4' || e.key === 'F6')) {
        e.preventDefault();
        setDialog(e.key === 'F4' ? 'member' : 'coupon');
      } else if (e.key === 'Escape') setDialog(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const member = sale.memberId ? catalog.members.find((m) => m.id === sale.memberId) : undefined;
  const panel = (
    <>
      {member && <MemberBadge member={member} />}
      {(sale.coupons ?? []).length > 0 && (
        <p className="coupons" data-testid="sale-coupons">
          {t('coupon.onSale')}: {(sale.coupons ?? []).map((c) => c.code).join(', ')}
        </p>
      )}
      <div className="loyalty-actions">
        <button type="button" className="secondary" onClick={() => setDialog('member')}>
          {t('member.open')} (⇧F4)
        </button>
        <button type="button" className="secondary" onClick={() => setDialog('coupon')}>
          {t('coupon.open')} (⇧F6)
        </button>
      </div>
      {dialog === 'member' && (
        <MemberDialog
          members={catalog.members}
          onIdentified={identify}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'coupon' && <CouponDialog onApply={applyCode} onClose={() => setDialog(undefined)} />}
    </>
  );
  return { identifyByCard, applyCode, panel };
}
