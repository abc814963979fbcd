import { connect as netConnect } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import { Device, type DeviceOptions } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import { postNexo } from './nexo-http.js';
import {
  abortRequest,
  type NexoAnswer,
  type NexoCategory,
  type NexoServiceOutcome,
  type NexoTransactionId,
  paymentRequest,
  readNexoAnswer,
  reversalRequest,
  transactionStatusRequest,
} from './nexo-message.js';
import { freshServiceId, serviceIdForTender } from './nexo-service-id.js';
import {
  type PaymentApproved,
  type PaymentFailure,
  type PaymentRequest,
  type PoiTransaction,
  type RefundRequest,
  TENDER_METHODS,
  type TerminalResult,
} from './terminal-result.js';

export interface NexoPaymentTerminalOptions extends DeviceOptions {
  /** The terminal's local Terminal API endpoint, e.g. `https://192.168.1.20:8443/nexo`. */
  readonly url: string;
  /** MessageHeader.SaleID: this lane. */
  readonly saleId: string;
  /** MessageHeader.POIID: the terminal, `[model]-[serial]` (e.g. `P400Plus-275039202`). */
  readonly poiId: string;
  /** PEM of the terminal's certificate or its CA; required for an https URL. */
  readonly ca?: string;
  /** Wait this long for a Payment answer (default 130 s: Adyen times a transaction out after 120 s). */
  readonly replyTimeoutMs?: number;
  /** Wait this long for a TransactionStatus answer (default 5 s). */
  readonly statusTimeoutMs?: number;
  /** TransactionStatus requests made to recover a lost answer before giving up (default 10). */
  readonly statusAttempts?: number;
  /** Pause between TransactionStatus requests while the terminal says InProgress or is unreachable (default 1 s). */
  readonly pollDelayMs?: number;
}

export type NexoPaymentEvent = { readonly kind: 'result'; readonly result: TerminalResult };

/** Attempts at one tender (each a new ServiceID) before the lane must start a new tender. */
const MAX_ATTEMPTS = 20;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Pending = { readonly category: 'Payment' | 'Reversal'; readonly sale: NexoTransactionId };

/**
 * A card terminal on nexo Sale-to-POI as in Adyen's Terminal API, over the terminal's local HTTPS
 * endpoint. The tender id is the sale's TransactionID and decides the ServiceID, so the same tender is
 * the same message pair: an answer lost to a timeout or a dropped connection is recovered with
 * TransactionStatus, and the payment is sent again only when the terminal says it never saw it.
 * Its public surface: `purchase`, `refund`, `cancel`, `transactionStatus`.
 */
export class NexoPaymentTerminal extends Device<NexoPaymentEvent> {
  readonly kind: DeviceKind = 'payment-terminal';
  readonly #url: URL;
  readonly #saleId: string;
  readonly #poiId: string;
  readonly #ca: string | undefined;
  readonly #opts: {
    replyTimeoutMs: number;
    statusTimeoutMs: number;
    statusAttempts: number;
    pollDelayMs: number;
  };
  /** Tender id → the message pair we sent for it, and the terminal's id of each approval (for refunds). */
  readonly #pending = new Map<string, Pending>();
  readonly #approvals = new Map<string, NexoTransactionId>();
  /** Tender id → the attempt whose ServiceID is current. */
  readonly #attempts = new Map<string, number>();

  constructor(options: NexoPaymentTerminalOptions) {
    super(options);
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new TypeError(`nexo terminal option "url": ${JSON.stringify(options.url)} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new TypeError('nexo terminal option "url" must be http: or https:');
    for (const key of ['saleId', 'poiId'] as const) {
      if (typeof options[key] !== 'string' || options[key].length === 0)
        throw new TypeError(`nexo terminal option "${key}" must be a non-empty string`);
    }
    this.#url = url;
    this.#saleId = options.saleId;
    this.#poiId = options.poiId;
    this.#ca = options.ca;
    this.#opts = {
      replyTimeoutMs: options.replyTimeoutMs ?? 130_000,
      statusTimeoutMs: options.statusTimeoutMs ?? 5000,
      statusAttempts: options.statusAttempts ?? 10,
      pollDelayMs: options.pollDelayMs ?? 1000,
    };
    for (const [k, v] of Object.entries(this.#opts)) {
      if (!Number.isFinite(v) || v < 0)
        throw new RangeError(`nexo terminal option "${k}" must be a non-negative number`);
    }
  }

  location(): string {
    return this.#url.href;
  }

  /** The terminal is there when its port takes a connection; the Terminal API has no ping message. */
  protected async connect(): Promise<Result<void>> {
    const port = Number(this.#url.port || (this.#url.protocol === 'https:' ? 443 : 80));
    return new Promise((resolve) => {
      const socket = netConnect({ host: this.#url.hostname, port, timeout: this.#opts.statusTimeoutMs });
      socket.once('connect', () => {
        socket.destroy();
        resolve(ok(undefined));
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(err('no-answer', `no answer from ${this.location()}`, this.location()));
      });
      socket.once('error', (e) => resolve(err('unreachable', e.message, this.location())));
    });
  }

  protected async disconnect(): Promise<void> {}

  #address(serviceId: string) {
    return { saleId: this.#saleId, poiId: this.#poiId, serviceId };
  }

  async #send(
    message: unknown,
    expect: { category: NexoCategory; serviceId: string },
    timeoutMs: number,
  ): Promise<Result<NexoAnswer, 'unreachable' | 'no-answer' | 'protocol-error'>> {
    const posted = await postNexo(this.#url, message, { timeoutMs, ...(this.#ca ? { ca: this.#ca } : {}) });
    if (!posted.ok) {
      if (posted.reason === 'unreachable' || posted.reason === 'no-answer') {
        this.setStatus({
          health: 'reconnecting',
          reason: posted.reason,
          path: this.location(),
          detail: posted.detail,
        });
        return err(posted.reason, posted.detail, this.location());
      }
      this.emitError({ reason: `nexo-${posted.reason}`, detail: posted.detail });
      return err('protocol-error', posted.detail, this.location());
    }
    this.setStatus({ health: 'online', path: this.location() });
    const answer = readNexoAnswer(posted.body, { ...expect, saleId: this.#saleId });
    if (!answer.ok) {
      this.emitError({
        reason: `nexo-${answer.reason}`,
        ...(answer.detail ? { detail: answer.detail } : {}),
      });
      return err('protocol-error', answer.detail, this.location());
    }
    return ok(answer.value);
  }

  /**
   * Runs one tender's money-moving message to a final outcome. Each attempt is one message pair, posted
   * once; when its answer is lost TransactionStatus is asked for the same pair until it gives the original
   * outcome, and only a NotFound status sends the message again. When the terminal refuses the ServiceID
   * as already used, an earlier run of this tender got there first: its approval is returned (never a
   * second charge); if it ended uncharged (declined, cancelled, busy) the next attempt is made.
   */
  async #transact(
    tenderId: string,
    category: 'Payment' | 'Reversal',
    build: (serviceId: string) => unknown,
  ): Promise<Result<NexoServiceOutcome, PaymentFailure>> {
    for (let attempt = this.#attempts.get(tenderId) ?? 0; attempt < MAX_ATTEMPTS; attempt++) {
      this.#attempts.set(tenderId, attempt);
      const run = await this.#runPair(tenderId, category, serviceIdForTender(tenderId, attempt), build);
      if (!run.ok) return run;
      if (run.value.outcome.result !== 'Success') {
        this.#attempts.set(tenderId, attempt + 1);
        if (run.value.earlier) continue;
      }
      return ok(run.value.outcome);
    }
    return err(
      'invalid-request',
      `${tenderId} has had ${MAX_ATTEMPTS} attempts; use a new tender`,
      'requestId',
    );
  }

  async #runPair(
    tenderId: string,
    category: 'Payment' | 'Reversal',
    serviceId: string,
    build: (serviceId: string) => unknown,
  ): Promise<Result<{ outcome: NexoServiceOutcome; earlier: boolean }, PaymentFailure>> {
    const message = build(serviceId);
    let answer = await this.#send(message, { category, serviceId }, this.#opts.replyTimeoutMs);
    if (answer.ok && answer.value.kind === 'outcome') return ok({ outcome: answer.value, earlier: false });
    if (!answer.ok && answer.reason === 'protocol-error')
      return err('protocol-error', answer.detail, this.location());
    const earlier = answer.ok && answer.value.kind === 'reject' && /ServiceID/i.test(answer.value.detail);
    if (answer.ok && answer.value.kind === 'reject' && !earlier)
      return err('invalid-request', answer.value.detail, this.location());
    for (let attempt = 0; attempt < this.#opts.statusAttempts; attempt++) {
      if (attempt > 0 || !answer.ok) await sleep(this.#opts.pollDelayMs);
      const status = await this.#status({ category, serviceId });
      if (!status.ok) {
        if (status.reason === 'protocol-error') return err('protocol-error', status.detail, this.location());
        continue;
      }
      const s = status.value;
      if (s.repeated) return ok({ outcome: s.repeated, earlier });
      if (s.errorCondition === 'InProgress') continue;
      if (s.errorCondition === 'NotFound') {
        // The terminal never took the message: sending the same pair again cannot charge twice.
        answer = await this.#send(message, { category, serviceId }, this.#opts.replyTimeoutMs);
        if (answer.ok && answer.value.kind === 'outcome')
          return ok({ outcome: answer.value, earlier: false });
        if (!answer.ok && answer.reason === 'protocol-error')
          return err('protocol-error', answer.detail, this.location());
        continue;
      }
      return err(
        'protocol-error',
        `TransactionStatus ${s.result} ${s.errorCondition ?? ''}`.trim(),
        this.location(),
      );
    }
    return err(
      'timeout',
      `no final answer for ${tenderId}; ask transactionStatus of the same id before any new charge`,
      this.location(),
    );
  }

  async #status(target: { category: NexoCategory; serviceId: string }) {
    const serviceId = freshServiceId();
    const answer = await this.#send(
      transactionStatusRequest(this.#address(serviceId), target),
      { category: 'TransactionStatus', serviceId },
      this.#opts.statusTimeoutMs,
    );
    if (!answer.ok) return answer;
    if (answer.value.kind !== 'status')
      return err('protocol-error', `TransactionStatus answered with ${answer.value.kind}`, this.location());
    return ok(answer.value);
  }

  #check(request: PaymentRequest): Result<void, PaymentFailure> {
    if (this.state !== 'enabled') return err('not-enabled', `terminal is ${this.state}`, this.location());
    if (
      typeof request.requestId !== 'string' ||
      request.requestId.length === 0 ||
      request.requestId.length > 128
    )
      return err('invalid-request', 'requestId must be a string of 1..128', 'requestId');
    if (!Number.isSafeInteger(request.amount.minor) || request.amount.minor <= 0)
      return err('invalid-request', 'amount.minor must be a positive integer of minor units', 'amount.minor');
    if (!/^[A-Z]{3}$/.test(request.amount.currency))
      return err('invalid-request', 'amount.currency must be ISO 4217', 'amount.currency');
    if (!TENDER_METHODS.includes(request.method))
      return err('invalid-request', `method must be one of ${TENDER_METHODS.join(', ')}`, 'method');
    return ok(undefined);
  }

  #sale(tenderId: string, category: 'Payment' | 'Reversal'): NexoTransactionId {
    const known = this.#pending.get(tenderId);
    if (known && known.category === category) return known.sale;
    const sale = { transactionId: tenderId, timeStamp: new Date().toISOString() };
    this.#pending.set(tenderId, { category, sale });
    return sale;
  }

  async purchase(request: PaymentRequest): Promise<Result<PaymentApproved, PaymentFailure>> {
    const checked = this.#check(request);
    if (!checked.ok) return checked;
    const sale = this.#sale(request.requestId, 'Payment');
    const outcome = await this.#transact(request.requestId, 'Payment', (serviceId) =>
      paymentRequest(this.#address(serviceId), sale, request.amount),
    );
    if (outcome.ok && this.#otherAmount(request, outcome.value))
      return this.#voidOtherAmount(request, outcome.value);
    return this.#finish(request, outcome);
  }

  /** A partial (Response.Result "Partial") or different authorisation is not the tender the cashier asked for. */
  #otherAmount(request: PaymentRequest, o: NexoServiceOutcome): boolean {
    if (o.result === 'Partial') return true;
    return (
      o.result === 'Success' &&
      o.amount !== undefined &&
      (o.amount.minor !== request.amount.minor || o.amount.currency !== request.amount.currency)
    );
  }

  /** Reverses an authorisation of another amount in full, so nothing stays charged, and says so. */
  async #voidOtherAmount(
    request: PaymentRequest,
    o: NexoServiceOutcome,
  ): Promise<Result<PaymentApproved, PaymentFailure>> {
    const took = o.amount ? `${o.amount.minor} ${o.amount.currency}` : 'another amount';
    if (!o.poiTransaction)
      return err(
        'protocol-error',
        `terminal authorised ${took} and named no transaction to reverse`,
        this.location(),
      );
    const voidId = `${request.requestId}~void`;
    const from = o.poiTransaction;
    const sale = this.#sale(voidId, 'Reversal');
    const reversed = await this.#transact(voidId, 'Reversal', (serviceId) =>
      reversalRequest(this.#address(serviceId), from, sale, undefined),
    );
    if (!reversed.ok || reversed.value.result !== 'Success')
      return err(
        'protocol-error',
        `terminal authorised ${took}, asked ${request.amount.minor} ${request.amount.currency}; the reversal did not go through: reverse ${from.transactionId} by hand`,
        this.location(),
      );
    return err(
      'declined',
      `terminal authorised only ${took} of ${request.amount.minor} ${request.amount.currency}; reversed`,
      this.location(),
    );
  }

  /**
   * A referenced refund (ReversalRequest) of the payment made under `originalRequestId`. The original is
   * named by its POI transaction: the one this terminal approved in this process, else
   * `originalTransaction` as the caller kept it from the approval (a payment taken at another terminal:
   * the acquirer holds it), else the one this terminal reports for that tender (TransactionStatus). The
   * refund's own `requestId` decides its ServiceID, so asking again never refunds twice.
   */
  async refund(request: RefundRequest): Promise<Result<PaymentApproved, PaymentFailure>> {
    const checked = this.#check(request);
    if (!checked.ok) return checked;
    const named = checkOriginal(request);
    if (!named.ok) return named;
    let original = this.#approvals.get(request.originalRequestId) ?? named.value;
    if (!original) {
      const found = await this.#findApproval(request.originalRequestId);
      if (!found.ok) return found;
      original = found.value;
    }
    const from = original;
    const sale = this.#sale(request.requestId, 'Reversal');
    const outcome = await this.#transact(request.requestId, 'Reversal', (serviceId) =>
      reversalRequest(this.#address(serviceId), from, sale, request.amount),
    );
    return this.#finish(request, outcome);
  }

  /** Asks the terminal to abort the transaction of `targetRequestId` (AbortRequest; it has no answer of its own). */
  async cancel(
    targetRequestId: string,
    requestId: string,
  ): Promise<Result<TerminalResult, 'timeout' | 'not-enabled'>> {
    if (this.state !== 'enabled') return err('not-enabled', `terminal is ${this.state}`, this.location());
    const serviceId = freshServiceId();
    const category = this.#pending.get(targetRequestId)?.category ?? 'Payment';
    const posted = await postNexo(
      this.#url,
      abortRequest(this.#address(serviceId), {
        category,
        serviceId: this.#currentServiceId(targetRequestId),
      }),
      { timeoutMs: this.#opts.statusTimeoutMs, ...(this.#ca ? { ca: this.#ca } : {}) },
    );
    if (!posted.ok && posted.reason !== 'http-status') return err('timeout', posted.detail, this.location());
    return ok({ requestId, outcome: 'cancelled' });
  }

  /** What the terminal knows about a tender id (approved, declined, in-progress, unknown-request…). */
  async transactionStatus(requestId: string): Promise<Result<TerminalResult, 'timeout' | 'not-enabled'>> {
    if (this.state !== 'enabled') return err('not-enabled', `terminal is ${this.state}`, this.location());
    const category = this.#pending.get(requestId)?.category ?? 'Payment';
    const status = await this.#status({ category, serviceId: this.#currentServiceId(requestId) });
    if (!status.ok) return err('timeout', status.detail, this.location());
    const s = status.value;
    if (s.repeated) return ok(this.#toTerminalResult(requestId, s.repeated));
    if (s.errorCondition === 'InProgress') return ok({ requestId, outcome: 'in-progress' });
    return ok({ requestId, outcome: 'unknown-request' });
  }

  /** The terminal's id of the approved attempt of a tender made before this process started. */
  async #findApproval(tenderId: string): Promise<Result<NexoTransactionId, PaymentFailure>> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const status = await this.#status({
        category: 'Payment',
        serviceId: serviceIdForTender(tenderId, attempt),
      });
      if (!status.ok)
        return err(
          'timeout',
          `cannot look up ${tenderId}: ${status.detail ?? status.reason}`,
          this.location(),
        );
      const found = status.value.repeated;
      if (found?.result === 'Success' && found.poiTransaction) return ok(found.poiTransaction);
      if (!found) break;
    }
    return err(
      'invalid-request',
      `${tenderId} is not an approved payment on this terminal; a payment taken at another terminal is refunded by its originalTransaction`,
      'originalRequestId',
    );
  }

  #currentServiceId(tenderId: string): string {
    return serviceIdForTender(tenderId, this.#attempts.get(tenderId) ?? 0);
  }

  #toTerminalResult(requestId: string, o: NexoServiceOutcome): TerminalResult {
    const outcome =
      o.result === 'Success'
        ? 'approved'
        : o.errorCondition === 'Busy'
          ? 'busy'
          : o.errorCondition === 'Cancel' || o.errorCondition === 'Aborted'
            ? 'cancelled'
            : 'declined';
    return {
      requestId,
      outcome,
      ...(o.approvalCode ? { authCode: o.approvalCode } : {}),
      ...(o.poiTransaction
        ? { transactionId: o.poiTransaction.transactionId, timeStamp: o.poiTransaction.timeStamp }
        : {}),
      ...(outcome === 'declined' ? { declineReason: o.refusalReason ?? o.errorCondition ?? 'Refusal' } : {}),
      ...(o.amount ? { amount: o.amount } : {}),
    };
  }

  #finish(
    request: PaymentRequest,
    outcome: Result<NexoServiceOutcome, PaymentFailure>,
  ): Result<PaymentApproved, PaymentFailure> {
    if (!outcome.ok) return outcome;
    const o = outcome.value;
    if (o.saleTransactionId !== undefined && o.saleTransactionId !== request.requestId)
      return err(
        'protocol-error',
        `answer names sale transaction ${o.saleTransactionId}, not ${request.requestId}`,
        this.location(),
      );
    const result = this.#toTerminalResult(request.requestId, o);
    this.emitData({ kind: 'result', result });
    switch (result.outcome) {
      case 'approved': {
        if (
          o.amount &&
          (o.amount.minor !== request.amount.minor || o.amount.currency !== request.amount.currency)
        ) {
          // A partial or different authorisation is not the tender the cashier asked for: surfaced, never assumed.
          return err(
            'protocol-error',
            `terminal authorised ${o.amount.minor} ${o.amount.currency}, asked ${request.amount.minor} ${request.amount.currency}`,
            this.location(),
          );
        }
        if (o.category === 'Payment' && o.poiTransaction)
          this.#approvals.set(request.requestId, o.poiTransaction);
        return ok({
          requestId: request.requestId,
          authCode: result.authCode ?? '',
          transactionId: result.transactionId ?? '',
          timeStamp: result.timeStamp ?? '',
          amount: o.amount ?? request.amount,
          method: request.method,
        });
      }
      case 'busy':
        return err('busy', 'terminal is serving another transaction', this.location());
      case 'cancelled':
        return err('cancelled', o.errorCondition, this.location());
      default:
        return err('declined', result.declineReason, this.location());
    }
  }
}

/** nexo TransactionID is a string; 128 is well above Adyen's (`<tenderReference>.<pspReference>`, ~37). */
const MAX_TRANSACTION_ID = 128;
/** ISODateTime as the Terminal API writes it: `2017-07-03T07:45:44.000Z` or with an offset. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** The caller's `originalTransaction`, when given, checked field by field. */
function checkOriginal(request: RefundRequest): Result<PoiTransaction | undefined, PaymentFailure> {
  const given: unknown = request.originalTransaction;
  if (given === undefined) return ok(undefined);
  if (typeof given !== 'object' || given === null)
    return err(
      'invalid-request',
      'originalTransaction must be { transactionId, timeStamp }',
      'originalTransaction',
    );
  const { transactionId, timeStamp } = given as Record<string, unknown>;
  if (
    typeof transactionId !== 'string' ||
    transactionId.length === 0 ||
    transactionId.length > MAX_TRANSACTION_ID ||
    !/^[\x21-\x7e]+$/.test(transactionId)
  )
    return err(
      'invalid-request',
      `originalTransaction.transactionId must be 1..${MAX_TRANSACTION_ID} printable characters without spaces`,
      'originalTransaction.transactionId',
    );
  if (
    typeof timeStamp !== 'string' ||
    !ISO_DATE_TIME.test(timeStamp) ||
    !Number.isFinite(Date.parse(timeStamp))
  )
    return err(
      'invalid-request',
      'originalTransaction.timeStamp must be an ISO 8601 date-time (as the approval gave it)',
      'originalTransaction.timeStamp',
    );
  return ok({ transactionId, timeStamp });
}
