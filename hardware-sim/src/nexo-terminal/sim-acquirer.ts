// The acquirer behind the simulated terminals. In Adyen's Terminal API a referenced refund is a
// ReversalRequest naming the original payment's POITransactionID ("Refund a payment", referenced): the
// acquirer holds the original, not the terminal, so any terminal of the merchant can reverse a payment
// another terminal took, up to what is left of it. The terminals of one simulator share one SimAcquirer.

/** Money a terminal moved: a charge, and what of it was reversed since (at any terminal). */
export interface NexoCharge {
  /** POIData.POITransactionID of the PaymentResponse. */
  readonly poiTransactionId: string;
  readonly poiTimeStamp: string;
  readonly saleTransactionId: string;
  readonly serviceId: string;
  /** The simulated terminal (its device id) that took the payment. */
  readonly terminalId: string;
  readonly minor: number;
  readonly currency: string;
  reversedMinor: number;
}

/** One reversal the acquirer accepted, and the terminal that sent it. */
export interface NexoReversal {
  readonly poiTransactionId: string;
  readonly poiTimeStamp: string;
  readonly originalPoiTransactionId: string;
  readonly saleTransactionId?: string;
  readonly serviceId: string;
  readonly terminalId: string;
  readonly minor: number;
  readonly currency: string;
}

/** Why the acquirer refuses a reversal: nexo ErrorCondition NotFound, or Refusal for the amount. */
export type ReversalRefusal =
  | { readonly condition: 'NotFound'; readonly message: string }
  | { readonly condition: 'Refusal'; readonly message: string };

export interface ReversalAsk {
  readonly originalPoiTransactionId: string;
  /** The original's POITransactionID.TimeStamp as the request names it. */
  readonly originalTimeStamp: string;
  /** Minor units to reverse; undefined reverses what is left ("ReversedAmount is implicitly the AuthorizedAmount"). */
  readonly minor: number | undefined;
  readonly saleTransactionId?: string;
  readonly serviceId: string;
  readonly terminalId: string;
}

const sameInstant = (a: string, b: string) => {
  const x = Date.parse(a);
  return Number.isFinite(x) && x === Date.parse(b);
};

export class SimAcquirer {
  readonly #charges: NexoCharge[] = [];
  readonly #reversals: NexoReversal[] = [];
  #nextReversal = 1;

  record(charge: Omit<NexoCharge, 'reversedMinor'>): NexoCharge {
    const kept: NexoCharge = { ...charge, reversedMinor: 0 };
    this.#charges.push(kept);
    return kept;
  }

  charges(): readonly NexoCharge[] {
    return this.#charges;
  }

  reversals(): readonly NexoReversal[] {
    return this.#reversals;
  }

  /**
   * Reverses part or all of a charge. The original is found by its POITransactionID, both parts as the
   * payment response gave them (a TimeStamp the lane made up does not name the payment); an amount of
   * zero, or above what earlier reversals at any terminal left, is refused and moves nothing.
   */
  reverse(ask: ReversalAsk): { ok: true; reversal: NexoReversal } | { ok: false; refusal: ReversalRefusal } {
    const charge = this.#charges.find(
      (c) =>
        c.poiTransactionId === ask.originalPoiTransactionId &&
        sameInstant(c.poiTimeStamp, ask.originalTimeStamp),
    );
    if (!charge)
      return { ok: false, refusal: { condition: 'NotFound', message: 'Original transaction not found' } };
    const left = charge.minor - charge.reversedMinor;
    const minor = ask.minor ?? left;
    if (!Number.isSafeInteger(minor) || minor <= 0 || minor > left)
      return {
        ok: false,
        refusal: { condition: 'Refusal', message: 'Amount exceeds what is left to refund' },
      };
    charge.reversedMinor += minor;
    const reversal: NexoReversal = {
      poiTransactionId: `${charge.poiTransactionId}.r${this.#nextReversal++}`,
      poiTimeStamp: new Date().toISOString(),
      originalPoiTransactionId: charge.poiTransactionId,
      ...(ask.saleTransactionId ? { saleTransactionId: ask.saleTransactionId } : {}),
      serviceId: ask.serviceId,
      terminalId: ask.terminalId,
      minor,
      currency: charge.currency,
    };
    this.#reversals.push(reversal);
    return { ok: true, reversal };
  }

  /** The currency of the original, so the terminal can read ReversedAmount (it carries none of its own). */
  currencyOf(poiTransactionId: string): string | undefined {
    return this.#charges.find((c) => c.poiTransactionId === poiTransactionId)?.currency;
  }
}
