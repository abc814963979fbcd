/** What the agent knows of its link to HQ, from every exchange it made. */
export interface HqLinkState {
  readonly connected: boolean;
  readonly lastSuccessAt: string | null;
  readonly lastError: { readonly message: string; readonly at: string } | null;
}

/**
 * Wraps fetch for every call to HQ: an answer (any HTTP status below 500) counts as a successful exchange,
 * a network failure, timeout or 5xx as an error. Status and metrics read it.
 */
export class HqLink {
  private lastSuccess: number | undefined;
  private lastFailure: { message: string; at: number } | undefined;
  readonly fetch: typeof fetch;
  private readonly upListeners: (() => void)[] = [];

  constructor(base: typeof fetch = globalThis.fetch.bind(globalThis)) {
    this.fetch = async (input, init) => {
      try {
        const response = await base(input, init);
        if (response.status >= 500) this.failed(`HQ answered ${response.status} to ${String(input)}`);
        else this.succeeded();
        return response;
      } catch (error) {
        // An aborted live stream (the agent closing it) is not a link failure.
        if (!(init?.signal?.aborted && (error as Error).name === 'AbortError')) {
          this.failed(`${String(input)}: ${(error as Error).message}`);
        }
        throw error;
      }
    };
  }

  succeeded(): void {
    const wasDown = !this.state.connected;
    this.lastSuccess = Date.now();
    if (wasDown) for (const listener of this.upListeners) listener();
  }

  /** Called whenever HQ answers again after a failure (any exchange: a stream reconnect, a pull, a push). */
  onUp(listener: () => void): void {
    this.upListeners.push(listener);
  }

  failed(message: string): void {
    this.lastFailure = { message, at: Date.now() };
  }

  get state(): HqLinkState {
    const connected =
      this.lastSuccess !== undefined &&
      (this.lastFailure === undefined || this.lastSuccess > this.lastFailure.at);
    return {
      connected,
      lastSuccessAt: this.lastSuccess === undefined ? null : new Date(this.lastSuccess).toISOString(),
      lastError:
        this.lastFailure === undefined
          ? null
          : { message: this.lastFailure.message, at: new Date(this.lastFailure.at).toISOString() },
    };
  }

  get lastSuccessMs(): number | undefined {
    return this.lastSuccess;
  }
}
