import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '@storefloor/core';
import type { DeviceKind } from '@storefloor/device-drivers';
import WebSocket from 'ws';
import type { SimDevice, SimEndpoint } from '../sim-device.js';
import {
  type CartEvent,
  type CartMessage,
  decodeCartMessage,
  type EdgeCommand,
  encodeCartMessage,
  SequencedLink,
} from './cart-codec.js';

export type CartFault = 'link-lost';
export const CART_FAULTS: readonly CartFault[] = ['link-lost'];

export interface SimSmartCartOptions {
  /** The cart id, also the SimDevice id. */
  readonly id: string;
  /** The edge's cart-link URL, e.g. ws://127.0.0.1:7300. */
  readonly url: string;
  /** Wait before reconnecting after the link dropped (default 200 ms). */
  readonly reconnectDelayMs?: number;
  /** Heartbeat period (default 5000 ms). */
  readonly heartbeatMs?: number;
}

/**
 * A simulated smart cart: a WebSocket client of the edge's cart link. The control API drives it (scan,
 * put weight, remove, request checkout); what the edge sends back (checkout result, exit code) is kept.
 * The fault `link-lost` drops the socket; the cart reconnects after a pause and resumes: messages made
 * while away are sent once, and nothing the edge sent is lost or seen twice.
 */
export class SimSmartCart implements SimDevice {
  readonly id: string;
  readonly kind: DeviceKind = 'smart-cart';
  readonly protocol = 'cart-ws';
  readonly faultKinds: readonly string[] = CART_FAULTS;
  readonly #url: string;
  readonly #reconnectDelayMs: number;
  readonly #heartbeatMs: number;
  readonly #link: SequencedLink;
  readonly #received: EdgeCommand[] = [];
  readonly #faults = new Set<CartFault>();
  #socket: WebSocket | undefined;
  #ready = false;
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #sessionId: string | undefined;
  #grams = 0;
  #connections = 0;
  readonly #readyWaiters: Array<() => void> = [];

  constructor(options: SimSmartCartOptions) {
    if (!options.id) throw new TypeError('sim cart option "id" is required');
    if (!/^wss?:\/\//.test(options.url ?? ''))
      throw new TypeError('sim cart option "url" must be a ws:// URL');
    this.id = options.id;
    this.#url = options.url;
    this.#reconnectDelayMs = options.reconnectDelayMs ?? 200;
    this.#heartbeatMs = options.heartbeatMs ?? 5000;
    this.#link = new SequencedLink(options.id);
  }

  get faults(): readonly string[] {
    return [...this.#faults];
  }

  /** Whether the link is up and resumed. */
  get connected(): boolean {
    return this.#ready;
  }

  /** How many times the cart has completed the hello/welcome handshake. */
  get connections(): number {
    return this.#connections;
  }

  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#connect();
    await this.whenConnected();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    const socket = this.#socket;
    this.#socket = undefined;
    this.#ready = false;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.terminate();
      });
    }
  }

  endpoint(): SimEndpoint {
    return { url: this.#url };
  }

  /** Resolves once the link is up and resumed. */
  whenConnected(): Promise<void> {
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  injectFault(kind: string): Result<void> {
    if (kind !== 'link-lost') return err('unknown-fault', `cart faults: ${CART_FAULTS.join(', ')}`);
    this.#faults.add('link-lost');
    this.#socket?.terminate();
    return ok(undefined);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Commands the edge sent, each once, in order. */
  received(): EdgeCommand[] {
    return [...this.#received];
  }

  /** Messages the cart sent that the edge has not acknowledged yet. */
  unacknowledged(): readonly CartMessage[] {
    return this.#link.unacknowledged;
  }

  startSession(memberId?: string): string {
    this.#sessionId = randomUUID();
    this.#grams = 0;
    this.#emit({ type: 'session-start', sessionId: this.#sessionId, ...(memberId ? { memberId } : {}) });
    return this.#sessionId;
  }

  /** Scans an item; the first action on an idle cart starts a session, as a shopper's first scan does. */
  async scan(code: string): Promise<Result<void>> {
    if (code.length === 0) return err('bad-code', 'empty code');
    const sessionId = this.#sessionId ?? this.startSession();
    this.#emit({ type: 'item-scanned', sessionId, code, quantity: 1 });
    return ok(undefined);
  }

  setWeight(grams: number, stable: boolean): Result<void> {
    const sessionId = this.#sessionId;
    if (!sessionId) return err('no-session', 'start a session first');
    if (!Number.isSafeInteger(grams) || grams < 0)
      return err('bad-weight', 'grams must be a non-negative integer');
    const deltaGrams = grams - this.#grams;
    this.#grams = grams;
    this.#emit({ type: 'weight-changed', sessionId, grams, deltaGrams, stable });
    return ok(undefined);
  }

  removeItem(code: string): Result<void> {
    const sessionId = this.#sessionId;
    if (!sessionId) return err('no-session', 'start a session first');
    this.#emit({ type: 'item-removed', sessionId, code });
    return ok(undefined);
  }

  requestCheckout(): Result<void> {
    const sessionId = this.#sessionId;
    if (!sessionId) return err('no-session', 'start a session first');
    this.#emit({ type: 'checkout-requested', sessionId });
    return ok(undefined);
  }

  #emit(event: CartEvent): void {
    const message = this.#link.enqueue(event);
    if (this.#ready) this.#socket?.send(encodeCartMessage(message));
  }

  #connect(): void {
    if (!this.#running) return;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.on('open', () => {
      socket.send(
        encodeCartMessage({ v: 1, type: 'hello', cartId: this.id, lastReceivedSeq: this.#link.lastReceived }),
      );
    });
    socket.on('message', (data) => this.#onMessage(socket, data.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.#socket === socket) {
        this.#socket = undefined;
        this.#ready = false;
        if (this.#heartbeat) clearInterval(this.#heartbeat);
        if (this.#running) this.#timer = setTimeout(() => this.#connect(), this.#reconnectDelayMs);
      }
    });
  }

  #onMessage(socket: WebSocket, text: string): void {
    const decoded = decodeCartMessage(text);
    if (!decoded.ok) return;
    const m = decoded.value;
    if (m.ack !== undefined) this.#link.acknowledge(m.ack);
    if (m.type === 'welcome') {
      for (const resend of this.#link.resume(m.lastReceivedSeq)) socket.send(encodeCartMessage(resend));
      this.#ready = true;
      this.#connections++;
      this.#faults.delete('link-lost');
      this.#heartbeat = setInterval(() => {
        socket.send(
          encodeCartMessage({ v: 1, type: 'heartbeat', cartId: this.id, ack: this.#link.lastReceived }),
        );
      }, this.#heartbeatMs);
      for (const w of this.#readyWaiters.splice(0)) w();
      return;
    }
    if (m.type !== 'checkout-result' && m.type !== 'exit-code') return;
    if (m.seq === undefined) return;
    const arrival = this.#link.receive(m.seq);
    if (arrival === 'gap') {
      socket.terminate();
      return;
    }
    socket.send(encodeCartMessage({ v: 1, type: 'ack', cartId: this.id, ack: this.#link.lastReceived }));
    if (arrival === 'deliver') {
      const { v: _v, cartId: _c, seq: _s, ack: _a, ...command } = m;
      this.#received.push(command as EdgeCommand);
    }
  }
}
