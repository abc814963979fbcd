import { err, ok } from '@storefloor/core';
import {
  type DeviceCommand,
  FacePayDevice,
  type JsonValue,
  NexoPaymentTerminal,
  originalTransactionArg,
  type PaymentApproved,
} from '@storefloor/device-drivers';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asTerminal(
  run: (terminal: NexoPaymentTerminal, args: Record<string, unknown>) => ReturnType<DeviceCommand['run']>,
) {
  return (async (device, args) => {
    if (!(device instanceof NexoPaymentTerminal))
      return err('wrong-device-kind', `${device.id} is not a payment terminal`);
    if (!isRecord(args)) return err('bad-message', 'arguments must be an object');
    return run(device, args);
  }) satisfies DeviceCommand['run'];
}

/**
 * The lane's payment commands:
 * - `payment-terminal.purchase {requestId, minor, currency}`: the request id is the tender's id, sent as the
 *   nexo `SaleTransactionID`; asking again with the same id never charges twice (a lost answer is recovered
 *   by TransactionStatus, never by paying again: device-drivers' NexoPaymentTerminal). The approval names
 *   the terminal's POI transaction (`transactionId`, `timeStamp`), which the card tender keeps.
 * - `payment-terminal.refund {requestId, originalRequestId, originalTransaction?, minor, currency}`: a
 *   referenced refund of the purchase made under `originalRequestId`, named by `originalTransaction`
 *   (`{ transactionId, timeStamp }` kept from its approval) so any lane's terminal can refund it; idempotent
 *   by its own request id.
 * - `payment-terminal.status {requestId}`: what the terminal says of that tender.
 * - `face-pay.code {provider, tenderId, minor, currency}`: a face payment code from the face-pay device, which
 *   the lane has the edge agent charge.
 */
export const PAYMENT_COMMANDS: Readonly<Record<string, DeviceCommand>> = {
  'payment-terminal.purchase': {
    kind: 'payment-terminal',
    run: asTerminal(async (terminal, args) => {
      const { requestId, minor, currency } = args;
      if (typeof requestId !== 'string' || typeof minor !== 'number' || typeof currency !== 'string') {
        return err('bad-message', 'purchase needs { requestId, minor, currency }');
      }
      const paid = await terminal.purchase({ requestId, amount: { minor, currency }, method: 'card' });
      if (!paid.ok) return paid;
      return ok(approvalReply(requestId, paid.value));
    }),
  },
  // A card refund (a return at any lane): the refund's own request id is its idempotency key, the
  // original purchase's request id (the sale's card tender id) tells the acquirer what it reverses.
  'payment-terminal.refund': {
    kind: 'payment-terminal',
    run: asTerminal(async (terminal, args) => {
      const { requestId, originalRequestId, minor, currency } = args;
      if (
        typeof requestId !== 'string' ||
        typeof originalRequestId !== 'string' ||
        typeof minor !== 'number' ||
        typeof currency !== 'string'
      ) {
        return err('bad-message', 'refund needs { requestId, originalRequestId, minor, currency }');
      }
      const original = originalTransactionArg(args.originalTransaction);
      if (!original.ok) return original;
      const refunded = await terminal.refund({
        requestId,
        originalRequestId,
        ...(original.value ? { originalTransaction: original.value } : {}),
        amount: { minor, currency },
        method: 'card',
      });
      if (!refunded.ok) return refunded;
      return ok(approvalReply(requestId, refunded.value));
    }),
  },
  'payment-terminal.status': {
    kind: 'payment-terminal',
    run: asTerminal(async (terminal, args) => {
      if (typeof args.requestId !== 'string') return err('bad-message', 'status needs { requestId }');
      const status = await terminal.transactionStatus(args.requestId);
      return status.ok ? ok(JSON.parse(JSON.stringify(status.value))) : status;
    }),
  },
  'face-pay.code': {
    kind: 'face-pay',
    run: async (device, args) => {
      if (!(device instanceof FacePayDevice))
        return err('wrong-device-kind', `${device.id} is not a face-pay device`);
      if (!isRecord(args)) return err('bad-message', 'arguments must be an object');
      const { provider, tenderId, minor, currency } = args;
      if (
        (provider !== 'wechat-pay' && provider !== 'alipay') ||
        typeof tenderId !== 'string' ||
        typeof minor !== 'number' ||
        typeof currency !== 'string'
      )
        return err('bad-message', 'face-pay.code needs { provider, tenderId, minor, currency }');
      const code = await device.faceCode({ provider, tenderId, amount: { minor, currency } });
      return code.ok ? ok({ provider: code.value.provider, faceCode: code.value.faceCode }) : code;
    },
  },
};

/** What the renderer gets of an approval: the code to show, the POI transaction a refund names, the amount. */
function approvalReply(requestId: string, approved: PaymentApproved): JsonValue {
  const { authCode, transactionId, timeStamp, amount } = approved;
  return { requestId, authCode, transactionId, timeStamp, minor: amount.minor, currency: amount.currency };
}
