import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '@storefloor/core';
import WebSocket from 'ws';
import type { SimDevice, SimDeviceKind, SimEndpoint } from '../sim-device.js';
import { CartOutbox, type OutboxEntry } from './cart-outbox.js';
import {
  type CartWireFault,
  type EdgeInstruction,
  readEdgeFrame,
  type ShopperAction,
  writeCartControl,
  writeShopperAction,
} from './cart-wire.js';

export type CartFault = 'link-lost' | 'garbled';
export const CART_FAULTS: readonly CartFault[] = ['link-lost', 'garbled'];

/**
 * What a failing cart computer puts on the link before its next message when `garbled` is injected: frames
 * the edge must refuse with a typed error (PROTOCOL.md, Messages) while the link stays up.
 */
export function garbledFrames(cartId: string): Array<string | Buffer> {
  return [
    '{"v":1,"type":"item-scanned","cartId"',
    'scan 4000001100007',
    JSON.stringify({ v: 2, type: 'item-scanned', cartId }),
    JSON.stringify({ v: 1, type: 'teleport', cartId }),
    JSON.stringify({ v: 1, type: 'item-scanned', cartId, seq: 1 }),
    Buffer.from([0x00, 0xff, 0x7b]),
  ];
}

export interface SimSmartCartOptions {
  /** The cart id, also the SimDevice id. */
  readonly id: string;
  /** The edge's cart-link URL, e.g. ws://127.0.0.1:7300. */
  readonly url: string;
  /** Wait before reconnecting after the link dropped (default 200 ms). */
  readonly reconnectDelayMs?: number;
  /** Heartbeat period (default 5000 ms). */
  readonly heartbeatMs?: number;
  /**
   * Whether `start()` waits for the link (default true). The virtual store starts its carts before the edge
   * agent listens, so there the cart starts at once and keeps reconnecting until the edge answers.
   */
  readonly waitForLink?: boolean;
}

/**
 * A simulated smart cart: a WebSocket client of the edge's cart link. The control API drives it (scan,
 * put weight, remove, request checkout); what the edge sends back (checkout result, exit code) is kept.
 * The fault `link-lost` drops the socket; the cart reconnects after a pause and resumes: messages made
 * while away are sent once, and nothing the edge sent is lost or seen twice. The fault `garbled` puts
 * malformed, truncated and binary frames on the link before the next message (see garbledFrames).
 */
export class SimSmartCart implements SimDevice {
  readonly id: string;
  readonly kind: SimDeviceKind = 'smart-cart';
  readonly protocol = 'cart-ws';
  readonly faultKinds: readonly string[] = CART_FAULTS;
  readonly #url: string;
  readonly #reconnectDelayMs: number;
  readonly #heartbeatMs: number;
  readonly #waitForLink: boolean;
  readonly #outbox = new CartOutbox();
  readonly #received: EdgeInstruction[] = [];
  readonly #rejected: RejectedFrame[] = [];
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
    this.#waitForLink = options.waitForLink ?? true;
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
    if (this.#waitForLink) await this.whenConnected();
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
    if (!(CART_FAULTS as readonly string[]).includes(kind))
      return err('unknown-fault', `cart faults: ${CART_FAULTS.join(', ')}`);
    this.#faults.add(kind as CartFault);
    if (kind === 'link-lost') this.#socket?.terminate();
    return ok(undefined);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Instructions the edge sent, each once, in order. */
  received(): EdgeInstruction[] {
    return [...this.#received];
  }

  /**
   * What the cart's screen shows, for the control API (`GET /devices/:id/transactions`): the edge's
   * instructions (basket totals, checkout results, exit codes), each once, in order.
   */
  transactions(): EdgeInstruction[] {
    return this.received();
  }

  /** Frames from the edge the cart could not read, with the typed reason; the link stayed up for each. */
  rejected(): RejectedFrame[] {
    return [...this.#rejected];
  }

  /** Shopper actions the cart sent that the edge has not acknowledged yet. */
  unacknowledged(): readonly OutboxEntry[] {
    return this.#outbox.waiting;
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

  #emit(action: ShopperAction): void {
    const entry = this.#outbox.add(action);
    if (!this.#ready) return;
    if (this.#faults.delete('garbled')) {
      for (const junk of garbledFrames(this.id))
        this.#socket?.send(junk, { binary: typeof junk !== 'string' });
    }
    this.#socket?.send(this.#frame(entry));
  }

  #frame(entry: OutboxEntry): string {
    return writeShopperAction(this.id, entry.seq, this.#outbox.lastFromEdge, entry.action);
  }

  #connect(): void {
    if (!this.#running) return;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    // PROTOCOL.md, Resume step 1: every (re)connect starts with hello and the last edge seq received in order.
    socket.on('open', () => socket.send(writeCartControl(this.id, 'hello', this.#outbox.lastFromEdge)));
    socket.on('message', (data, isBinary) => this.#onFrame(socket, isBinary ? undefined : data.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#ready = false;
      if (this.#heartbeat) clearInterval(this.#heartbeat);
      if (this.#running) this.#timer = setTimeout(() => this.#connect(), this.#reconnectDelayMs);
    });
  }

  #onFrame(socket: WebSocket, text: string | undefined): void {
    // PROTOCOL.md, Envelope: one JSON object per text frame; a binary frame is not one.
    const read = text === undefined ? err('bad-json' as const, 'binary frame') : readEdgeFrame(text, this.id);
    if (!read.ok) {
      this.#rejected.push({
        reason: read.reason,
        detail: read.detail ?? '',
        text: (text ?? '').slice(0, 200),
      });
      return;
    }
    const frame = read.value;
    if (frame.ack !== undefined) this.#outbox.acknowledged(frame.ack);
    switch (frame.kind) {
      case 'ack':
      case 'heartbeat':
        return;
      case 'welcome':
        // PROTOCOL.md, Resume step 3: drop what the edge has, re-send the rest in order.
        for (const entry of this.#outbox.resumeAfter(frame.lastReceivedSeq)) socket.send(this.#frame(entry));
        this.#ready = true;
        this.#connections++;
        this.#faults.delete('link-lost');
        if (this.#heartbeat) clearInterval(this.#heartbeat);
        this.#heartbeat = setInterval(
          () => socket.send(writeCartControl(this.id, 'heartbeat', this.#outbox.lastFromEdge)),
          this.#heartbeatMs,
        );
        for (const resolve of this.#readyWaiters.splice(0)) resolve();
        return;
      case 'instruction': {
        const arrival = this.#outbox.arrive(frame.seq);
        // PROTOCOL.md, Resume step 4: a gap restarts the link so the edge resends from the right place.
        if (arrival === 'gap') {
          socket.terminate();
          return;
        }
        socket.send(writeCartControl(this.id, 'ack', this.#outbox.lastFromEdge));
        if (arrival === 'deliver') this.#received.push(frame.instruction);
        return;
      }
    }
  }
}

/** A frame from the edge the cart refused (PROTOCOL.md, Messages: typed error, the link stays up). */
export interface RejectedFrame {
  readonly reason: CartWireFault;
  readonly detail: string;
  readonly text: string;
}
