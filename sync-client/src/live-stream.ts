import { Observable } from 'rxjs';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { SseParser } from './sse-parser.js';
import { endpointUrl, type SyncEndpoint } from './sync-endpoint.js';
import { errorOfResponse, SyncHttpError } from './sync-http-error.js';

export interface LiveStreamOptions {
  readonly backoff: BackoffOptions;
  /** A connection that lived this long resets the backoff. */
  readonly healthyAfterMs: number;
  /**
   * A stream that hears nothing this long (not even a heartbeat: HQ and the agent send one every 15 s) is
   * dropped and reconnected, which RESYNCs. Default 45000. The connection itself must answer within the
   * endpoint's `timeoutMs`. Without both, a stream whose first connection was torn before any answer stayed
   * pending forever (undici kept the request waiting) and the replication never heard of a change again.
   */
  readonly idleTimeoutMs?: number;
  /** Called on every failed connection; `willRetry` is false for an authentication failure. */
  readonly onError?: (error: unknown, willRetry: boolean) => void;
}

/**
 * The live stream of one collection: GET …/stream, read as server-sent events from a streamed fetch body
 * (works in browsers and Node 20 alike, no EventSource needed, and the token travels in a header).
 * Emits every event's parsed `data`; after each (re)connect it emits 'RESYNC' so the replication pulls
 * what it missed while disconnected. Reconnects with jittered exponential backoff until unsubscribed; stops
 * on 401 (revoked or unknown token), reporting it through `onError`.
 */
export function liveStream<T>(endpoint: SyncEndpoint, options: LiveStreamOptions): Observable<T | 'RESYNC'> {
  return new Observable<T | 'RESYNC'>((subscriber) => {
    const controller = new AbortController();
    let attempt = 0;
    let stopped = false;
    const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;

    const sleep = (ms: number): Promise<void> =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        controller.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });

    const connectOnce = async (): Promise<void> => {
      // One controller per connection, so a silent one can be dropped without stopping the stream.
      const connection = new AbortController();
      const stop = () => connection.abort();
      controller.signal.addEventListener('abort', stop, { once: true });
      let silence: ReturnType<typeof setTimeout> | undefined;
      const expectWithin = (ms: number, what: string) => {
        clearTimeout(silence);
        silence = setTimeout(
          () => connection.abort(new Error(`live stream: ${what} within ${ms} ms, reconnecting`)),
          ms,
        );
      };
      try {
        expectWithin(endpoint.timeoutMs, 'no answer');
        const response = await endpoint.fetch(endpointUrl(endpoint, 'stream'), {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${endpoint.token}` },
          signal: connection.signal,
        });
        if (!response.ok) throw await errorOfResponse(response);
        if (!response.body) throw new Error('stream response has no body');
        const connectedAt = Date.now();
        const parser = new SseParser();
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        let first = true;
        // The server starts every stream with RESYNC; emitting our own covers servers that do not.
        subscriber.next('RESYNC');
        try {
          for (;;) {
            expectWithin(idleTimeoutMs, 'nothing heard, not even a heartbeat,');
            const { done, value } = await reader.read();
            if (done) break;
            for (const data of parser.push(decoder.decode(value, { stream: true }))) {
              const event = JSON.parse(data) as T | 'RESYNC';
              if (first && event === 'RESYNC') {
                first = false;
                continue;
              }
              first = false;
              subscriber.next(event);
            }
            if (Date.now() - connectedAt >= options.healthyAfterMs) attempt = 0;
          }
        } finally {
          reader.releaseLock();
        }
        if (Date.now() - connectedAt >= options.healthyAfterMs) attempt = 0;
      } catch (error) {
        // A dropped connection rejects with our reason (undici may wrap it): report that, not "aborted".
        throw connection.signal.aborted && !stopped ? (connection.signal.reason ?? error) : error;
      } finally {
        clearTimeout(silence);
        controller.signal.removeEventListener('abort', stop);
        connection.abort();
      }
    };

    const run = async (): Promise<void> => {
      while (!stopped) {
        try {
          await connectOnce();
          if (stopped) return;
          options.onError?.(new Error('live stream ended by the server'), true);
        } catch (error) {
          if (stopped) return;
          const fatal = error instanceof SyncHttpError && error.isAuthFailure;
          options.onError?.(error, !fatal);
          if (fatal) return;
        }
        await sleep(backoffDelay(attempt++, options.backoff));
      }
    };
    void run();

    return () => {
      stopped = true;
      controller.abort();
    };
  });
}
