import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import type { SimDevice, SimDeviceKind, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';
import { ACK, EcrLinkReader, frameEcrPayload, NAK } from './ecr-link-reader.js';
import {
  type RequestFault,
  readTerminalRequest,
  type TerminalAnswer,
  type TerminalRequest,
  writeTerminalAnswer,
} from './ecr-request.js';

export type TerminalFault =
  | 'decline-next'
  | 'silent'
  | 'busy'
  | 'disconnect'
  | 'line-noise'
  | 'customer-slow';
export const TERMINAL_FAULTS: readonly TerminalFault[] = [
  'decline-next',
  'silent',
  'busy',
  'disconnect',
  'line-noise',
  'customer-slow',
];

/** Noise a bad cable puts before the next answer: stray bytes and a line ending, none of them STX. */
const NOISE = Uint8Array.of(0x00, 0xff, 0x41, 0x0d, 0x0a);

/** One line of the terminal's transaction log: the first request with an id and its one result. */
export interface TerminalTransaction {
  readonly requestId: string;
  readonly type: 'purchase' | 'refund';
  readonly request: TerminalRequest;
  readonly result: TerminalAnswer;
  readonly at: string;
}

/** Something wrong the terminal saw on the link: a framing fault, stray bytes or an unusable message. */
export interface TerminalLinkFault {
  readonly fault: 'bad-etx' | 'bad-lrc' | 'oversized' | 'abandoned' | 'stray-bytes' | RequestFault;
  readonly detail?: string;
  readonly at: string;
}

export interface SimPaymentTerminalOptions {
  readonly id: string;
  readonly host?: string;
  readonly port?: number;
  /** With `customer-slow`: how long the customer takes to tap or scan before the terminal approves (default 2000 ms). */
  readonly customerDelayMs?: number;
}

/**
 * A simulated payment terminal speaking the ECR protocol (device-drivers/src/payment/PROTOCOL.md) on TCP.
 * Its log is keyed by request id: a repeated purchase with a known id returns the original result and
 * never charges again.
 *
 * Faults: decline-next (the next new transaction is declined), silent (transactions are processed and
 * logged but their answers are never sent; status queries still are), busy (new transactions answer
 * busy and are not logged), disconnect (the next request drops the connection before it is read),
 * line-noise (the next answer goes out after noise and first with a wrong LRC, so the ECR must NAK it and
 * resynchronise on the good copy; PROTOCOL.md §2), customer-slow (the next transaction waits for the
 * customer: it answers in-progress, is cancellable, and is approved after `customerDelayMs` or when
 * `customerActs()` says so; other new transactions meanwhile answer busy).
 */
export class SimPaymentTerminal implements SimDevice {
  readonly id: string;
  readonly kind: SimDeviceKind = 'payment-terminal';
  readonly protocol = 'ecr-tcp';
  readonly faultKinds: readonly string[] = TERMINAL_FAULTS;
  readonly #faults = new Set<TerminalFault>();
  readonly #log = new Map<string, TerminalTransaction>();
  readonly #sockets = new Set<Socket>();
  readonly #linkFaults: TerminalLinkFault[] = [];
  readonly #host: string;
  readonly #port: number;
  readonly #customerDelayMs: number;
  #server: Server | undefined;
  #authSeq = 0;
  /** The transaction waiting for the customer, if any (PROTOCOL.md §3, outcome `in-progress`). */
  #waiting:
    | { readonly request: TerminalRequest & { type: 'purchase' | 'refund' }; timer: NodeJS.Timeout }
    | undefined;

  constructor(options: SimPaymentTerminalOptions) {
    if (!options.id) throw new TypeError('sim payment terminal option "id" is required');
    if (
      options.customerDelayMs !== undefined &&
      (!Number.isSafeInteger(options.customerDelayMs) || options.customerDelayMs < 0)
    )
      throw new TypeError('sim payment terminal option "customerDelayMs" must be a non-negative integer');
    this.id = options.id;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#customerDelayMs = options.customerDelayMs ?? 2000;
  }

  get faults(): readonly string[] {
    return [...this.#faults];
  }

  start(): Promise<void> {
    if (this.#server) return Promise.resolve();
    const server = createServer((socket) => this.#accept(socket));
    this.#server = server;
    return listen(server, this.#port, this.#host);
  }

  async stop(): Promise<void> {
    if (this.#waiting) clearTimeout(this.#waiting.timer);
    this.#waiting = undefined;
    const server = this.#server;
    this.#server = undefined;
    await unplug(server, this.#sockets);
  }

  endpoint(): SimEndpoint {
    const address = this.#server?.address();
    return typeof address === 'object' && address ? { port: address.port } : {};
  }

  injectFault(kind: string): Result<void> {
    if (!(TERMINAL_FAULTS as readonly string[]).includes(kind))
      return err('unknown-fault', `terminal faults: ${TERMINAL_FAULTS.join(', ')}`);
    this.#faults.add(kind as TerminalFault);
    return ok(undefined);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  transactions(): TerminalTransaction[] {
    return [...this.#log.values()];
  }

  /** Approved purchases: what the customer's card was actually charged. */
  charges(): TerminalTransaction[] {
    return this.transactions().filter((t) => t.type === 'purchase' && t.result.outcome === 'approved');
  }

  /** What the terminal could not use on its links, oldest first: the proof that bad input was seen, not lost. */
  linkFaults(): TerminalLinkFault[] {
    return [...this.#linkFaults];
  }

  #noteFault(fault: TerminalLinkFault['fault'], detail?: string): void {
    this.#linkFaults.push({ fault, at: new Date().toISOString(), ...(detail ? { detail } : {}) });
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    const reader = new EcrLinkReader();
    // PROTOCOL.md §2: "On NAK the sender sends the same frame again": the last result sent on this link.
    let lastSent: Uint8Array | undefined;
    const send = (answer: TerminalAnswer) => {
      lastSent = frameEcrPayload(writeTerminalAnswer(answer));
      if (this.#faults.delete('line-noise')) {
        const corrupted = Uint8Array.from(lastSent);
        corrupted[corrupted.length - 1] = (corrupted.at(-1) as number) ^ 0x01;
        socket.write(NOISE);
        socket.write(corrupted);
        return;
      }
      socket.write(lastSent);
    };
    socket.on('data', (chunk: Buffer) => {
      for (const item of reader.read(new Uint8Array(chunk))) {
        switch (item.kind) {
          case 'answer':
            if (item.answer === 'nak' && lastSent) socket.write(lastSent);
            break;
          case 'stray':
            this.#noteFault('stray-bytes', `${item.count} bytes outside a frame`);
            break;
          case 'fault':
            this.#noteFault(item.fault);
            // PROTOCOL.md §2: NAK answers a frame whose ETX or LRC is wrong.
            if (item.fault === 'bad-etx' || item.fault === 'bad-lrc') socket.write(Uint8Array.of(NAK));
            break;
          case 'frame': {
            if (this.#faults.delete('disconnect')) {
              socket.destroy();
              return;
            }
            socket.write(Uint8Array.of(ACK));
            // PROTOCOL.md §4: a well-framed but invalid message is acknowledged and ignored.
            const request = readTerminalRequest(item.payload);
            if (!request.ok) {
              this.#noteFault(request.reason, request.detail);
              break;
            }
            const answer = this.#handle(request.value);
            if (answer) send(answer);
            break;
          }
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#sockets.delete(socket));
  }

  /**
   * The waiting customer taps (approved) or their card is refused (declined). Returns false when nothing is
   * waiting. The ECR learns it from its next status query.
   */
  customerActs(outcome: 'approved' | 'declined' = 'approved'): boolean {
    const waiting = this.#waiting;
    if (!waiting) return false;
    clearTimeout(waiting.timer);
    this.#waiting = undefined;
    this.#settle(
      waiting.request,
      outcome === 'approved' ? this.#approve(waiting.request) : this.#decline(waiting.request),
    );
    return true;
  }

  #handle(request: TerminalRequest): TerminalAnswer | undefined {
    switch (request.type) {
      case 'status':
        // PROTOCOL.md §3: a status answer is the stored result of that id, identical to the original.
        return this.#log.get(request.requestId)?.result ?? this.#unknown(request.requestId);
      case 'cancel':
        return this.#cancel(request.requestId, request.targetRequestId);
      case 'purchase':
      case 'refund': {
        // PROTOCOL.md §1: a request whose id is known is never executed again.
        const known = this.#log.get(request.requestId);
        if (known) return this.#faults.has('silent') ? undefined : known.result;
        // PROTOCOL.md §3: busy means serving another request, and nothing was logged.
        if (this.#faults.has('busy') || this.#waiting)
          return { requestId: request.requestId, outcome: 'busy' };
        if (this.#faults.delete('customer-slow')) {
          const timer = setTimeout(() => this.customerActs('approved'), this.#customerDelayMs);
          timer.unref();
          this.#waiting = { request, timer };
          return this.#settle(request, { requestId: request.requestId, outcome: 'in-progress' });
        }
        const result = this.#faults.delete('decline-next') ? this.#decline(request) : this.#approve(request);
        this.#settle(request, result);
        return this.#faults.has('silent') ? undefined : result;
      }
    }
  }

  /**
   * PROTOCOL.md §3: `cancel` stops a request still waiting for the customer (`cancelled`: no money moved).
   * The answer carries the cancel's own requestId ("a result answers the request with the same requestId"):
   * `cancelled` when it stopped the target, the target's outcome when it came too late, `unknown-request`
   * when the target was never seen.
   */
  #cancel(requestId: string, targetRequestId: string): TerminalAnswer {
    const waiting = this.#waiting;
    if (waiting?.request.requestId === targetRequestId) {
      clearTimeout(waiting.timer);
      this.#waiting = undefined;
      this.#settle(waiting.request, { requestId: targetRequestId, outcome: 'cancelled' });
      return { requestId, outcome: 'cancelled' };
    }
    const target = this.#log.get(targetRequestId);
    if (!target) return this.#unknown(requestId);
    return { ...target.result, requestId };
  }

  #approve(request: TerminalRequest & { type: 'purchase' | 'refund' }): TerminalAnswer {
    return {
      requestId: request.requestId,
      outcome: 'approved',
      authCode: String(++this.#authSeq).padStart(6, '0'),
      transactionId: randomUUID(),
      amount: request.amount,
      method: request.method,
    };
  }

  #decline(request: TerminalRequest): TerminalAnswer {
    return { requestId: request.requestId, outcome: 'declined', declineReason: 'insufficient-funds' };
  }

  /** Records the one result of a request id; a waiting one is replaced once the customer acts. */
  #settle(
    request: TerminalRequest & { type: 'purchase' | 'refund' },
    result: TerminalAnswer,
  ): TerminalAnswer {
    this.#log.set(request.requestId, {
      requestId: request.requestId,
      type: request.type,
      request,
      result,
      at: new Date().toISOString(),
    });
    return result;
  }

  #unknown(requestId: string): TerminalAnswer {
    return { requestId, outcome: 'unknown-request' };
  }
}
