import type { AddressInfo } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import { type WebSocket, WebSocketServer } from 'ws';
import { Device, type DeviceOptions } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import {
  type CartEvent,
  type CartMessage,
  decodeCartMessage,
  type EdgeCommand,
  encodeCartMessage,
  SEQUENCED_TYPES,
} from './cart-message.js';
import { SequencedLink, type SequencedLinkSnapshot } from './sequenced-link.js';

/**
 * Where the server keeps each cart's sequence state so that it survives a restart of the process (the
 * edge agent keeps it in its SQLite). Without one the state lives in memory only: a cart resuming after a
 * restart with a sequence above 1 would be seen as a gap and reconnect in a loop.
 */
export interface CartLinkStateStore {
  load(cartId: string): SequencedLinkSnapshot | undefined;
  save(snapshot: SequencedLinkSnapshot): void;
}

export interface CartLinkServerOptions extends DeviceOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Heartbeat period (default 5000 ms); a cart silent for `missedHeartbeats` periods is dropped. */
  readonly heartbeatMs?: number;
  readonly missedHeartbeats?: number;
  /** Persists each cart's sequence state (default: memory only). */
  readonly linkState?: CartLinkStateStore;
}

/** A cart business message, delivered once and in order per cart, whatever the reconnects. */
export type CartLinkEvent =
  | { readonly kind: 'cart-event'; readonly cartId: string; readonly seq: number; readonly event: CartEvent }
  | { readonly kind: 'cart-connected'; readonly cartId: string; readonly resumedFrom: number }
  | {
      readonly kind: 'cart-disconnected';
      readonly cartId: string;
      readonly reason: 'closed' | 'heartbeat-missed' | 'replaced' | 'sequence-gap';
    };

export interface CartLinkState {
  readonly cartId: string;
  readonly connected: boolean;
  readonly lastReceivedSeq: number;
  readonly unacknowledged: number;
  /** The shopping session the cart last started, if any. */
  readonly sessionId: string | undefined;
}

interface CartEntry {
  link: SequencedLink;
  socket: WebSocket | undefined;
  lastHeard: number;
  sessionId: string | undefined;
}

/** Close code: the link is refused for now (server not enabled), try again later (RFC 6455 §7.4.1 1013). */
const TRY_AGAIN_LATER = 1013;

/**
 * The edge's side of the cart link: a WebSocket server that carts connect to. Each cart opens with
 * `hello` carrying the last sequence it received; the server answers `welcome` with the last sequence it
 * received from the cart and re-sends its unacknowledged commands. Cart events reach `data` exactly
 * once and in order; duplicates from a resend are re-acknowledged and dropped.
 */
export class CartLinkServer extends Device<CartLinkEvent> {
  readonly kind: DeviceKind = 'smart-cart';
  readonly #carts = new Map<string, CartEntry>();
  readonly #host: string;
  readonly #port: number;
  readonly #heartbeatMs: number;
  readonly #missed: number;
  readonly #linkState: CartLinkStateStore | undefined;
  #server: WebSocketServer | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: CartLinkServerOptions) {
    super(options);
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#heartbeatMs = options.heartbeatMs ?? 5000;
    this.#missed = options.missedHeartbeats ?? 3;
    this.#linkState = options.linkState;
    if (!Number.isInteger(this.#port) || this.#port < 0 || this.#port > 65535)
      throw new RangeError('cart link option "port" must be 0..65535');
    if (!(this.#heartbeatMs > 0)) throw new RangeError('cart link option "heartbeatMs" must be positive');
  }

  /** The port listened on (after open). */
  get port(): number | undefined {
    const address = this.#server?.address() as AddressInfo | undefined;
    return address?.port;
  }

  location(): string {
    return `ws://${this.#host}:${this.port ?? this.#port}`;
  }

  protected connect(): Promise<Result<void>> {
    return new Promise((resolve) => {
      const server = new WebSocketServer({ host: this.#host, port: this.#port });
      server.once('error', (e) => resolve(err('open-failed', e.message, this.location())));
      server.once('listening', () => {
        this.#server = server;
        server.on('connection', (socket) => this.#accept(socket));
        this.#heartbeat = setInterval(() => this.#beat(), this.#heartbeatMs);
        resolve(ok(undefined));
      });
    });
  }

  protected async disconnect(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    const server = this.#server;
    this.#server = undefined;
    for (const entry of this.#carts.values()) {
      entry.socket?.terminate();
      entry.socket = undefined;
    }
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Sends a command to a cart; queued while the cart is away and delivered once when it is back. */
  send(cartId: string, command: EdgeCommand): Result<void, 'unknown-cart'> {
    const entry = this.#carts.get(cartId);
    if (!entry) return err('unknown-cart', cartId);
    const message = entry.link.enqueue(command);
    this.#save(entry);
    if (entry.socket) entry.socket.send(encodeCartMessage(message));
    return ok(undefined);
  }

  carts(): CartLinkState[] {
    return [...this.#carts.entries()].map(([cartId, e]) => ({
      cartId,
      connected: e.socket !== undefined,
      lastReceivedSeq: e.link.lastReceived,
      unacknowledged: e.link.unacknowledged.length,
      sessionId: e.sessionId,
    }));
  }

  #accept(socket: WebSocket): void {
    let cartId: string | undefined;
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.emitError({ reason: 'cart-binary-frame' });
        return;
      }
      const decoded = decodeCartMessage(data.toString());
      if (!decoded.ok) {
        this.emitError({
          reason: `cart-${decoded.reason}`,
          ...(decoded.detail ? { detail: decoded.detail } : {}),
        });
        return;
      }
      const m = decoded.value;
      if (cartId === undefined) {
        if (m.type !== 'hello') {
          this.emitError({ reason: 'cart-no-hello', detail: m.type });
          socket.close();
          return;
        }
        if (this.state !== 'enabled') {
          socket.close(TRY_AGAIN_LATER, 'not enabled');
          return;
        }
        cartId = m.cartId;
        this.#hello(socket, m);
        return;
      }
      if (m.cartId !== cartId) {
        this.emitError({ reason: 'cart-id-mismatch', detail: `${m.cartId} on ${cartId}'s link` });
        return;
      }
      const entry = this.#carts.get(cartId);
      if (!entry || entry.socket !== socket) return;
      this.#message(entry, socket, m);
    });
    socket.on('close', () => {
      if (cartId === undefined) return;
      const entry = this.#carts.get(cartId);
      if (entry?.socket === socket) {
        entry.socket = undefined;
        this.emitData({ kind: 'cart-disconnected', cartId, reason: 'closed' });
      }
    });
    socket.on('error', () => socket.terminate());
  }

  #hello(socket: WebSocket, hello: CartMessage & { type: 'hello' }): void {
    let entry = this.#carts.get(hello.cartId);
    if (!entry) {
      entry = {
        link: this.#restore(hello.cartId),
        socket: undefined,
        lastHeard: Date.now(),
        sessionId: undefined,
      };
      this.#carts.set(hello.cartId, entry);
    }
    if (hello.lastReceivedSeq < entry.link.acknowledgedUpTo) {
      // PROTOCOL.md, Resume step 5: the cart has forgotten what it acknowledged, so it lost its link state
      // (a new cart computer, a reset): both directions start over from 1, or its messages would all be
      // taken for duplicates of the old ones.
      this.emitError({
        reason: 'cart-link-reset',
        detail: `${hello.cartId} says ${hello.lastReceivedSeq} after acknowledging ${entry.link.acknowledgedUpTo}`,
      });
      entry.link = new SequencedLink(hello.cartId);
      entry.sessionId = undefined;
    }
    const previous = entry.socket;
    entry.socket = socket;
    entry.lastHeard = Date.now();
    if (previous && previous !== socket) {
      previous.terminate();
      this.emitData({ kind: 'cart-disconnected', cartId: hello.cartId, reason: 'replaced' });
    }
    const welcome: CartMessage = {
      v: 1,
      type: 'welcome',
      cartId: hello.cartId,
      lastReceivedSeq: entry.link.lastReceived,
    };
    socket.send(encodeCartMessage(welcome));
    const resent = entry.link.resume(hello.lastReceivedSeq);
    this.#save(entry);
    for (const m of resent) socket.send(encodeCartMessage(m));
    this.emitData({ kind: 'cart-connected', cartId: hello.cartId, resumedFrom: entry.link.lastReceived });
  }

  #message(entry: CartEntry, socket: WebSocket, m: CartMessage): void {
    entry.lastHeard = Date.now();
    if (m.ack !== undefined && entry.link.unacknowledged.some((u) => (u.seq ?? 0) <= (m.ack ?? 0))) {
      entry.link.acknowledge(m.ack);
      this.#save(entry);
    }
    const ackFrame = () =>
      encodeCartMessage({ v: 1, type: 'ack', cartId: m.cartId, ack: entry.link.lastReceived });
    if (m.type === 'heartbeat') {
      socket.send(
        encodeCartMessage({ v: 1, type: 'heartbeat', cartId: m.cartId, ack: entry.link.lastReceived }),
      );
      return;
    }
    if (!SEQUENCED_TYPES.has(m.type) || m.seq === undefined) return;
    if (m.type === 'checkout-result' || m.type === 'exit-code' || m.type === 'basket-updated') {
      this.emitError({ reason: 'cart-wrong-direction', detail: m.type });
      return;
    }
    const arrival = entry.link.receive(m.seq);
    if (arrival === 'gap') {
      // A lost frame inside one WebSocket should not happen; restart the link so the cart resends.
      this.emitError({
        reason: 'cart-sequence-gap',
        detail: `${m.cartId} sent ${m.seq} after ${entry.link.lastReceived}`,
      });
      entry.socket = undefined;
      socket.terminate();
      this.emitData({ kind: 'cart-disconnected', cartId: m.cartId, reason: 'sequence-gap' });
      return;
    }
    // Kept before the cart is told it may forget the message.
    if (arrival === 'deliver') this.#save(entry);
    socket.send(ackFrame());
    if (arrival === 'deliver') {
      const { v: _v, cartId: _c, seq: _s, ack: _a, ...event } = m;
      if (m.type === 'session-start') entry.sessionId = m.sessionId;
      this.emitData({ kind: 'cart-event', cartId: m.cartId, seq: m.seq, event: event as CartEvent });
    }
  }

  #restore(cartId: string): SequencedLink {
    const snapshot = this.#linkState?.load(cartId);
    return snapshot ? SequencedLink.restore(snapshot) : new SequencedLink(cartId);
  }

  #save(entry: CartEntry): void {
    this.#linkState?.save(entry.link.snapshot());
  }

  #beat(): void {
    const now = Date.now();
    for (const [cartId, entry] of this.#carts) {
      const socket = entry.socket;
      if (!socket) continue;
      if (now - entry.lastHeard > this.#heartbeatMs * this.#missed) {
        entry.socket = undefined;
        socket.terminate();
        this.emitData({ kind: 'cart-disconnected', cartId, reason: 'heartbeat-missed' });
        continue;
      }
      socket.send(encodeCartMessage({ v: 1, type: 'heartbeat', cartId, ack: entry.link.lastReceived }));
    }
  }
}
