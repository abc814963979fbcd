import { liveStream, SyncHttpError } from '@storefloor/sync-client';
import type { Subscription } from 'rxjs';

export interface LaneRevocationWatcherOptions {
  readonly hqUrl: string;
  readonly fetch: typeof fetch;
  /** Called when HQ says the lane's token is revoked. */
  readonly onRevoked: (deviceId: string) => void;
  /** Reconnect backoff cap: after the link returns a revocation is seen within about this long. */
  readonly maxBackoffMs?: number;
}

/**
 * Learns revocations from HQ as they happen. For every lane that used the agent since it started, it holds
 * one idle HQ live stream (`/sync/stores/stream`) with that lane's own token, in memory only: HQ closes a
 * revoked device's streams at once, the reconnect is answered 401 `token-revoked`, and the lane is revoked
 * here too. While HQ is unreachable the stream retries (capped backoff); the lane keeps working meanwhile.
 */
export class LaneRevocationWatcher {
  private readonly watched = new Map<string, { token: string; subscription: Subscription }>();

  constructor(private readonly options: LaneRevocationWatcherOptions) {}

  watch(deviceId: string, token: string): void {
    const current = this.watched.get(deviceId);
    if (current?.token === token) return;
    current?.subscription.unsubscribe();
    const subscription = liveStream(
      { url: this.options.hqUrl, collection: 'stores', token, timeoutMs: 30_000, fetch: this.options.fetch },
      {
        backoff: { initialMs: 250, maxMs: this.options.maxBackoffMs ?? 4_000 },
        healthyAfterMs: 10_000,
        onError: (error, willRetry) => {
          if (willRetry) return;
          this.unwatch(deviceId);
          if (error instanceof SyncHttpError && error.code === 'token-revoked')
            this.options.onRevoked(deviceId);
        },
      },
    ).subscribe({ error: () => undefined });
    this.watched.set(deviceId, { token, subscription });
  }

  unwatch(deviceId: string): void {
    this.watched.get(deviceId)?.subscription.unsubscribe();
    this.watched.delete(deviceId);
  }

  get watchedCount(): number {
    return this.watched.size;
  }

  close(): void {
    for (const deviceId of [...this.watched.keys()]) this.unwatch(deviceId);
  }
}
