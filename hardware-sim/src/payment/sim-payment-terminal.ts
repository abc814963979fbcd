import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import type { DeviceKind } from '@storefloor/device-drivers';
import type { SimDevice, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';
import {
  ACK,
  decodeEcrMessage,
  EcrFrameDecoder,
  type EcrRequest,
  type EcrResult,
  encodeEcrFrame,
  encodeEcrMessage,
  NAK,
} from './ecr-codec.js';

export type TerminalFault = 'decline-next' | 'silent' | 'busy' | 'disconnect';
export const TERMINAL_FAULTS: readonly TerminalFault[] = ['decline-next', 'silent', 'busy', 'disconnect'];

/** One line of the terminal's transaction log: the first request with an id and its one result. */
export interface TerminalTransaction {
  readonly requestId: string;
  readonly type: 'purchase' | 'refund';
  readonly request: EcrRequest;
  readonly result: EcrResult;
  readonly at: string;
}

export interface SimPaymentTerminalOptions {
  readonly id: string;
  readonly host?: string;
  readonly port?: number;
}

/**
 * A simulated payment terminal speaking the ECR protocol (device-drivers/src/payment/PROTOCOL.md) on TCP.
 * Its log is keyed by request id: a repeated purchase with a known id returns the original result and
 * never charges again.
 *
 * Faults: decline-next (the next new transaction is declined), silent (transactions are processed and
 * logged but their answers are never sent; status queries still are), busy (new transactions answer
 * busy and are not logged), disconnect (the next request drops the connection before it is read).
 */
export class SimPaymentTerminal implements SimDevice {
  readonly id: string;
  readonly kind: DeviceKind = 'payment-terminal';
  readonly protocol = 'ecr-tcp';
  readonly faultKinds: readonly string[] = TERMINAL_FAULTS;
  readonly #faults = new Set<TerminalFault>();
  readonly #log = new Map<string, TerminalTransaction>();
  readonly #sockets = new Set<Socket>();
  readonly #host: string;
  readonly #port: number;
  #server: Server | undefined;
  #authSeq = 0;

  constructor(options: SimPaymentTerminalOptions) {
    if (!options.id) throw new TypeError('sim payment terminal option "id" is required');
    this.id = options.id;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
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

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    const decoder = new EcrFrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(new Uint8Array(chunk))) {
        if (event.kind === 'error' && (event.reason === 'bad-lrc' || event.reason === 'bad-etx'))
          socket.write(Uint8Array.of(NAK));
        if (event.kind !== 'frame') continue;
        if (this.#faults.delete('disconnect')) {
          socket.destroy();
          return;
        }
        socket.write(Uint8Array.of(ACK));
        const message = decodeEcrMessage(event.payload);
        if (!message.ok || message.value.type === 'result') continue;
        const reply = this.#handle(message.value);
        if (reply) socket.write(encodeEcrFrame(encodeEcrMessage(reply)));
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#sockets.delete(socket));
  }

  #handle(request: EcrRequest): EcrResult | undefined {
    switch (request.type) {
      case 'status':
        return (
          this.#log.get(request.requestId)?.result ?? {
            v: 1,
            type: 'result',
            requestId: request.requestId,
            outcome: 'unknown-request',
          }
        );
      case 'cancel': {
        const target = this.#log.get(request.targetRequestId);
        // Completed transactions cannot be cancelled from the ECR link; answer with what happened.
        return (
          target?.result ?? { v: 1, type: 'result', requestId: request.requestId, outcome: 'unknown-request' }
        );
      }
      case 'purchase':
      case 'refund': {
        const known = this.#log.get(request.requestId);
        if (known) return this.#faults.has('silent') ? undefined : known.result;
        if (this.#faults.has('busy'))
          return { v: 1, type: 'result', requestId: request.requestId, outcome: 'busy' };
        const declined = this.#faults.delete('decline-next');
        const result: EcrResult = declined
          ? {
              v: 1,
              type: 'result',
              requestId: request.requestId,
              outcome: 'declined',
              declineReason: 'insufficient-funds',
            }
          : {
              v: 1,
              type: 'result',
              requestId: request.requestId,
              outcome: 'approved',
              authCode: String(++this.#authSeq).padStart(6, '0'),
              transactionId: randomUUID(),
              amount: request.amount,
              method: request.method,
            };
        this.#log.set(request.requestId, {
          requestId: request.requestId,
          type: request.type,
          request,
          result,
          at: new Date().toISOString(),
        });
        return this.#faults.has('silent') ? undefined : result;
      }
    }
  }
}
