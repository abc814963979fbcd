import { transactionCollectionNames } from '@storefloor/core';
import { backoffDelay, SyncHttpError } from '@storefloor/sync-client';
import type { ReplicaSequencer } from '../replica/replica-sequencer.js';
import type { StoreReplica } from '../replica/store-replica.js';
import { toWireDocument } from '../replica/wire-document.js';
import type { Outbox } from '../state/outbox.js';
import { hqUrl, postToHq } from './hq-requests.js';

type Doc = Record<string, unknown>;

export interface OutboxPusherOptions {
  readonly replica: StoreReplica;
  readonly sequencer: ReplicaSequencer;
  readonly outbox: Outbox;
  readonly hqUrl: string;
  readonly token: string;
  readonly fetch: typeof fetch;
  /** Documents per push; HQ caps it at 500. */
  readonly batchSize?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Even without a new write, look again this often (a missed wake-up heals by itself). */
  readonly idleCheckMs?: number;
  readonly requestTimeoutMs?: number;
  readonly onPushed?: (collection: string, documents: number) => void;
  readonly onError?: (error: unknown, retryInMs: number) => void;
  /** A document HQ refused for good (4xx other than auth and rate limits): kept in the replica, reported. */
  readonly onRejected?: (collection: string, id: string, error: SyncHttpError) => void;
}

/** HQ will not accept this document whatever we retry: a 4xx about the document itself. */
function isPermanentRefusal(error: unknown): error is SyncHttpError {
  return (
    error instanceof SyncHttpError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 401 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

/**
 * Pushes the store's transactions to HQ in the agent's sequence order, one collection after the other,
 * from each collection's outbox cursor. The cursor moves only after HQ answered, so a crash or a lost answer
 * makes the same documents go again, and HQ takes an identical re-push as a no-op: each reaches HQ once.
 * Failures retry with capped exponential backoff and full jitter. A document still open at HQ that changed
 * here (a suspended sale completed later) is re-pushed with HQ's state as the assumed master state.
 */
export class OutboxPusher {
  private readonly controller = new AbortController();
  private wakeUp: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private readonly batchSize: number;
  private attempt = 0;

  constructor(private readonly options: OutboxPusherOptions) {
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    const subscription = this.options.sequencer.changes$.subscribe((change) => {
      if ((transactionCollectionNames as readonly string[]).includes(change.collection)) this.wake();
    });
    this.controller.signal.addEventListener('abort', () => subscription.unsubscribe());
    this.running = this.loop();
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** HQ answers again: retry now rather than at the end of the current backoff. */
  linkUp(): void {
    this.attempt = 0;
    this.wake();
  }

  /** Waits `ms`, or less when woken (a new write, HQ back, stop). */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.controller.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    }).then(() => {
      this.wakeUp = undefined;
    });
  }

  async stop(): Promise<void> {
    this.controller.abort();
    this.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      let pushedAny = false;
      try {
        for (const collection of transactionCollectionNames) {
          while (!signal.aborted && (await this.pushBatch(collection))) pushedAny = true;
        }
        this.attempt = 0;
      } catch (error) {
        if (signal.aborted) return;
        const delay = backoffDelay(this.attempt++, this.options.backoff ?? { initialMs: 250, maxMs: 10_000 });
        this.options.onError?.(error, delay);
        await this.pause(delay);
        continue;
      }
      if (pushedAny) continue;
      await this.pause(this.options.idleCheckMs ?? 5_000);
    }
  }

  /** Pushes the next batch of one collection; false when nothing was pending. */
  private async pushBatch(collection: string): Promise<boolean> {
    const { outbox, sequencer, replica } = this.options;
    const rows = sequencer.rowsAfter(collection, outbox.cursor(collection), this.batchSize);
    const last = rows.at(-1);
    if (!last) return false;
    const storage = replica.collections[collection as keyof StoreReplica['collections']].storageInstance;
    const stored = await storage.findDocumentsById(
      rows.map((row) => row.id),
      true,
    );
    const documents = stored.map(toWireDocument);
    if (documents.length > 0) {
      try {
        await this.push(collection, documents);
      } catch (error) {
        if (!isPermanentRefusal(error)) throw error;
        // One bad document must not hold the store's outbox: find it by pushing one at a time.
        for (const document of documents) {
          try {
            await this.push(collection, [document]);
          } catch (single) {
            if (!isPermanentRefusal(single)) throw single;
            this.options.onRejected?.(collection, String(document.id), single);
          }
        }
      }
    }
    outbox.advance(collection, { sequence: last.seq, id: last.id });
    this.options.onPushed?.(collection, documents.length);
    return true;
  }

  private async push(collection: string, documents: Doc[]): Promise<void> {
    const url = hqUrl(this.options.hqUrl, `/sync/${encodeURIComponent(collection)}/push`);
    const post = (rows: unknown) =>
      postToHq<Doc[]>(this.options.fetch, url, rows, {
        token: this.options.token,
        timeoutMs: this.options.requestTimeoutMs ?? 30_000,
      });
    const conflicts = await post(
      documents.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    );
    if (conflicts.length === 0) return;
    const ours = new Map(documents.map((doc) => [String(doc.id), doc]));
    const retry = conflicts.flatMap((master) => {
      const doc = ours.get(String(master.id));
      return doc ? [{ assumedMasterState: master, newDocumentState: doc }] : [];
    });
    const remaining = await post(retry);
    for (const master of remaining) {
      // HQ holds a final version that differs: only one device writes a transaction, so this is a bug
      // somewhere; keep ours in the replica and say so rather than overwrite HQ.
      this.options.onRejected?.(
        collection,
        String(master.id),
        new SyncHttpError(409, 'upstream-conflict', 'HQ holds a different final version'),
      );
    }
  }
}
