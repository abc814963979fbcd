// The messages a payment terminal reads and writes on the ECR link, from device-drivers/src/payment/PROTOCOL.md
// §3 (messages) and §4 (errors); written apart from the driver's codec (ARCHITECTURE.md §2).

import { err, ok, type Result } from '@storefloor/core';

/** PROTOCOL.md §3: every payload carries `v: 1`. */
export const ECR_VERSION = 1;
/** PROTOCOL.md §3: `requestId` is 1–128 characters. */
const MAX_REQUEST_ID = 128;
/** PROTOCOL.md §3: the tenders a purchase or refund names. */
export const TENDER_METHODS = ['card', 'wallet-qr', 'face-pay'] as const;
export type TenderMethod = (typeof TENDER_METHODS)[number];

/** PROTOCOL.md §1: amounts are integer minor units with an ISO 4217 currency. */
export interface TerminalAmount {
  readonly minor: number;
  readonly currency: string;
}

/** What the ECR asks (PROTOCOL.md §3, "ECR → terminal"). */
export type TerminalRequest =
  | {
      readonly type: 'purchase';
      readonly requestId: string;
      readonly amount: TerminalAmount;
      readonly method: TenderMethod;
    }
  | {
      readonly type: 'refund';
      readonly requestId: string;
      readonly amount: TerminalAmount;
      readonly method: TenderMethod;
      readonly originalRequestId: string;
    }
  | { readonly type: 'cancel'; readonly requestId: string; readonly targetRequestId: string }
  | { readonly type: 'status'; readonly requestId: string };

/** PROTOCOL.md §3, "terminal → ECR": the outcomes a result frame carries. */
export type TerminalOutcome =
  | 'approved'
  | 'declined'
  | 'busy'
  | 'cancelled'
  | 'in-progress'
  | 'unknown-request';

export interface TerminalAnswer {
  readonly requestId: string;
  readonly outcome: TerminalOutcome;
  readonly authCode?: string;
  readonly transactionId?: string;
  readonly amount?: TerminalAmount;
  readonly method?: TenderMethod;
  readonly declineReason?: string;
}

/** PROTOCOL.md §4: the stable reasons for a frame with a good LRC but an unusable message. */
export type RequestFault =
  | 'ecr-bad-json'
  | 'ecr-bad-version'
  | 'ecr-unknown-type'
  | 'ecr-missing-field'
  | 'ecr-bad-field';

type Fields = Record<string, unknown>;

function text(fields: Fields, name: string): Result<string, RequestFault> {
  const value = fields[name];
  if (value === undefined) return err('ecr-missing-field', name);
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_REQUEST_ID)
    return err('ecr-bad-field', `${name} must be 1-128 characters`);
  return ok(value);
}

function amountOf(fields: Fields): Result<TerminalAmount, RequestFault> {
  const value = fields.amount;
  if (value === undefined) return err('ecr-missing-field', 'amount');
  if (typeof value !== 'object' || value === null) return err('ecr-bad-field', 'amount must be an object');
  const { minor, currency } = value as Fields;
  if (!Number.isSafeInteger(minor) || (minor as number) <= 0)
    return err('ecr-bad-field', 'amount.minor must be a positive integer');
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    return err('ecr-bad-field', 'amount.currency must be an ISO 4217 code');
  return ok({ minor: minor as number, currency });
}

function methodOf(fields: Fields): Result<TenderMethod, RequestFault> {
  const value = fields.method;
  if (value === undefined) return err('ecr-missing-field', 'method');
  if (!(TENDER_METHODS as readonly unknown[]).includes(value))
    return err('ecr-bad-field', `method must be one of ${TENDER_METHODS.join(', ')}`);
  return ok(value as TenderMethod);
}

/** Reads one frame's payload as an ECR request. Pure and total: every fault is a value. */
export function readTerminalRequest(payload: Uint8Array): Result<TerminalRequest, RequestFault> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return err('ecr-bad-json', 'payload is not UTF-8 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return err('ecr-bad-json', 'payload is not a JSON object');
  const fields = parsed as Fields;
  if (fields.v !== ECR_VERSION) return err('ecr-bad-version', `v ${String(fields.v)}`);
  const requestId = text(fields, 'requestId');
  if (!requestId.ok) return requestId;
  switch (fields.type) {
    case 'status':
      return ok({ type: 'status', requestId: requestId.value });
    case 'cancel': {
      const target = text(fields, 'targetRequestId');
      return target.ok
        ? ok({ type: 'cancel', requestId: requestId.value, targetRequestId: target.value })
        : target;
    }
    case 'purchase':
    case 'refund': {
      const amount = amountOf(fields);
      if (!amount.ok) return amount;
      const method = methodOf(fields);
      if (!method.ok) return method;
      if (fields.type === 'purchase')
        return ok({
          type: 'purchase',
          requestId: requestId.value,
          amount: amount.value,
          method: method.value,
        });
      const original = text(fields, 'originalRequestId');
      if (!original.ok) return original;
      return ok({
        type: 'refund',
        requestId: requestId.value,
        amount: amount.value,
        method: method.value,
        originalRequestId: original.value,
      });
    }
    case undefined:
      return err('ecr-missing-field', 'type');
    default:
      // A `result` is what the terminal sends, never what it is asked (PROTOCOL.md §3).
      return err('ecr-unknown-type', String(fields.type));
  }
}

/** The payload of a `result` frame (PROTOCOL.md §3, "terminal → ECR"). */
export function writeTerminalAnswer(answer: TerminalAnswer): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: ECR_VERSION, type: 'result', ...answer }));
}
