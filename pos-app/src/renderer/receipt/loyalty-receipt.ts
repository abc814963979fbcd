import { type MemberDoc, maskPhone, pointsFor, type SaleDoc } from '@storefloor/core';
import type { ReceiptBlock } from './receipt-layout.js';

export interface LoyaltyReceiptText {
  member: string;
  coupon: string;
  pointsEarned: string;
  pointsBalance: string;
}

/**
 * The receipt's loyalty block: the member (name and masked phone, never the full number), each coupon
 * presented, the points this sale earned (a return: took back) and the balance the ledger gives after it.
 */
export function loyaltyReceiptBlocks(
  sale: SaleDoc,
  member: MemberDoc | undefined,
  balance: number | undefined,
  text: LoyaltyReceiptText,
): ReceiptBlock[] {
  const W = 48;
  const row = (left: string, right: string): ReceiptBlock => ({
    kind: 'columns',
    columns: [
      { text: left, width: W - 16 },
      { text: right, width: 16, align: 'right' },
    ],
  });
  const blocks: ReceiptBlock[] = [{ kind: 'rule' }];
  for (const c of sale.coupons ?? []) blocks.push(row(text.coupon, c.code));
  if (member) {
    const phone = member.phone === '' ? '' : ` ${maskPhone(member.phone)}`;
    blocks.push({ kind: 'text', text: `${text.member}: ${member.name}${phone}` });
    blocks.push(row(text.pointsEarned, String(pointsFor(sale))));
    if (balance !== undefined) blocks.push(row(text.pointsBalance, String(balance)));
  }
  return blocks.length > 1 ? blocks : [];
}
