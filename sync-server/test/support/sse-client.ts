import { SseParser } from '@storefloor/sync-client';

/** A raw SSE reader over a real socket (fetch), queueing parsed events for the test to await one by one. */
export class SseTestClient {
  private readonly queue: unknown[] = [];
  private waiters: ((event: unknown) => void)[] = [];
  private readonly controller = new AbortController();
  /** Resolves when the server ends the stream (or the socket drops). */
  readonly ended: Promise<void>;
  readonly status: Promise<number>;

  constructor(url: string, token: string) {
    let setStatus: (status: number) => void = () => undefined;
    this.status = new Promise((resolve) => {
      setStatus = resolve;
    });
    this.ended = (async () => {
      try {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: this.controller.signal,
        });
        setStatus(response.status);
        if (!response.ok || !response.body) return;
        const parser = new SseParser();
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          for (const data of parser.push(decoder.decode(value, { stream: true })))
            this.deliver(JSON.parse(data));
        }
      } catch {
        setStatus(0);
      }
    })();
  }

  private deliver(event: unknown): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(event);
    else this.queue.push(event);
  }

  /** The next event; fails after `timeoutMs` so a missing event fails the test instead of hanging it. */
  next(timeoutMs = 10_000): Promise<unknown> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no stream event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((event) => {
        clearTimeout(timer);
        resolve(event);
      });
    });
  }

  /** Events received and not yet taken. */
  get pending(): readonly unknown[] {
    return this.queue;
  }

  close(): void {
    this.controller.abort();
  }
}
