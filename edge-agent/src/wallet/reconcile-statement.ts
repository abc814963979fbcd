import type { WalletProvider } from './wallet-payment.js';
import type { StatementLine } from './wallet-statement.js';

/** A wallet tender (or the refund of one) as the store recorded it. */
export interface StoreWalletMovement {
  readonly provider: WalletProvider;
  readonly kind: 'payment' | 'refund';
  readonly tenderId: string;
  readonly refundId?: string;
  readonly minor: number;
}

export interface ReconciliationReport {
  readonly matched: number;
  /** In the store's books, not on the provider's statement. */
  readonly missing: readonly StoreWalletMovement[];
  /** On the statement, not in the store's books (or on it twice). */
  readonly extra: readonly StatementLine[];
  readonly amountDiffers: readonly {
    readonly store: StoreWalletMovement;
    readonly statement: StatementLine;
  }[];
}

const keyOf = (m: { provider: string; kind: string; tenderId: string; refundId?: string | undefined }) =>
  `${m.provider}\u0000${m.kind}\u0000${m.tenderId}\u0000${m.kind === 'refund' ? (m.refundId ?? '') : ''}`;

/**
 * The provider's daily statement against the store's wallet movements of the same day: each movement is
 * matched by provider, kind, tender id (out_trade_no) and refund id; what is left over on either side, and
 * matches whose amounts differ, are reported. Pure.
 */
export function reconcileStatement(
  store: readonly StoreWalletMovement[],
  statement: readonly StatementLine[],
): ReconciliationReport {
  const lines = new Map<string, StatementLine[]>();
  for (const line of statement) {
    const k = keyOf(line);
    lines.set(k, [...(lines.get(k) ?? []), line]);
  }
  let matched = 0;
  const missing: StoreWalletMovement[] = [];
  const amountDiffers: { store: StoreWalletMovement; statement: StatementLine }[] = [];
  for (const movement of store) {
    const candidates = lines.get(keyOf(movement));
    const line = candidates?.shift();
    if (!line) missing.push(movement);
    else if (line.minor !== movement.minor) amountDiffers.push({ store: movement, statement: line });
    else matched++;
  }
  const extra = [...lines.values()].flat();
  return { matched, missing, extra, amountDiffers };
}
