import { err, ok, type Result } from '@storefloor/core';
import type { Device } from '../device/device.js';
import type { DeviceCommand } from '../host/device-host.js';
import type { JsonValue } from '../host/host-messages.js';
import { NexoPaymentTerminal } from './nexo-payment-terminal.js';
import {
  type PaymentRequest,
  type PoiTransaction,
  type RefundRequest,
  TENDER_METHODS,
  type TenderMethod,
} from './terminal-result.js';

type Terminal = NexoPaymentTerminal;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function asTerminal(
  run: (terminal: Terminal, args: Record<string, unknown>) => Promise<Result<JsonValue>>,
): DeviceCommand['run'] {
  return async (device: Device<unknown>, args) => {
    if (!(device instanceof NexoPaymentTerminal))
      return err('wrong-device-kind', `${device.id} is not a payment terminal`);
    if (!isRecord(args)) return err('bad-message', 'args must be an object');
    return run(device, args);
  };
}

function paymentArgs(args: Record<string, unknown>): Result<PaymentRequest, 'bad-message'> {
  const { requestId, amount, method } = args;
  if (typeof requestId !== 'string') return err('bad-message', 'args.requestId must be a string');
  if (!isRecord(amount) || typeof amount.minor !== 'number' || typeof amount.currency !== 'string')
    return err('bad-message', 'args.amount must be { minor, currency }');
  const m = (method ?? 'card') as TenderMethod;
  if (!TENDER_METHODS.includes(m))
    return err('bad-message', `args.method must be one of ${TENDER_METHODS.join(', ')}`);
  return ok({ requestId, amount: { minor: amount.minor, currency: amount.currency }, method: m });
}

/**
 * `args.originalTransaction`, when given: `{ transactionId, timeStamp }` strings (the terminal checks
 * their form and answers `invalid-request`).
 */
export function originalTransactionArg(value: unknown): Result<PoiTransaction | undefined, 'bad-message'> {
  if (value === undefined) return ok(undefined);
  if (!isRecord(value) || typeof value.transactionId !== 'string' || typeof value.timeStamp !== 'string')
    return err('bad-message', 'args.originalTransaction must be { transactionId, timeStamp } strings');
  return ok({ transactionId: value.transactionId, timeStamp: value.timeStamp });
}

const json = (r: Result<unknown>): Result<JsonValue> => (r.ok ? ok(r.value as JsonValue) : r);

/**
 * `payment.purchase {requestId, amount, method?}`, `payment.refund {…, originalRequestId,
 * originalTransaction?}` (the original's `{ transactionId, timeStamp }` from its approval, for a payment
 * taken at another terminal),
 * `payment.cancel {targetRequestId, requestId}`, `payment.status {requestId}` for the device host. The
 * results are the drivers' typed results (`PaymentApproved`, `PaymentFailure`, `TerminalResult`).
 */
export const PAYMENT_COMMANDS: Readonly<Record<string, DeviceCommand>> = {
  'payment.purchase': {
    kind: 'payment-terminal',
    run: asTerminal(async (t, args) => {
      const request = paymentArgs(args);
      return request.ok ? json(await t.purchase(request.value)) : request;
    }),
  },
  'payment.refund': {
    kind: 'payment-terminal',
    run: asTerminal(async (t, args) => {
      const request = paymentArgs(args);
      if (!request.ok) return request;
      if (typeof args.originalRequestId !== 'string')
        return err('bad-message', 'args.originalRequestId must be a string');
      const original = originalTransactionArg(args.originalTransaction);
      if (!original.ok) return original;
      const refund: RefundRequest = {
        ...request.value,
        originalRequestId: args.originalRequestId,
        ...(original.value ? { originalTransaction: original.value } : {}),
      };
      return json(await t.refund(refund));
    }),
  },
  'payment.cancel': {
    kind: 'payment-terminal',
    run: asTerminal(async (t, args) => {
      if (typeof args.targetRequestId !== 'string' || typeof args.requestId !== 'string')
        return err('bad-message', 'args.targetRequestId and args.requestId must be strings');
      return json(await t.cancel(args.targetRequestId, args.requestId));
    }),
  },
  'payment.status': {
    kind: 'payment-terminal',
    run: asTerminal(async (t, args) => {
      if (typeof args.requestId !== 'string') return err('bad-message', 'args.requestId must be a string');
      return json(await t.transactionStatus(args.requestId));
    }),
  },
};
