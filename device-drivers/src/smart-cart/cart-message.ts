import { err, ok, type Result } from '@storefloor/core';

/**
 * Messages between a smart cart and the edge over WebSocket, one JSON object per text frame.
 * Version 1. Every message carries `v`, `type` and `cartId`. Business messages carry `seq` (per cart and
 * direction, from 1, +1 each) so that a reconnect resumes without loss or duplication; any message may
 * carry `ack`, the highest `seq` received in order from the other side.
 */
export const CART_PROTOCOL_VERSION = 1;

interface Envelope {
  readonly v: 1;
  readonly cartId: string;
  readonly seq?: number;
  readonly ack?: number;
}

/** Cart → edge business messages. Weights are integer grams. */
export type CartEvent =
  | { readonly type: 'session-start'; readonly sessionId: string; readonly memberId?: string }
  | {
      readonly type: 'item-scanned';
      readonly sessionId: string;
      readonly code: string;
      readonly quantity: number;
    }
  | {
      readonly type: 'weight-changed';
      readonly sessionId: string;
      readonly grams: number;
      readonly deltaGrams: number;
      readonly stable: boolean;
    }
  | { readonly type: 'item-removed'; readonly sessionId: string; readonly code: string }
  | { readonly type: 'checkout-requested'; readonly sessionId: string };

/** Edge → cart business messages. Money is integer minor units with an ISO 4217 currency. */
export type EdgeCommand =
  | {
      readonly type: 'checkout-result';
      readonly sessionId: string;
      readonly outcome: 'approved' | 'declined' | 'needs-attendant';
      readonly totalMinor?: number;
      readonly currency?: string;
      readonly reason?: string;
    }
  | {
      readonly type: 'exit-code';
      readonly sessionId: string;
      readonly code: string;
      readonly expiresAt: string;
    }
  | {
      /** The basket as the register would charge it now, for the cart's screen (after every change). */
      readonly type: 'basket-updated';
      readonly sessionId: string;
      readonly totalMinor: number;
      readonly currency: string;
      readonly lines: number;
    };

/** Link control: opening handshake, acknowledgements, heartbeats. Never sequenced. */
export type LinkControl =
  | { readonly type: 'hello'; readonly lastReceivedSeq: number }
  | { readonly type: 'welcome'; readonly lastReceivedSeq: number }
  | { readonly type: 'ack' }
  | { readonly type: 'heartbeat' };

export type CartPayload = CartEvent | EdgeCommand;
export type CartMessage = Envelope & (CartPayload | LinkControl);

export type CartMessageType = CartMessage['type'];
export type CartMessageError = 'bad-json' | 'bad-version' | 'unknown-type' | 'missing-field' | 'bad-field';

type FieldKind =
  | 'id'
  | 'string'
  | 'count'
  | 'seq'
  | 'grams'
  | 'signed-grams'
  | 'bool'
  | 'minor'
  | 'currency'
  | 'outcome'
  | 'time';
type FieldSpec = Readonly<Record<string, readonly [FieldKind, 'required' | 'optional']>>;

const R = 'required' as const;
const O = 'optional' as const;

/** The fields of every message type; the codec accepts nothing else. */
const SCHEMA: Readonly<Record<CartMessageType, FieldSpec>> = {
  'session-start': { sessionId: ['id', R], memberId: ['id', O] },
  'item-scanned': { sessionId: ['id', R], code: ['string', R], quantity: ['count', R] },
  'weight-changed': {
    sessionId: ['id', R],
    grams: ['grams', R],
    deltaGrams: ['signed-grams', R],
    stable: ['bool', R],
  },
  'item-removed': { sessionId: ['id', R], code: ['string', R] },
  'checkout-requested': { sessionId: ['id', R] },
  'checkout-result': {
    sessionId: ['id', R],
    outcome: ['outcome', R],
    totalMinor: ['minor', O],
    currency: ['currency', O],
    reason: ['string', O],
  },
  'exit-code': { sessionId: ['id', R], code: ['string', R], expiresAt: ['time', R] },
  'basket-updated': {
    sessionId: ['id', R],
    totalMinor: ['minor', R],
    currency: ['currency', R],
    lines: ['seq', R],
  },
  hello: { lastReceivedSeq: ['seq', R] },
  welcome: { lastReceivedSeq: ['seq', R] },
  ack: {},
  heartbeat: {},
};

export const SEQUENCED_TYPES: ReadonlySet<CartMessageType> = new Set([
  'session-start',
  'item-scanned',
  'weight-changed',
  'item-removed',
  'checkout-requested',
  'checkout-result',
  'exit-code',
  'basket-updated',
]);

function valid(kind: FieldKind, v: unknown): boolean {
  switch (kind) {
    case 'id':
      return typeof v === 'string' && v.length > 0 && v.length <= 128;
    case 'string':
      return typeof v === 'string' && v.length > 0 && v.length <= 256;
    case 'count':
      return Number.isSafeInteger(v) && (v as number) > 0;
    case 'seq':
    case 'grams':
      return Number.isSafeInteger(v) && (v as number) >= 0;
    case 'signed-grams':
    case 'minor':
      return Number.isSafeInteger(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'currency':
      return typeof v === 'string' && /^[A-Z]{3}$/.test(v);
    case 'outcome':
      return v === 'approved' || v === 'declined' || v === 'needs-attendant';
    case 'time':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v));
  }
}

export function encodeCartMessage(message: CartMessage): string {
  return JSON.stringify(message);
}

/** Validates one WebSocket text frame into a typed message. Total: never throws. */
export function decodeCartMessage(text: string): Result<CartMessage, CartMessageError> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err('bad-json', e instanceof Error ? e.message : 'unparseable');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return err('bad-json', 'not an object');
  const o = raw as Record<string, unknown>;
  if (o.v !== CART_PROTOCOL_VERSION) return err('bad-version', `v must be ${CART_PROTOCOL_VERSION}`, 'v');
  if (o.type === undefined) return err('missing-field', 'type', 'type');
  if (typeof o.type !== 'string' || !Object.hasOwn(SCHEMA, o.type))
    return err('unknown-type', `type ${JSON.stringify(o.type)}`, 'type');
  const type = o.type as CartMessageType;
  if (o.cartId === undefined) return err('missing-field', 'cartId', 'cartId');
  if (!valid('id', o.cartId)) return err('bad-field', 'cartId', 'cartId');
  const out: Record<string, unknown> = { v: 1, type, cartId: o.cartId };
  if (SEQUENCED_TYPES.has(type)) {
    if (o.seq === undefined) return err('missing-field', 'seq', 'seq');
    if (!Number.isSafeInteger(o.seq) || (o.seq as number) < 1)
      return err('bad-field', 'seq must be a positive integer', 'seq');
    out.seq = o.seq;
  }
  if (o.ack !== undefined) {
    if (!Number.isSafeInteger(o.ack) || (o.ack as number) < 0)
      return err('bad-field', 'ack must be a non-negative integer', 'ack');
    out.ack = o.ack;
  }
  for (const [field, [kind, presence]] of Object.entries(SCHEMA[type])) {
    const v = o[field];
    if (v === undefined) {
      if (presence === 'required') return err('missing-field', field, field);
      continue;
    }
    if (!valid(kind, v)) return err('bad-field', `${field} is not a valid ${kind}`, field);
    out[field] = v;
  }
  return ok(out as unknown as CartMessage);
}
