import type { Subscription } from 'rxjs';
import type { LaneScope } from '../replica/lane-document-store.js';
import type { ReplicaSequencer, SequencedChange } from '../replica/replica-sequencer.js';
import type { StoreReplica } from '../replica/store-replica.js';
import { toWireDocument } from '../replica/wire-document.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import type { StreamSink } from './sse-sink.js';

interface LaneStream {
  readonly lane: LaneScope;
  readonly sink: StreamSink;
}

/** What the LAN server needs of the live streams. */
export interface LaneStreams {
  readonly openStreamCount: number;
  open(collection: string, lane: LaneScope, sink: StreamSink): () => void;
  closeDevice(deviceId: string): void;
  close(): void;
}

export const RESYNC_EVENT = JSON.stringify('RESYNC');

/**
 * The lanes' live streams. Every numbered change of the replica is sent, in sequence order per collection,
 * as `{ documents, checkpoint }` to the streams of that collection; a new stream first gets RESYNC so the
 * lane pulls from its own checkpoint. The sequencer emits every number it hands out, in order, so consecutive
 * events leave no gap between their checkpoints.
 */
export class LaneStreamHub implements LaneStreams {
  private readonly streams = new Map<string, Set<LaneStream>>();
  private readonly order = new KeyedMutex();
  private readonly subscription: Subscription;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly replica: StoreReplica,
    sequencer: ReplicaSequencer,
    heartbeatMs = 15_000,
  ) {
    this.subscription = sequencer.changes$.subscribe((change) => {
      if (!this.streams.get(change.collection)?.size) return;
      void this.order.run(change.collection, () => this.fanOut(change));
    });
    this.heartbeat = setInterval(() => {
      for (const set of this.streams.values()) for (const stream of set) stream.sink.heartbeat();
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  get openStreamCount(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  open(collection: string, lane: LaneScope, sink: StreamSink): () => void {
    let set = this.streams.get(collection);
    if (!set) {
      set = new Set();
      this.streams.set(collection, set);
    }
    const stream: LaneStream = { lane, sink };
    set.add(stream);
    sink.send(RESYNC_EVENT);
    return () => set.delete(stream);
  }

  /** Closes every open stream of a lane (revoked). */
  closeDevice(deviceId: string): void {
    for (const set of this.streams.values()) {
      for (const stream of set) if (stream.lane.deviceId === deviceId) stream.sink.close();
    }
  }

  private async fanOut(change: SequencedChange): Promise<void> {
    const set = this.streams.get(change.collection);
    if (!set?.size) return;
    const last = change.entries.at(-1);
    if (!last) return;
    let event: (storeId: string) => string;
    try {
      const storage =
        this.replica.collections[change.collection as keyof StoreReplica['collections']].storageInstance;
      const stored = await storage.findDocumentsById(
        change.entries.map((entry) => entry.id),
        true,
      );
      const checkpoint = { sequence: last.seq, id: last.id };
      const perStore = new Map<string, string>();
      event = (storeId) => {
        let serialised = perStore.get(storeId);
        if (serialised === undefined) {
          const documents = stored
            .filter((doc) => doc.storeId === storeId || doc.storeId === '*' || doc.storeId === undefined)
            .map(toWireDocument);
          serialised = JSON.stringify({ documents, checkpoint });
          perStore.set(storeId, serialised);
        }
        return serialised;
      };
    } catch {
      // The replica could not be read: the lanes pull by checkpoint instead.
      event = () => RESYNC_EVENT;
    }
    for (const stream of set) stream.sink.send(event(stream.lane.storeId));
  }

  close(): void {
    this.subscription.unsubscribe();
    clearInterval(this.heartbeat);
    for (const set of this.streams.values()) for (const stream of set) stream.sink.close();
    this.streams.clear();
  }
}
