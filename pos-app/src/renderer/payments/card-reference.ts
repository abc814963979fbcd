/**
 * What a card tender's `reference` keeps (core's SaleDoc has one string, at most 200 characters): the
 * terminal's POI transaction, which a referenced refund at any lane names (nexo OriginalPOITransaction:
 * TransactionID and TimeStamp), and the approval code shown to the cashier and printed.
 *
 *   nexo:<TransactionID>@<TimeStamp>;auth:<ApprovalCode>
 *   nexo:oLkO001503399575001.9815033996072250@2017-07-03T07:45:44.000Z;auth:123456
 *
 * The TimeStamp (ISO 8601) holds neither `@` nor `;`, so it is read from the last `@` of the transaction
 * part; the approval code follows the last `;auth:`. A reference written before this form (the approval
 * code alone) still reads, as an approval code with no transaction: such a payment is refunded only at
 * the terminal that took it.
 */
export interface CardReference {
  readonly authCode: string;
  readonly transaction?: { readonly transactionId: string; readonly timeStamp: string };
}

/** core's `reference` schema: a string of at most 200 characters. */
const MAX_REFERENCE = 200;
const PREFIX = 'nexo:';
const AUTH = ';auth:';

/**
 * The reference to keep on a card tender. Past 200 characters the approval code is left out before the
 * transaction (the refund needs the transaction; the code is on the terminal's slip), and a transaction
 * too long to keep leaves the approval code alone. Undefined when there is nothing to keep.
 */
export function writeCardReference(approval: {
  readonly authCode?: string;
  readonly transactionId?: string;
  readonly timeStamp?: string;
}): string | undefined {
  const auth = approval.authCode ?? '';
  const { transactionId, timeStamp } = approval;
  const nexo =
    transactionId && timeStamp && !transactionId.includes(AUTH)
      ? `${PREFIX}${transactionId}@${timeStamp}`
      : undefined;
  const candidates = [nexo && auth ? `${nexo}${AUTH}${auth}` : undefined, nexo, auth || undefined];
  return candidates.find((c) => c !== undefined && c.length <= MAX_REFERENCE);
}

/** Reads a card tender's reference, either form. Total: an unreadable `nexo:` part is no transaction. */
export function readCardReference(reference: string | undefined): CardReference {
  if (!reference) return { authCode: '' };
  if (!reference.startsWith(PREFIX)) return { authCode: reference };
  const rest = reference.slice(PREFIX.length);
  const cut = rest.lastIndexOf(AUTH);
  const authCode = cut < 0 ? '' : rest.slice(cut + AUTH.length);
  const poi = cut < 0 ? rest : rest.slice(0, cut);
  const at = poi.lastIndexOf('@');
  const transactionId = poi.slice(0, Math.max(at, 0));
  const timeStamp = at < 0 ? '' : poi.slice(at + 1);
  if (transactionId === '' || !Number.isFinite(Date.parse(timeStamp))) return { authCode };
  return { authCode, transaction: { transactionId, timeStamp } };
}
