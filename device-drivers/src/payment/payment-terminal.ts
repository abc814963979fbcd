import { err, ok, type Result } from '@storefloor/core';
import type { DeviceOptions } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import { TransportDevice } from '../device/transport-device.js';
import type { ByteTransport } from '../transport/byte-transport.js';
import { ACK, EcrFrameDecoder, encodeEcrFrame, NAK } from './ecr-frame.js';
import {
  decodeEcrMessage,
  type EcrAmount,
  type EcrRequest,
  type EcrResult,
  encodeEcrMessage,
} from './ecr-message.js';
import {
  type PaymentApproved,
  type PaymentFailure,
  type PaymentRequest,
  type RefundRequest,
  TENDER_METHODS,
  type TenderMethod,
} from './terminal-result.js';

export type { PaymentApproved, PaymentFailure, PaymentRequest, RefundRequest } from './terminal-result.js';

export type PaymentEvent = { readonly kind: 'result'; readonly result: EcrResult };

export interface PaymentTerminalOptions extends DeviceOptions {
  /** Wait this long for the answer to a purchase or refund (default 60 s: the customer taps or scans). */
  readonly replyTimeoutMs?: number;
  /** Wait this long for the answer to a status query (default 3 s). */
  readonly statusTimeoutMs?: number;
  /** Status queries made for a request whose answer was lost before giving up (default 5). */
  readonly statusAttempts?: number;
  /** Pause between status queries while the terminal says in-progress or the link is down (default 500 ms). */
  readonly pollDelayMs?: number;
}

interface Waiter {
  resolve(result: EcrResult | undefined): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A payment terminal over the ECR protocol (PROTOCOL.md). Every request carries an idempotent id; an
 * answer lost to a timeout or a dropped link is recovered by asking the status of the same id, never by
 * sending a new charge. Approve, decline, busy and timeout are values.
 */
export class PaymentTerminal extends TransportDevice<PaymentEvent> {
  readonly kind: DeviceKind = 'payment-terminal';
  readonly #decoder = new EcrFrameDecoder();
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #opts: Required<Omit<PaymentTerminalOptions, keyof DeviceOptions>>;
  #lastFrame: Uint8Array | undefined;

  constructor(options: PaymentTerminalOptions, transport: ByteTransport) {
    super(options, transport);
    this.#opts = {
      replyTimeoutMs: options.replyTimeoutMs ?? 60_000,
      statusTimeoutMs: options.statusTimeoutMs ?? 3000,
      statusAttempts: options.statusAttempts ?? 5,
      pollDelayMs: options.pollDelayMs ?? 500,
    };
    for (const [k, v] of Object.entries(this.#opts)) {
      if (!Number.isFinite(v) || v < 0)
        throw new RangeError(`payment terminal option "${k}" must be a non-negative number`);
    }
  }

  protected override onConnected(): void {
    this.#decoder.reset();
  }

  protected onBytes(bytes: Uint8Array): void {
    for (const event of this.#decoder.push(bytes)) {
      if (event.kind === 'nak') {
        if (this.#lastFrame) void this.send(this.#lastFrame);
      } else if (event.kind === 'error') {
        if (event.reason === 'bad-lrc' || event.reason === 'bad-etx') void this.send(Uint8Array.of(NAK));
        this.emitError({ reason: `ecr-${event.reason}` });
      } else if (event.kind === 'frame') {
        void this.send(Uint8Array.of(ACK));
        const message = decodeEcrMessage(event.payload);
        if (!message.ok) {
          this.emitError({
            reason: `ecr-${message.reason}`,
            ...(message.detail ? { detail: message.detail } : {}),
          });
          continue;
        }
        if (message.value.type !== 'result') continue;
        const result = message.value;
        this.emitData({ kind: 'result', result });
        const waiting = this.#waiters.get(result.requestId);
        if (waiting) {
          this.#waiters.delete(result.requestId);
          for (const w of waiting) w.resolve(result);
        }
      }
    }
  }

  /** Sends a request and waits for the result with its id; undefined when none came in time. */
  async #exchange(request: EcrRequest, timeoutMs: number): Promise<EcrResult | undefined> {
    let waiter: Waiter | undefined;
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<EcrResult | undefined>((resolve) => {
      waiter = { resolve };
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const w = waiter as Waiter;
    let set = this.#waiters.get(request.requestId);
    if (!set) {
      set = new Set();
      this.#waiters.set(request.requestId, set);
    }
    set.add(w);
    const frame = encodeEcrFrame(encodeEcrMessage(request));
    this.#lastFrame = frame;
    const sent = await this.send(frame);
    if (!sent.ok) w.resolve(undefined);
    const result = await answer;
    clearTimeout(timer);
    const remaining = this.#waiters.get(request.requestId);
    remaining?.delete(w);
    if (remaining?.size === 0) this.#waiters.delete(request.requestId);
    return result;
  }

  /**
   * Runs a money-moving request to a final answer. A lost answer is followed by status queries for the
   * same id; only if the terminal says it never saw the id is the request sent again (same id again).
   */
  async #transact(request: EcrRequest & { type: 'purchase' | 'refund' }): Promise<EcrResult | undefined> {
    let result = await this.#exchange(request, this.#opts.replyTimeoutMs);
    let attempts = 0;
    while (
      (result === undefined || result.outcome === 'in-progress') &&
      attempts < this.#opts.statusAttempts
    ) {
      attempts++;
      if (result?.outcome === 'in-progress' || attempts > 1) await sleep(this.#opts.pollDelayMs);
      const status = await this.#exchange(
        { v: 1, type: 'status', requestId: request.requestId },
        this.#opts.statusTimeoutMs,
      );
      if (status?.outcome === 'unknown-request') {
        result = await this.#exchange(request, this.#opts.replyTimeoutMs);
      } else if (status !== undefined) {
        result = status;
      }
    }
    return result;
  }

  #check(request: PaymentRequest): Result<void, PaymentFailure> {
    if (this.state !== 'enabled') return err('not-enabled', `terminal is ${this.state}`, this.location());
    if (
      typeof request.requestId !== 'string' ||
      request.requestId.length === 0 ||
      request.requestId.length > 128
    ) {
      return err('invalid-request', 'requestId must be a string of 1..128', 'requestId');
    }
    if (!Number.isSafeInteger(request.amount.minor) || request.amount.minor <= 0) {
      return err('invalid-request', 'amount.minor must be a positive integer of minor units', 'amount.minor');
    }
    if (!/^[A-Z]{3}$/.test(request.amount.currency))
      return err('invalid-request', 'amount.currency must be ISO 4217', 'amount.currency');
    if (!TENDER_METHODS.includes(request.method))
      return err('invalid-request', `method must be one of ${TENDER_METHODS.join(', ')}`, 'method');
    return ok(undefined);
  }

  async purchase(request: PaymentRequest): Promise<Result<PaymentApproved, PaymentFailure>> {
    const checked = this.#check(request);
    if (!checked.ok) return checked;
    const result = await this.#transact({ v: 1, type: 'purchase', ...pick(request) });
    return this.#toResult(request, result);
  }

  async refund(request: RefundRequest): Promise<Result<PaymentApproved, PaymentFailure>> {
    const checked = this.#check(request);
    if (!checked.ok) return checked;
    const result = await this.#transact({
      v: 1,
      type: 'refund',
      ...pick(request),
      originalRequestId: request.originalRequestId,
    });
    return this.#toResult(request, result);
  }

  /** Asks the terminal to cancel a request still waiting for the customer. */
  async cancel(
    targetRequestId: string,
    requestId: string,
  ): Promise<Result<EcrResult, 'timeout' | 'not-enabled'>> {
    if (this.state !== 'enabled') return err('not-enabled', `terminal is ${this.state}`, this.location());
    const r = await this.#exchange(
      { v: 1, type: 'cancel', requestId, targetRequestId },
      this.#opts.statusTimeoutMs,
    );
    return r ? ok(r) : err('timeout', undefined, this.location());
  }

  /** What the terminal knows about a request id (approved, declined, unknown-request…). */
  async transactionStatus(requestId: string): Promise<Result<EcrResult, 'timeout' | 'not-enabled'>> {
    if (this.state !== 'enabled') return err('not-enabled', `terminal is ${this.state}`, this.location());
    const r = await this.#exchange({ v: 1, type: 'status', requestId }, this.#opts.statusTimeoutMs);
    return r ? ok(r) : err('timeout', undefined, this.location());
  }

  #toResult(request: PaymentRequest, result: EcrResult | undefined): Result<PaymentApproved, PaymentFailure> {
    if (result === undefined || result.outcome === 'in-progress') {
      return err(
        'timeout',
        `no final answer for ${request.requestId}; ask status of the same id before any new charge`,
        this.location(),
      );
    }
    switch (result.outcome) {
      case 'approved':
        return ok({
          requestId: result.requestId,
          authCode: result.authCode ?? '',
          transactionId: result.transactionId ?? '',
          amount: result.amount ?? request.amount,
          method: result.method ?? request.method,
        });
      case 'declined':
        return err('declined', result.declineReason, this.location());
      case 'busy':
        return err('busy', 'terminal is serving another request', this.location());
      case 'cancelled':
        return err('cancelled', undefined, this.location());
      default:
        return err('protocol-error', `unexpected outcome ${result.outcome}`, this.location());
    }
  }
}

function pick(r: PaymentRequest): { requestId: string; amount: EcrAmount; method: TenderMethod } {
  return {
    requestId: r.requestId,
    amount: { minor: r.amount.minor, currency: r.amount.currency },
    method: r.method,
  };
}
