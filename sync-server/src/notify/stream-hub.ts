import type { FastifyBaseLogger } from 'fastify';
import type { AuthenticatedDevice } from '../auth/auth-plugin.js';
import type { Database, Subscription } from '../db/database.js';
import type { SyncMetrics } from '../metrics/sync-metrics.js';
import type { ChangedDocument, DocumentStore } from '../replication/document-store.js';
import { CHAIN_WIDE_STORE, type ReplicatedCollection } from '../replication/replicated-collection.js';
import type { ReplicationCheckpoint, StreamEvent } from '../replication/wire.js';
import { CHANGES_CHANNEL, REVOCATIONS_CHANNEL } from './channels.js';

/** Where a stream's events go (an SSE response). `send` gets the already serialised event. */
export interface StreamSink {
  send(serialisedEvent: string): void;
  heartbeat(): void;
  close(): void;
}

export interface StreamHubOptions {
  /** More changes than this in one wake-up → streams get RESYNC and pull instead (e.g. a 100k price import). */
  readonly maxFanoutBatch?: number;
  readonly heartbeatMs?: number;
  /**
   * Streams also get RESYNC at about this interval (each stream jittered between 0.5× and 1.5×, so that
   * 10,000 lanes do not pull at once), so a lost wake-up heals by itself. Default 10 minutes.
   */
  readonly resyncEveryMs?: number;
}

interface OpenStream {
  readonly device: AuthenticatedDevice;
  readonly sink: StreamSink;
  nextResyncAt: number;
}

interface CollectionFanout {
  readonly collection: ReplicatedCollection;
  readonly streams: Set<OpenStream>;
  checkpoint: ReplicationCheckpoint;
  ready: Promise<void>;
  running: boolean;
  dirty: boolean;
}

export const RESYNC_EVENT = JSON.stringify('RESYNC' satisfies StreamEvent);

/**
 * Fans committed changes out to this instance's live streams. A NOTIFY is only a wake-up: the hub then reads
 * what changed after its last broadcast checkpoint with one query per collection, whatever the number of
 * streams, and sends each stream the part its store may see. Writes on any instance sharing the database
 * reach streams held here.
 */
export class StreamHub {
  private readonly fanouts = new Map<string, CollectionFanout>();
  private readonly subscriptions: Subscription[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly maxFanoutBatch: number;
  private readonly heartbeatMs: number;
  private readonly resyncEveryMs: number;

  constructor(
    private readonly db: Database,
    private readonly store: DocumentStore,
    private readonly metrics: SyncMetrics,
    private readonly log: FastifyBaseLogger,
    options: StreamHubOptions = {},
  ) {
    this.maxFanoutBatch = options.maxFanoutBatch ?? 2_000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.resyncEveryMs = options.resyncEveryMs ?? 10 * 60_000;
  }

  async start(): Promise<void> {
    this.subscriptions.push(
      await this.db.listen(
        CHANGES_CHANNEL,
        (collection) => this.wake(collection),
        () => this.resyncAll(),
      ),
      await this.db.listen(REVOCATIONS_CHANNEL, (deviceId) => this.closeDevice(deviceId)),
    );
    // Fine enough for both clocks: a heartbeat or a periodic RESYNC is at most one tick late.
    this.timer = setInterval(() => this.tick(), Math.min(this.heartbeatMs, this.resyncEveryMs / 2, 1_000));
    this.timer.unref();
  }

  /** Streams of each device, counted from the moment `open` is called (so concurrent opens see each other). */
  private readonly perDevice = new Map<string, number>();

  /** Open (or opening) streams of one device on this instance. */
  streamsOf(deviceId: string): number {
    return this.perDevice.get(deviceId) ?? 0;
  }

  private countDevice(deviceId: string, delta: 1 | -1): void {
    const next = this.streamsOf(deviceId) + delta;
    if (next <= 0) this.perDevice.delete(deviceId);
    else this.perDevice.set(deviceId, next);
  }

  get openStreamCount(): number {
    let count = 0;
    for (const fanout of this.fanouts.values()) count += fanout.streams.size;
    return count;
  }

  /** Registers a stream; it first gets RESYNC (the client pulls from its own checkpoint), then live changes. */
  async open(
    collection: ReplicatedCollection,
    device: AuthenticatedDevice,
    sink: StreamSink,
  ): Promise<() => void> {
    this.countDevice(device.deviceId, 1);
    try {
      return await this.register(collection, device, sink);
    } catch (error) {
      this.countDevice(device.deviceId, -1);
      throw error;
    }
  }

  private async register(
    collection: ReplicatedCollection,
    device: AuthenticatedDevice,
    sink: StreamSink,
  ): Promise<() => void> {
    let fanout = this.fanouts.get(collection.name);
    if (!fanout) {
      const created: CollectionFanout = {
        collection,
        streams: new Set(),
        checkpoint: { sequence: 0, id: '' },
        ready: Promise.resolve(),
        running: false,
        dirty: false,
      };
      // Start from the head: anything older reaches the client through the pull its RESYNC triggers.
      created.ready = this.store.headCheckpoint(collection.name).then(
        (head) => {
          created.checkpoint = head;
        },
        (error: unknown) => {
          // Forget the half-made fan-out so that the next stream retries instead of inheriting the failure.
          if (this.fanouts.get(collection.name) === created) this.fanouts.delete(collection.name);
          throw error;
        },
      );
      this.fanouts.set(collection.name, created);
      fanout = created;
    }
    await fanout.ready;
    const stream: OpenStream = { device, sink, nextResyncAt: this.nextResyncAt() };
    fanout.streams.add(stream);
    this.metrics.openStreams.inc();
    sink.send(RESYNC_EVENT);
    const owner = fanout;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.countDevice(device.deviceId, -1);
      owner.streams.delete(stream);
      this.metrics.openStreams.dec();
      if (owner.streams.size === 0 && this.fanouts.get(owner.collection.name) === owner && !owner.running) {
        this.fanouts.delete(owner.collection.name);
      }
    };
  }

  /** A collection changed (NOTIFY from any instance). Coalesces bursts: one read loop per collection. */
  wake(collectionName: string): void {
    const fanout = this.fanouts.get(collectionName);
    if (!fanout) return;
    fanout.dirty = true;
    if (fanout.running) return;
    fanout.running = true;
    void this.drain(fanout);
  }

  private async drain(fanout: CollectionFanout): Promise<void> {
    try {
      await fanout.ready;
      while (fanout.dirty) {
        fanout.dirty = false;
        const changes = await this.store.changesSince(
          fanout.collection.name,
          fanout.checkpoint,
          this.maxFanoutBatch,
        );
        if (changes.length === 0) continue;
        if (changes.length > this.maxFanoutBatch) {
          fanout.checkpoint = await this.store.headCheckpoint(fanout.collection.name);
          this.broadcast(fanout, () => RESYNC_EVENT);
          continue;
        }
        const last = changes.at(-1) as ChangedDocument;
        fanout.checkpoint = last.checkpoint;
        this.fanOut(fanout, changes, last.checkpoint);
        this.metrics.replicationLag.observe(Math.max(0, Date.now() - last.writtenAt) / 1000);
      }
    } catch (error) {
      this.log.error(
        { err: error, collection: fanout.collection.name },
        'stream fan-out failed; sending RESYNC',
      );
      this.broadcast(fanout, () => RESYNC_EVENT);
    } finally {
      fanout.running = false;
      if (fanout.streams.size === 0 && this.fanouts.get(fanout.collection.name) === fanout) {
        this.fanouts.delete(fanout.collection.name);
      }
    }
  }

  private fanOut(
    fanout: CollectionFanout,
    changes: readonly ChangedDocument[],
    checkpoint: ReplicationCheckpoint,
  ): void {
    // One serialisation per store, not per stream: 10,000 streams of one store share one string.
    const perStore = new Map<string, string | null>();
    const eventFor = (storeId: string): string | null => {
      const cached = perStore.get(storeId);
      if (cached !== undefined) return cached;
      const visible = changes.filter(
        (change) =>
          change.storeId === storeId ||
          (fanout.collection.kind === 'master' && change.storeId === CHAIN_WIDE_STORE),
      );
      const event =
        visible.length === 0
          ? null
          : JSON.stringify({ documents: visible.map((c) => c.document), checkpoint });
      perStore.set(storeId, event);
      return event;
    };
    for (const stream of fanout.streams) {
      const event = eventFor(stream.device.storeId);
      if (event !== null) stream.sink.send(event);
    }
  }

  private broadcast(fanout: CollectionFanout, event: (stream: OpenStream) => string): void {
    for (const stream of fanout.streams) stream.sink.send(event(stream));
  }

  /** After a lost LISTEN connection nothing says what changed meanwhile: every client pulls by checkpoint. */
  resyncAll(): void {
    for (const fanout of this.fanouts.values()) {
      this.broadcast(fanout, () => RESYNC_EVENT);
      fanout.dirty = true;
      this.wake(fanout.collection.name);
    }
  }

  /** Closes every open stream of a revoked device on this instance. */
  closeDevice(deviceId: string): void {
    for (const fanout of this.fanouts.values()) {
      for (const stream of fanout.streams) {
        if (stream.device.deviceId === deviceId) stream.sink.close();
      }
    }
  }

  private nextResyncAt(): number {
    return Date.now() + this.resyncEveryMs * (0.5 + Math.random());
  }

  private lastHeartbeat = Date.now();

  private tick(): void {
    const now = Date.now();
    const heartbeat = now - this.lastHeartbeat >= this.heartbeatMs;
    if (heartbeat) this.lastHeartbeat = now;
    for (const fanout of this.fanouts.values()) {
      for (const stream of fanout.streams) {
        if (heartbeat) stream.sink.heartbeat();
        if (now >= stream.nextResyncAt) {
          stream.nextResyncAt = this.nextResyncAt();
          stream.sink.send(RESYNC_EVENT);
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const fanout of this.fanouts.values()) {
      for (const stream of fanout.streams) stream.sink.close();
    }
    await Promise.all(this.subscriptions.map((subscription) => subscription.close()));
    this.subscriptions.length = 0;
  }
}
