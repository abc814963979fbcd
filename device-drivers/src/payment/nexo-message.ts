import { err, formatDecimalAmount, ok, parseDecimalAmount, type Result } from '@storefloor/core';
import type { PaymentAmount as EcrAmount } from './terminal-result.js';

// nexo Sale-to-POI messages as Adyen's Terminal API carries them (JSON, one message per HTTPS POST to the
// terminal's local endpoint). Field names and values are from docs.adyen.com: "Make a payment"
// (point-of-sale/basic-tapi-integration/make-a-payment), "Verify transaction status"
// (…/verify-transaction-status), "Cancel a transaction" (…/cancel-a-transaction) and "Refund a payment"
// (…/refund-payment/referenced). Only what the lane uses is modelled; unknown fields are ignored.

/** MessageHeader.ProtocolVersion: "3.0" on every Terminal API request (Make a payment, MessageHeader table). */
export const NEXO_PROTOCOL_VERSION = '3.0';

export type NexoCategory = 'Payment' | 'Reversal' | 'Abort' | 'TransactionStatus';

/** The MessageHeader pair identity: SaleID + ServiceID (1-10 alphanumerics, unique per terminal for 48 h). */
export interface NexoAddress {
  readonly saleId: string;
  readonly poiId: string;
  readonly serviceId: string;
}

export interface NexoTransactionId {
  readonly transactionId: string;
  readonly timeStamp: string;
}

type Json = Record<string, unknown>;

function header(category: NexoCategory, at: NexoAddress): Json {
  return {
    ProtocolVersion: NEXO_PROTOCOL_VERSION,
    MessageClass: 'Service',
    MessageCategory: category,
    MessageType: 'Request',
    ServiceID: at.serviceId,
    SaleID: at.saleId,
    POIID: at.poiId,
  };
}

/**
 * Terminal API amounts are JSON decimal numbers in major units (`"RequestedAmount": 10.99`). The number
 * is made from core's decimal string, which round-trips exactly through JSON for any 2- or 3-place amount.
 */
function decimalNumber(amount: EcrAmount): number {
  const text = formatDecimalAmount(amount.minor, amount.currency);
  if (!text.ok) throw new RangeError(`amount currency ${amount.currency} is not a known ISO 4217 currency`);
  return Number(text.value);
}

/** A PaymentRequest for `amount`, the sale's own transaction id (the tender id) in SaleTransactionID. */
export function paymentRequest(at: NexoAddress, sale: NexoTransactionId, amount: EcrAmount): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Payment', at),
      PaymentRequest: {
        SaleData: {
          SaleTransactionID: { TransactionID: sale.transactionId, TimeStamp: sale.timeStamp },
        },
        PaymentTransaction: {
          AmountsReq: { Currency: amount.currency, RequestedAmount: decimalNumber(amount) },
        },
      },
    },
  };
}

/**
 * A referenced refund: a ReversalRequest naming the original payment's POITransactionID, with
 * ReversalReason "MerchantCancel" and, for a partial refund, ReversedAmount ("Refund a payment",
 * referenced refunds).
 */
export function reversalRequest(
  at: NexoAddress,
  original: NexoTransactionId,
  sale: NexoTransactionId,
  amount: EcrAmount | undefined,
): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Reversal', at),
      ReversalRequest: {
        OriginalPOITransaction: {
          POITransactionID: { TransactionID: original.transactionId, TimeStamp: original.timeStamp },
        },
        ReversalReason: 'MerchantCancel',
        SaleData: { SaleTransactionID: { TransactionID: sale.transactionId, TimeStamp: sale.timeStamp } },
        ...(amount ? { ReversedAmount: decimalNumber(amount) } : {}),
      },
    },
  };
}

/** An AbortRequest for the message pair `target` ("Cancel a transaction": AbortReason "MerchantAbort"). */
export function abortRequest(at: NexoAddress, target: { category: NexoCategory; serviceId: string }): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Abort', at),
      AbortRequest: {
        AbortReason: 'MerchantAbort',
        MessageReference: {
          MessageCategory: target.category,
          SaleID: at.saleId,
          POIID: at.poiId,
          ServiceID: target.serviceId,
        },
      },
    },
  };
}

/** A TransactionStatusRequest for the message pair `target` ("Verify transaction status"). */
export function transactionStatusRequest(
  at: NexoAddress,
  target: { category: NexoCategory; serviceId: string },
): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('TransactionStatus', at),
      TransactionStatusRequest: {
        ReceiptReprintFlag: false,
        MessageReference: {
          MessageCategory: target.category,
          SaleID: at.saleId,
          ServiceID: target.serviceId,
        },
      },
    },
  };
}

/** Response.Result (nexo): Success, Failure or Partial. */
export type NexoResult = 'Success' | 'Failure' | 'Partial';

/** The outcome of one Payment or Reversal as the terminal reports it. */
export interface NexoServiceOutcome {
  readonly category: 'Payment' | 'Reversal';
  readonly serviceId: string;
  readonly result: NexoResult;
  /** Response.ErrorCondition on a Failure: Refusal, Cancel, Aborted, Busy, NotFound, InProgress… */
  readonly errorCondition?: string;
  /** AdditionalResponse `refusalReason` / `message`, form-decoded. */
  readonly refusalReason?: string;
  readonly saleTransactionId?: string;
  readonly poiTransaction?: NexoTransactionId;
  readonly amount?: EcrAmount;
  readonly approvalCode?: string;
  readonly paymentBrand?: string;
  readonly maskedPan?: string;
}

export type NexoAnswer =
  | ({ readonly kind: 'outcome' } & NexoServiceOutcome)
  | {
      readonly kind: 'status';
      readonly result: NexoResult;
      readonly errorCondition?: string;
      /** The original response, when the terminal processed the referenced message. */
      readonly repeated?: NexoServiceOutcome;
    }
  /** An EventNotification "Reject": the terminal refused the request itself (bad field, ServiceID reused). */
  | { readonly kind: 'reject'; readonly detail: string };

export type NexoReadError = 'bad-response';

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function additional(response: Json): { refusalReason?: string } {
  const raw = text(response.AdditionalResponse);
  if (!raw) return {};
  const params = new URLSearchParams(raw);
  const reason = params.get('refusalReason') ?? params.get('message') ?? undefined;
  return reason ? { refusalReason: reason } : {};
}

function transactionId(v: unknown): NexoTransactionId | undefined {
  if (!isObj(v)) return undefined;
  const id = text(v.TransactionID);
  const ts = text(v.TimeStamp);
  return id && ts ? { transactionId: id, timeStamp: ts } : undefined;
}

function readResponse(
  body: Json,
  where: string,
): Result<{ result: NexoResult; errorCondition?: string; refusalReason?: string }, NexoReadError> {
  const response = body.Response;
  if (!isObj(response)) return err('bad-response', `${where}.Response is missing`);
  const result = response.Result;
  if (result !== 'Success' && result !== 'Failure' && result !== 'Partial')
    return err(
      'bad-response',
      `${where}.Response.Result ${JSON.stringify(result)} is not Success, Failure or Partial`,
    );
  const condition = text(response.ErrorCondition);
  return ok({ result, ...(condition ? { errorCondition: condition } : {}), ...additional(response) });
}

function amountOf(
  value: unknown,
  currency: unknown,
  where: string,
): Result<EcrAmount | undefined, NexoReadError> {
  if (value === undefined) return ok(undefined);
  if (typeof value !== 'number' || !Number.isFinite(value) || typeof currency !== 'string')
    return err('bad-response', `${where} must be a number with a Currency`);
  const minor = parseDecimalAmount(String(value), currency);
  if (!minor.ok) return err('bad-response', `${where} ${value} ${currency}: ${minor.reason}`);
  return ok({ minor: minor.value, currency });
}

function readOutcome(
  category: 'Payment' | 'Reversal',
  serviceId: string,
  body: Json,
  where: string,
): Result<NexoServiceOutcome, NexoReadError> {
  const response = readResponse(body, where);
  if (!response.ok) return response;
  const poi = isObj(body.POIData) ? transactionId(body.POIData.POITransactionID) : undefined;
  const sale = isObj(body.SaleData) ? transactionId(body.SaleData.SaleTransactionID) : undefined;
  let amount: EcrAmount | undefined;
  let approvalCode: string | undefined;
  let paymentBrand: string | undefined;
  let maskedPan: string | undefined;
  if (category === 'Payment' && isObj(body.PaymentResult)) {
    const pr = body.PaymentResult;
    if (isObj(pr.AmountsResp)) {
      const a = amountOf(
        pr.AmountsResp.AuthorizedAmount,
        pr.AmountsResp.Currency,
        `${where}.PaymentResult.AmountsResp.AuthorizedAmount`,
      );
      if (!a.ok) return a;
      amount = a.value;
    }
    if (isObj(pr.PaymentAcquirerData)) approvalCode = text(pr.PaymentAcquirerData.ApprovalCode);
    const card =
      isObj(pr.PaymentInstrumentData) && isObj(pr.PaymentInstrumentData.CardData)
        ? pr.PaymentInstrumentData.CardData
        : undefined;
    if (card) {
      paymentBrand = text(card.PaymentBrand);
      maskedPan = text(card.MaskedPan);
    }
  }
  if (category === 'Reversal' && body.ReversedAmount !== undefined) {
    // ReversalResponse carries no currency of its own: it is the original payment's.
    if (typeof body.ReversedAmount !== 'number')
      return err('bad-response', `${where}.ReversedAmount must be a number`);
  }
  return ok({
    category,
    serviceId,
    ...response.value,
    ...(sale ? { saleTransactionId: sale.transactionId } : {}),
    ...(poi ? { poiTransaction: poi } : {}),
    ...(amount ? { amount } : {}),
    ...(approvalCode ? { approvalCode } : {}),
    ...(paymentBrand ? { paymentBrand } : {}),
    ...(maskedPan ? { maskedPan } : {}),
  });
}

/**
 * Reads a terminal's answer to one of our requests. The header must echo the pair we sent (SaleID,
 * ServiceID, category) so an answer meant for another request is never taken for ours. Total.
 */
export function readNexoAnswer(
  raw: unknown,
  expect: { category: NexoCategory; serviceId: string; saleId: string },
): Result<NexoAnswer, NexoReadError> {
  if (!isObj(raw)) return err('bad-response', 'the answer is not a JSON object');
  const event = isObj(raw.SaleToPOIRequest) ? raw.SaleToPOIRequest.EventNotification : undefined;
  if (isObj(event)) {
    // The terminal answers a request it cannot take with an EventNotification, EventToNotify "Reject".
    const details = text(event.EventDetails) ?? '';
    const message = new URLSearchParams(details).get('message') ?? details;
    return ok({ kind: 'reject', detail: `${text(event.EventToNotify) ?? 'Reject'}: ${message}` });
  }
  const body = raw.SaleToPOIResponse;
  if (!isObj(body)) return err('bad-response', 'neither SaleToPOIResponse nor an EventNotification');
  const mh = body.MessageHeader;
  if (!isObj(mh)) return err('bad-response', 'MessageHeader is missing');
  if (mh.MessageType !== 'Response' || mh.MessageCategory !== expect.category)
    return err(
      'bad-response',
      `answer is ${String(mh.MessageCategory)}/${String(mh.MessageType)}, expected ${expect.category}/Response`,
    );
  if (mh.ServiceID !== expect.serviceId || mh.SaleID !== expect.saleId)
    return err(
      'bad-response',
      `answer is for ${String(mh.SaleID)}/${String(mh.ServiceID)}, not ${expect.saleId}/${expect.serviceId}`,
    );
  switch (expect.category) {
    case 'Payment':
    case 'Reversal': {
      const key = expect.category === 'Payment' ? 'PaymentResponse' : 'ReversalResponse';
      const inner = body[key];
      if (!isObj(inner)) return err('bad-response', `${key} is missing`);
      const outcome = readOutcome(expect.category, expect.serviceId, inner, key);
      return outcome.ok ? ok({ kind: 'outcome', ...outcome.value }) : outcome;
    }
    case 'TransactionStatus': {
      const inner = body.TransactionStatusResponse;
      if (!isObj(inner)) return err('bad-response', 'TransactionStatusResponse is missing');
      const response = readResponse(inner, 'TransactionStatusResponse');
      if (!response.ok) return response;
      const repeated = inner.RepeatedMessageResponse;
      if (response.value.result !== 'Success' || !isObj(repeated))
        return ok({ kind: 'status', ...response.value });
      const rh = repeated.MessageHeader;
      const rb = repeated.RepeatedResponseMessageBody;
      if (!isObj(rh) || !isObj(rb))
        return err(
          'bad-response',
          'RepeatedMessageResponse needs MessageHeader and RepeatedResponseMessageBody',
        );
      const category = rh.MessageCategory;
      if (category !== 'Payment' && category !== 'Reversal')
        return err('bad-response', `RepeatedMessageResponse is a ${String(category)}`);
      const key = category === 'Payment' ? 'PaymentResponse' : 'ReversalResponse';
      const original = rb[key];
      if (!isObj(original)) return err('bad-response', `RepeatedResponseMessageBody.${key} is missing`);
      const outcome = readOutcome(
        category,
        String(rh.ServiceID ?? ''),
        original,
        `RepeatedResponseMessageBody.${key}`,
      );
      if (!outcome.ok) return outcome;
      return ok({ kind: 'status', ...response.value, repeated: outcome.value });
    }
    case 'Abort':
      return err('bad-response', 'an AbortRequest has no response message');
  }
}
