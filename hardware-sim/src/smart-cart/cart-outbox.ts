import type { ShopperAction } from './cart-wire.js';

/** A shopper action waiting in the outbox with the `seq` it was given. */
export interface OutboxEntry {
  readonly seq: number;
  readonly action: ShopperAction;
}

/** PROTOCOL.md, Resume step 4: what a receiver does with an arriving `seq`. */
export type Arrival = 'deliver' | 'duplicate' | 'gap';

/**
 * The cart's half of "nothing lost, nothing twice" (device-drivers/src/smart-cart/PROTOCOL.md, Resume):
 * numbers what the cart sends, keeps it until the edge acknowledges it, and tracks the edge's numbers.
 */
export class CartOutbox {
  readonly #waiting: OutboxEntry[] = [];
  #nextSeq = 1;
  #lastFromEdge = 0;

  /** The last edge `seq` received in order (`hello.lastReceivedSeq`, and every `ack` the cart sends). */
  get lastFromEdge(): number {
    return this.#lastFromEdge;
  }

  get waiting(): readonly OutboxEntry[] {
    return [...this.#waiting];
  }

  /** Envelope: `seq` starts at 1, one more for each message. */
  add(action: ShopperAction): OutboxEntry {
    const entry = { seq: this.#nextSeq++, action };
    this.#waiting.push(entry);
    return entry;
  }

  /** The edge has everything up to `ack`: those entries leave the outbox. */
  acknowledged(ack: number): void {
    while (this.#waiting.length > 0 && (this.#waiting[0] as OutboxEntry).seq <= ack) this.#waiting.shift();
  }

  /** Resume step 3: after `welcome`, drop what the edge has and hand back the rest, in order. */
  resumeAfter(edgeHas: number): readonly OutboxEntry[] {
    this.acknowledged(edgeHas);
    return this.waiting;
  }

  /** Resume step 4: deliver `last + 1`, drop `≤ last`, and call anything else a gap. */
  arrive(seq: number): Arrival {
    if (seq <= this.#lastFromEdge) return 'duplicate';
    if (seq !== this.#lastFromEdge + 1) return 'gap';
    this.#lastFromEdge = seq;
    return 'deliver';
  }
}
