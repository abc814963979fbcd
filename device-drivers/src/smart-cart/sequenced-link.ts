import type { CartMessage, CartPayload } from './cart-message.js';

/** What to do with a received sequenced message. */
export type Arrival = 'deliver' | 'duplicate' | 'gap';

/**
 * One direction-pair of a cart link's reliability state, pure and transport-free: numbering of outgoing
 * business messages, the outbox of those not yet acknowledged, and the highest sequence received in
 * order. Both the edge (per cart) and the cart keep one; it outlives any single WebSocket.
 */
/** What a SequencedLink must keep across a restart of its process (see `CartLinkStateStore`). */
export interface SequencedLinkSnapshot {
  readonly cartId: string;
  readonly nextSeq: number;
  readonly lastReceived: number;
  readonly outbox: readonly CartMessage[];
}

export class SequencedLink {
  #nextSeq = 1;
  #lastReceived = 0;
  #outbox: Array<CartMessage & { seq: number }> = [];

  constructor(readonly cartId: string) {}

  /** A link carrying on from a snapshot taken before a restart. */
  static restore(snapshot: SequencedLinkSnapshot): SequencedLink {
    const link = new SequencedLink(snapshot.cartId);
    link.#nextSeq = snapshot.nextSeq;
    link.#lastReceived = snapshot.lastReceived;
    link.#outbox = snapshot.outbox.filter((m): m is CartMessage & { seq: number } => m.seq !== undefined);
    return link;
  }

  snapshot(): SequencedLinkSnapshot {
    return {
      cartId: this.cartId,
      nextSeq: this.#nextSeq,
      lastReceived: this.#lastReceived,
      outbox: [...this.#outbox],
    };
  }

  /** Highest sequence received in order from the other side. */
  get lastReceived(): number {
    return this.#lastReceived;
  }

  /** Highest own sequence the other side has acknowledged. */
  get acknowledgedUpTo(): number {
    return (this.#outbox[0]?.seq ?? this.#nextSeq) - 1;
  }

  /** Messages sent and not yet acknowledged, oldest first. */
  get unacknowledged(): readonly CartMessage[] {
    return this.#outbox;
  }

  /** Numbers a business message and keeps it until acknowledged; returns the frame to send. */
  enqueue(payload: CartPayload): CartMessage {
    const message = {
      ...payload,
      v: 1 as const,
      cartId: this.cartId,
      seq: this.#nextSeq++,
      ack: this.#lastReceived,
    } as CartMessage & { seq: number };
    this.#outbox.push(message);
    return message;
  }

  /** The other side has everything up to `ack`. */
  acknowledge(ack: number): void {
    if (this.#outbox.length > 0 && (this.#outbox[0]?.seq ?? 0) <= ack)
      this.#outbox = this.#outbox.filter((m) => m.seq > ack);
  }

  /** Classifies a received sequenced message; `deliver` advances the in-order counter. */
  receive(seq: number): Arrival {
    if (seq <= this.#lastReceived) return 'duplicate';
    if (seq !== this.#lastReceived + 1) return 'gap';
    this.#lastReceived = seq;
    return 'deliver';
  }

  /**
   * After a reconnect the other side says what it has; everything after that is sent again in order
   * with the current ack.
   */
  resume(peerLastReceived: number): CartMessage[] {
    this.acknowledge(peerLastReceived);
    return this.#outbox.map((m) => ({ ...m, ack: this.#lastReceived }));
  }
}
