// The cart's side of the Storefloor cart link, written from device-drivers/src/smart-cart/PROTOCOL.md
// ("Envelope" and "Messages") rather than from the edge's codec (ARCHITECTURE.md §2).

import { err, ok, type Result } from '@storefloor/core';

/** PROTOCOL.md, Envelope: every message has `v: 1`. */
export const CART_LINK_VERSION = 1;

/** What a shopper does, as the cart reports it (PROTOCOL.md, Messages: cart → edge, sequenced). */
export type ShopperAction =
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

/** PROTOCOL.md, Messages: `checkout-result.outcome`. */
export const CHECKOUT_OUTCOMES = ['approved', 'declined', 'needs-attendant'] as const;

/** What the edge tells the cart (PROTOCOL.md, Messages: edge → cart, sequenced). */
export type EdgeInstruction =
  | {
      readonly type: 'checkout-result';
      readonly sessionId: string;
      readonly outcome: (typeof CHECKOUT_OUTCOMES)[number];
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
      /** PROTOCOL.md, Messages: the basket's total as the register would charge it, for the cart's screen. */
      readonly type: 'basket-updated';
      readonly sessionId: string;
      readonly totalMinor: number;
      readonly currency: string;
      readonly lines: number;
    };

/** One frame from the edge, read. Control frames carry no `seq` (PROTOCOL.md, Messages). */
export type EdgeFrame =
  | {
      readonly kind: 'instruction';
      readonly seq: number;
      readonly ack?: number;
      readonly instruction: EdgeInstruction;
    }
  | { readonly kind: 'welcome'; readonly lastReceivedSeq: number; readonly ack?: number }
  | { readonly kind: 'ack' | 'heartbeat'; readonly ack?: number };

/** PROTOCOL.md, Messages: the typed rejections; the link stays up after each. */
export type CartWireFault = 'bad-json' | 'bad-version' | 'unknown-type' | 'missing-field' | 'bad-field';

type Fields = Record<string, unknown>;
const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function need<T>(
  fields: Fields,
  name: string,
  valid: (v: unknown) => v is T,
  what: string,
): Result<T, CartWireFault> {
  if (!(name in fields)) return err('missing-field', name);
  return valid(fields[name]) ? ok(fields[name] as T) : err('bad-field', `${name} must be ${what}`);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOutcome = (v: unknown): v is (typeof CHECKOUT_OUTCOMES)[number] =>
  (CHECKOUT_OUTCOMES as readonly unknown[]).includes(v);

/** Reads one text frame from the edge for the cart `cartId`. Pure and total. */
export function readEdgeFrame(text: string, cartId: string): Result<EdgeFrame, CartWireFault> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return err('bad-json', 'frame is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return err('bad-json', 'frame is not a JSON object');
  const f = parsed as Fields;
  if (f.v !== CART_LINK_VERSION) return err('bad-version', `v ${String(f.v)}`);
  if (!('type' in f)) return err('missing-field', 'type');
  const cart = need(f, 'cartId', isText, 'a string');
  if (!cart.ok) return cart;
  if (cart.value !== cartId) return err('bad-field', `cartId ${cart.value} is not this cart`);
  if ('ack' in f && !isSeq(f.ack)) return err('bad-field', 'ack must be a non-negative integer');
  const ack = isSeq(f.ack) ? { ack: f.ack } : {};
  switch (f.type) {
    case 'ack':
    case 'heartbeat':
      return ok({ kind: f.type, ...ack });
    case 'welcome': {
      const last = need(f, 'lastReceivedSeq', isSeq, 'a non-negative integer');
      return last.ok ? ok({ kind: 'welcome', lastReceivedSeq: last.value, ...ack }) : last;
    }
    case 'checkout-result':
    case 'exit-code':
    case 'basket-updated': {
      const seq = need(f, 'seq', (v): v is number => isSeq(v) && v >= 1, 'an integer from 1');
      if (!seq.ok) return seq;
      const sessionId = need(f, 'sessionId', isText, 'a string');
      if (!sessionId.ok) return sessionId;
      const instruction =
        f.type === 'exit-code'
          ? exitCode(f, sessionId.value)
          : f.type === 'basket-updated'
            ? basketUpdated(f, sessionId.value)
            : checkoutResult(f, sessionId.value);
      return instruction.ok
        ? ok({ kind: 'instruction', seq: seq.value, ...ack, instruction: instruction.value })
        : instruction;
    }
    default:
      return err('unknown-type', String(f.type));
  }
}

function exitCode(f: Fields, sessionId: string): Result<EdgeInstruction, CartWireFault> {
  const code = need(f, 'code', isText, 'a string');
  if (!code.ok) return code;
  const expiresAt = need(
    f,
    'expiresAt',
    (v): v is string => isText(v) && !Number.isNaN(Date.parse(v)),
    'a date',
  );
  if (!expiresAt.ok) return expiresAt;
  return ok({ type: 'exit-code', sessionId, code: code.value, expiresAt: expiresAt.value });
}

function basketUpdated(f: Fields, sessionId: string): Result<EdgeInstruction, CartWireFault> {
  const total = need(f, 'totalMinor', (v): v is number => Number.isSafeInteger(v), 'an integer');
  if (!total.ok) return total;
  const currency = need(
    f,
    'currency',
    (v): v is string => typeof v === 'string' && /^[A-Z]{3}$/.test(v),
    'an ISO 4217 code',
  );
  if (!currency.ok) return currency;
  const lines = need(f, 'lines', isSeq, 'a non-negative integer');
  if (!lines.ok) return lines;
  return ok({
    type: 'basket-updated',
    sessionId,
    totalMinor: total.value,
    currency: currency.value,
    lines: lines.value,
  });
}

function checkoutResult(f: Fields, sessionId: string): Result<EdgeInstruction, CartWireFault> {
  const outcome = need(f, 'outcome', isOutcome, CHECKOUT_OUTCOMES.join(' | '));
  if (!outcome.ok) return outcome;
  if ('totalMinor' in f && !Number.isSafeInteger(f.totalMinor))
    return err('bad-field', 'totalMinor must be an integer');
  if ('currency' in f && (typeof f.currency !== 'string' || !/^[A-Z]{3}$/.test(f.currency)))
    return err('bad-field', 'currency must be an ISO 4217 code');
  if ('reason' in f && typeof f.reason !== 'string') return err('bad-field', 'reason must be a string');
  return ok({
    type: 'checkout-result',
    sessionId,
    outcome: outcome.value,
    ...(typeof f.totalMinor === 'number' ? { totalMinor: f.totalMinor } : {}),
    ...(typeof f.currency === 'string' ? { currency: f.currency } : {}),
    ...(typeof f.reason === 'string' ? { reason: f.reason } : {}),
  });
}

/** A shopper action as a sequenced frame (PROTOCOL.md, Envelope: `seq` per cart and direction, from 1). */
export function writeShopperAction(cartId: string, seq: number, ack: number, action: ShopperAction): string {
  return JSON.stringify({ v: CART_LINK_VERSION, cartId, seq, ...(ack > 0 ? { ack } : {}), ...action });
}

/** A control frame: `hello` carries the last edge seq received in order; `ack` and `heartbeat` carry `ack`. */
export function writeCartControl(
  cartId: string,
  type: 'hello' | 'ack' | 'heartbeat',
  lastReceived: number,
): string {
  return JSON.stringify(
    type === 'hello'
      ? { v: CART_LINK_VERSION, type, cartId, lastReceivedSeq: lastReceived }
      : { v: CART_LINK_VERSION, type, cartId, ack: lastReceived },
  );
}
