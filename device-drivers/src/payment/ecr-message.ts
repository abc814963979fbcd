import { err, ok, type Result } from '@storefloor/core';
import { type PaymentAmount, TENDER_METHODS, type TenderMethod } from './terminal-result.js';

/** ECR application messages (PROTOCOL.md §3). Version 1; amounts are integer minor units + ISO 4217. */
export const ECR_VERSION = 1;

export type { TenderMethod } from './terminal-result.js';
export { TENDER_METHODS } from './terminal-result.js';

export type EcrAmount = PaymentAmount;

export type EcrRequest =
  | {
      readonly v: 1;
      readonly type: 'purchase';
      readonly requestId: string;
      readonly amount: EcrAmount;
      readonly method: TenderMethod;
    }
  | {
      readonly v: 1;
      readonly type: 'refund';
      readonly requestId: string;
      readonly amount: EcrAmount;
      readonly method: TenderMethod;
      readonly originalRequestId: string;
    }
  | { readonly v: 1; readonly type: 'cancel'; readonly requestId: string; readonly targetRequestId: string }
  | { readonly v: 1; readonly type: 'status'; readonly requestId: string };

export type EcrOutcome = 'approved' | 'declined' | 'busy' | 'cancelled' | 'in-progress' | 'unknown-request';
export const ECR_OUTCOMES: readonly EcrOutcome[] = [
  'approved',
  'declined',
  'busy',
  'cancelled',
  'in-progress',
  'unknown-request',
];

export interface EcrResult {
  readonly v: 1;
  readonly type: 'result';
  readonly requestId: string;
  readonly outcome: EcrOutcome;
  readonly authCode?: string;
  readonly transactionId?: string;
  readonly declineReason?: string;
  readonly amount?: EcrAmount;
  readonly method?: TenderMethod;
}

export type EcrMessage = EcrRequest | EcrResult;

export type EcrMessageError = 'bad-json' | 'bad-version' | 'unknown-type' | 'missing-field' | 'bad-field';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeEcrMessage(message: EcrMessage): Uint8Array {
  return encoder.encode(JSON.stringify(message));
}

type Obj = Record<string, unknown>;

function str(o: Obj, key: string): Result<string, EcrMessageError> {
  const v = o[key];
  if (v === undefined) return err('missing-field', key, key);
  if (typeof v !== 'string' || v.length === 0 || v.length > 128)
    return err('bad-field', `${key} must be a string of 1..128`, key);
  return ok(v);
}

function amount(o: Obj): Result<EcrAmount, EcrMessageError> {
  const a = o.amount;
  if (a === undefined) return err('missing-field', 'amount', 'amount');
  if (typeof a !== 'object' || a === null) return err('bad-field', 'amount must be an object', 'amount');
  const { minor, currency } = a as Obj;
  if (!Number.isSafeInteger(minor) || (minor as number) <= 0)
    return err('bad-field', 'amount.minor must be a positive integer', 'amount.minor');
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    return err('bad-field', 'amount.currency must be ISO 4217', 'amount.currency');
  return ok({ minor: minor as number, currency });
}

function method(o: Obj): Result<TenderMethod, EcrMessageError> {
  const m = o.method;
  if (m === undefined) return err('missing-field', 'method', 'method');
  if (!(TENDER_METHODS as readonly unknown[]).includes(m))
    return err('bad-field', `method must be one of ${TENDER_METHODS.join(', ')}`, 'method');
  return ok(m as TenderMethod);
}

/** Validates a payload into a typed message. Total: never throws. */
export function decodeEcrMessage(payload: Uint8Array): Result<EcrMessage, EcrMessageError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(payload));
  } catch (e) {
    return err('bad-json', e instanceof Error ? e.message : 'unparseable');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return err('bad-json', 'not an object');
  const o = parsed as Obj;
  if (o.v !== ECR_VERSION) return err('bad-version', `v must be ${ECR_VERSION}`, 'v');
  const id = str(o, 'requestId');
  if (!id.ok) return id;
  const requestId = id.value;
  switch (o.type) {
    case 'purchase': {
      const a = amount(o);
      if (!a.ok) return a;
      const m = method(o);
      if (!m.ok) return m;
      return ok({ v: 1, type: 'purchase', requestId, amount: a.value, method: m.value });
    }
    case 'refund': {
      const a = amount(o);
      if (!a.ok) return a;
      const m = method(o);
      if (!m.ok) return m;
      const orig = str(o, 'originalRequestId');
      if (!orig.ok) return orig;
      return ok({
        v: 1,
        type: 'refund',
        requestId,
        amount: a.value,
        method: m.value,
        originalRequestId: orig.value,
      });
    }
    case 'cancel': {
      const target = str(o, 'targetRequestId');
      if (!target.ok) return target;
      return ok({ v: 1, type: 'cancel', requestId, targetRequestId: target.value });
    }
    case 'status':
      return ok({ v: 1, type: 'status', requestId });
    case 'result': {
      if (!(ECR_OUTCOMES as readonly unknown[]).includes(o.outcome)) {
        return o.outcome === undefined
          ? err('missing-field', 'outcome', 'outcome')
          : err('bad-field', 'outcome', 'outcome');
      }
      const result: { -readonly [K in keyof EcrResult]: EcrResult[K] } = {
        v: 1,
        type: 'result',
        requestId,
        outcome: o.outcome as EcrOutcome,
      };
      for (const key of ['authCode', 'transactionId', 'declineReason'] as const) {
        const v = o[key];
        if (v === undefined) continue;
        if (typeof v !== 'string') return err('bad-field', `${key} must be a string`, key);
        result[key] = v;
      }
      if (o.amount !== undefined) {
        const a = amount(o);
        if (!a.ok) return a;
        result.amount = a.value;
      }
      if (o.method !== undefined) {
        const m = method(o);
        if (!m.ok) return m;
        result.method = m.value;
      }
      return ok(result);
    }
    case undefined:
      return err('missing-field', 'type', 'type');
    default:
      return err('unknown-type', `type ${JSON.stringify(o.type)}`, 'type');
  }
}
