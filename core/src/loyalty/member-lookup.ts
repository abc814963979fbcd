import { err, ok, type Result } from '../result.js';
import type { MemberDoc } from '../schemas/members.js';
import { maskPhone } from './mask-phone.js';

export type MemberLookupError =
  | 'unknown-member'
  | 'member-inactive'
  | 'ambiguous-phone'
  | 'not-a-member-code';

/** The digits of a phone number, without a leading country code marker or separators. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** What a member QR code (the member app's code) carries: `member:<card number>`, or the card number alone. */
export function memberCardOfQr(data: string): string | undefined {
  const m = /^(?:member|storefloor-member):([A-Za-z0-9-]{4,64})$/i.exec(data.trim());
  return m ? m[1] : undefined;
}

function pick(members: readonly MemberDoc[], detail: string): Result<MemberDoc, MemberLookupError> {
  if (members.length === 0) return err('unknown-member', detail);
  const active = members.filter((m) => m.active);
  if (active.length === 0) return err('member-inactive', `${detail}: the membership is not active`);
  if (active.length > 1) return err('ambiguous-phone', `${detail}: ${active.length} members share it`);
  return ok(active[0]!);
}

/** The member a scanned card (or member QR) names. */
export function memberByCard(
  members: readonly MemberDoc[],
  card: string,
): Result<MemberDoc, MemberLookupError> {
  const number = memberCardOfQr(card) ?? card.trim();
  return pick(
    members.filter((m) => m.cardNumber === number),
    `card ${number}`,
  );
}

/**
 * The member a keyed phone number names, compared by digits; a number given without its country code
 * matches one stored with it when the last digits agree (at least 7). Two active members on one number are
 * 'ambiguous-phone': the cashier asks for the card.
 */
export function memberByPhone(
  members: readonly MemberDoc[],
  phone: string,
): Result<MemberDoc, MemberLookupError> {
  const keyed = phoneDigits(phone);
  if (keyed.length < 7) return err('unknown-member', 'a phone number has at least 7 digits');
  return pick(
    members.filter((m) => {
      const stored = phoneDigits(m.phone);
      return stored !== '' && (stored === keyed || stored.endsWith(keyed) || keyed.endsWith(stored));
    }),
    `phone ${maskPhone(keyed)}`,
  );
}
