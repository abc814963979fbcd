import type { MemberDoc } from '@storefloor/core';

/**
 * What a store that is not the member's home store may learn: enough for the cashier to confirm the person
 * ("J., phone ending 4567, gold, 1 250 points") and to attach points to the sale, nothing to contact them.
 */
export interface MaskedMember {
  readonly id: string;
  readonly homeStoreId: string;
  readonly nameInitial: string;
  readonly phoneLast4: string;
  readonly tier: string;
  readonly pointsBalance: number;
}

export function maskMember(
  member: Pick<MemberDoc, 'id' | 'storeId' | 'name' | 'phone' | 'tier'>,
  pointsBalance: number,
): MaskedMember {
  const first = Array.from(member.name.trim())[0];
  const digits = member.phone.replace(/\D/g, '');
  return {
    id: member.id,
    homeStoreId: member.storeId,
    nameInitial: first ? `${first.toLocaleUpperCase()}.` : '',
    phoneLast4: digits.length >= 4 ? digits.slice(-4) : '',
    tier: member.tier,
    pointsBalance,
  };
}
