import { err, ok, type Result } from '@storefloor/core';
import { BehaviorSubject, Subject } from 'rxjs';

/** The edge agent's kiosk alert, as `GET /api/self-checkout/alerts` lists it. */
export interface KioskAlert {
  readonly id: string;
  readonly deviceId: string;
  readonly kioskLabel: string;
  readonly kind: string;
  readonly saleId: string;
  readonly lineId: string;
  readonly productId: string;
  readonly productName: string;
  readonly facts: Record<string, string | number | boolean>;
  readonly raisedAt: number;
  readonly status: 'open' | 'approved' | 'rejected' | 'withdrawn';
  readonly resolvedBy: string;
  readonly resolvedFrom: string;
  readonly resolvedAt: number | null;
}

export interface RaiseAlert {
  readonly id: string;
  readonly kind: string;
  readonly kioskLabel?: string;
  readonly saleId?: string;
  readonly lineId?: string;
  readonly productId?: string;
  readonly productName?: string;
  readonly facts?: Record<string, string | number | boolean>;
}

export interface ResolveFailure {
  readonly code: string;
  readonly attemptsLeft?: number;
}

/**
 * The store's kiosk alerts through the edge agent (the lane's upstream): a live list over one SSE stream,
 * raising (idempotent by id, so it is simply sent again until the agent has it), withdrawing and answering.
 * Authenticated with the device's own token.
 */
export class SelfCheckoutAlerts {
  readonly open = new BehaviorSubject<readonly KioskAlert[]>([]);
  readonly changed = new Subject<KioskAlert>();
  readonly connected = new BehaviorSubject(false);
  readonly #base: string;
  readonly #token: string;
  #source: EventSource | undefined;

  constructor(upstreamUrl: string, token: string) {
    this.#base = `${upstreamUrl.replace(/\/+$/, '')}/api/self-checkout`;
    this.#token = token;
  }

  start(): void {
    if (this.#source) return;
    const source = new EventSource(`${this.#base}/alerts/stream?token=${encodeURIComponent(this.#token)}`);
    this.#source = source;
    source.onopen = () => this.connected.next(true);
    source.onerror = () => this.connected.next(false);
    source.onmessage = (event) => {
      const body = JSON.parse(String(event.data)) as { alerts: KioskAlert[]; changed?: KioskAlert };
      this.open.next(body.alerts);
      if (body.changed) this.changed.next(body.changed);
    };
  }

  stop(): void {
    this.#source?.close();
    this.#source = undefined;
  }

  async #post<T>(path: string, body?: unknown): Promise<Result<T, string> & { failure?: ResolveFailure }> {
    try {
      const response = await fetch(`${this.#base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json().catch(() => ({}))) as T & { error?: ResolveFailure };
      if (!response.ok) {
        const failure = json.error ?? { code: `http-${response.status}` };
        return { ...err(failure.code), failure };
      }
      return ok(json);
    } catch (e) {
      return err('network', String(e));
    }
  }

  /** Raises until the agent has it (same id every time). */
  async raise(
    alert: RaiseAlert,
    retryMs = 2000,
    alive: () => boolean = () => true,
  ): Promise<KioskAlert | undefined> {
    for (;;) {
      const r = await this.#post<KioskAlert>('/alerts', alert);
      if (r.ok) return r.value;
      if (r.reason !== 'network' && !r.reason.startsWith('http-5')) return undefined;
      if (!alive()) return undefined;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }

  withdraw(id: string) {
    return this.#post<KioskAlert>(`/alerts/${encodeURIComponent(id)}/withdraw`);
  }

  resolve(id: string, answer: { employeeId: string; pin: string; decision: 'approve' | 'reject' }) {
    return this.#post<KioskAlert>(`/alerts/${encodeURIComponent(id)}/resolve`, answer);
  }
}
