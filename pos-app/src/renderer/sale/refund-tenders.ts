import { addTender, err, ok, type RefundPart, type Result, type SaleDoc } from '@storefloor/core';
import type { JsonValue } from '@storefloor/device-drivers/renderer';
import type { LaneServices } from '../app/lane-services.js';
import { readCardReference, writeCardReference } from '../payments/card-reference.js';
import type { RefundToWallet } from './refund-to-wallet.js';

/** What moving money back needs from the lane: its terminal, the agent's wallet route, ids and the replica. */
export interface RefundTenderDeps {
  readonly walletRefund: RefundToWallet;
  /** The lane host's `payment-terminal.refund` (LaneDevices.invoke on the terminal). */
  refundCard(args: Record<string, unknown>): Promise<Result<unknown>>;
  newId(): string;
  /** Keeps the open return on the replica once money has moved, so a crash now loses nothing. */
  save(doc: SaleDoc): Promise<void>;
  /** Told before the card terminal is asked (the shopper taps or inserts the card). */
  onCardRefunding?(): void;
}

/** The lane's own: its terminal (two minutes for the shopper's card), the agent's wallet route, its replica. */
export function laneRefundDeps(
  lane: LaneServices,
  walletRefund: RefundToWallet,
  newId: () => string,
  onCardRefunding?: () => void,
): RefundTenderDeps {
  return {
    walletRefund,
    refundCard: (args) =>
      lane.devices.invoke('terminal', 'payment-terminal.refund', args as JsonValue, 120_000),
    newId,
    save: async (open) => {
      await lane.db.sales.upsert(open);
      lane.sync.wrote('sales', open.id);
    },
    ...(onCardRefunding ? { onCardRefunding } : {}),
  };
}

/**
 * Gives back the non-cash parts of a refund plan (core's `planRefund`) on an open return, each to the tender
 * kind it came from, and adds a tender for each: wallet parts through the agent first (one that cannot be
 * refunded stops the return before any money moves), then cards through this lane's terminal by the
 * original's POI transaction (so a card another lane's terminal took is refunded here), then vouchers.
 * Cash is left to the caller (what is still due, from the drawer). A failure returns the reason and the
 * money already moved stays on the saved return.
 */
export async function refundNonCashParts(
  open: SaleDoc,
  parts: readonly RefundPart[],
  deps: RefundTenderDeps,
): Promise<Result<SaleDoc, string>> {
  let doc = open;
  for (const part of parts.filter((p) => p.kind === 'wallet')) {
    const id = deps.newId();
    const paid = await deps.walletRefund({
      requestId: id,
      originalTenderId: part.originalTenderId,
      ...(part.reference ? { originalReference: part.reference } : {}),
      minor: part.amount,
      currency: doc.currency,
    });
    if (!paid.ok) return err(paid.reason, paid.detail);
    const r = addTender(doc, { id, kind: 'wallet', amount: part.amount, reference: paid.value.reference });
    if (!r.ok) return r;
    doc = r.value;
  }
  for (const part of parts.filter((p) => p.kind === 'card' || p.kind === 'voucher')) {
    const id = deps.newId();
    let reference = part.reference;
    if (part.kind === 'card') {
      deps.onCardRefunding?.();
      // An older reference names no POI transaction: then only the terminal that took the payment knows it.
      const original = readCardReference(part.reference).transaction;
      const back = await deps.refundCard({
        requestId: id,
        originalRequestId: part.originalTenderId,
        ...(original ? { originalTransaction: original } : {}),
        minor: part.amount,
        currency: doc.currency,
      });
      if (!back.ok) return err(back.reason, back.detail);
      reference = writeCardReference(
        back.value as { authCode?: string; transactionId?: string; timeStamp?: string },
      );
    }
    const r = addTender(doc, {
      id,
      kind: part.kind,
      amount: part.amount,
      ...(reference ? { reference } : {}),
    });
    if (!r.ok) return r;
    doc = r.value;
    await deps.save(doc);
  }
  return ok(doc);
}
