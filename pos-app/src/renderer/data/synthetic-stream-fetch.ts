/**
 * A fetch for the sync client in which every collection's live stream is local, so a lane does not hold 13
 * long-lived HTTP connections to one origin: a browser allows six per host, and 13 open streams would starve
 * the pulls and pushes behind them. Each stream instead tells its replication to pull again ("RESYNC")
 * whenever `wake()` is called (on a timer, and when the link comes back). Pull and push go to the network.
 */
export interface WakingFetch {
  readonly fetch: typeof fetch;
  /** Every open stream asks its collection to pull now. */
  wake(): void;
}

const RESYNC = new TextEncoder().encode('data: "RESYNC"\n\n');

export function wakingStreamFetch(
  base: typeof fetch = globalThis.fetch.bind(globalThis),
  /** Told after every pull or push whether the upstream answered (any HTTP answer) or not. */
  onReached: (reached: boolean) => void = () => {},
): WakingFetch {
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const isStream = (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return /\/stream(\?|$)/.test(url);
  };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!isStream(input))
      return base(input, init).then(
        (response) => {
          onReached(response.status !== 502 && response.status !== 503);
          return response;
        },
        (error: unknown) => {
          onReached(false);
          throw error;
        },
      );
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        streams.add(c);
      },
      cancel() {
        if (controller) streams.delete(controller);
      },
    });
    init?.signal?.addEventListener('abort', () => {
      if (!controller) return;
      streams.delete(controller);
      try {
        controller.error(new DOMException('aborted', 'AbortError'));
      } catch {
        // Already closed by the reader.
      }
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    wake() {
      for (const c of streams) c.enqueue(RESYNC);
    },
  };
}
