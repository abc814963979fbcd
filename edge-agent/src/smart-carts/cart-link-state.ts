import type { CartLinkStateStore, SequencedLinkSnapshot } from '@storefloor/device-drivers';
import type Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cart_link_state (
  cart_id TEXT PRIMARY KEY,
  next_seq INTEGER NOT NULL,
  last_received INTEGER NOT NULL,
  outbox TEXT NOT NULL
);
`;

/**
 * The cart link's per-cart sequence state in the agent's SQLite: after an agent restart a cart that
 * resumes with sequence 12 is carried on from 11, not taken for a gap (which made it reconnect in a loop),
 * and commands the agent had sent and the cart had not acknowledged are sent again.
 */
export class SqliteCartLinkState implements CartLinkStateStore {
  readonly #load: Database.Statement<[string], { next_seq: number; last_received: number; outbox: string }>;
  readonly #save: Database.Statement<[string, number, number, string]>;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.#load = db.prepare('SELECT next_seq, last_received, outbox FROM cart_link_state WHERE cart_id = ?');
    this.#save = db.prepare(
      `INSERT INTO cart_link_state (cart_id, next_seq, last_received, outbox) VALUES (?, ?, ?, ?)
       ON CONFLICT (cart_id) DO UPDATE SET next_seq = excluded.next_seq,
         last_received = excluded.last_received, outbox = excluded.outbox`,
    );
  }

  load(cartId: string): SequencedLinkSnapshot | undefined {
    const row = this.#load.get(cartId);
    if (!row) return undefined;
    return {
      cartId,
      nextSeq: row.next_seq,
      lastReceived: row.last_received,
      outbox: JSON.parse(row.outbox) as SequencedLinkSnapshot['outbox'],
    };
  }

  save(snapshot: SequencedLinkSnapshot): void {
    this.#save.run(snapshot.cartId, snapshot.nextSeq, snapshot.lastReceived, JSON.stringify(snapshot.outbox));
  }
}
