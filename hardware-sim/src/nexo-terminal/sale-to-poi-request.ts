// What the simulated terminal reads from a cash register, written from docs.adyen.com (not from our driver):
// "Make a payment" (point-of-sale/basic-tapi-integration/make-a-payment): MessageHeader fields and
// PaymentRequest.SaleData.SaleTransactionID, PaymentTransaction.AmountsReq; "Verify transaction status":
// TransactionStatusRequest.MessageReference; "Cancel a transaction": AbortRequest.MessageReference;
// "Refund a payment" (referenced): ReversalRequest.OriginalPOITransaction, ReversedAmount.

export interface SaleHeader {
  readonly category: string;
  readonly saleId: string;
  readonly serviceId: string;
  readonly poiId: string;
}

export type SaleRequest =
  | {
      readonly type: 'payment';
      readonly header: SaleHeader;
      readonly saleTransactionId: string;
      readonly saleTimeStamp: string;
      readonly currency: string;
      /** RequestedAmount exactly as sent (a JSON decimal number, major units). */
      readonly requestedAmount: number;
    }
  | {
      readonly type: 'reversal';
      readonly header: SaleHeader;
      readonly originalPoiTransactionId: string;
      /** OriginalPOITransaction.POITransactionID.TimeStamp: the original payment's, as its response gave it. */
      readonly originalTimeStamp: string;
      readonly saleTransactionId?: string;
      readonly reversedAmount?: number;
    }
  | {
      readonly type: 'abort';
      readonly header: SaleHeader;
      readonly target: { category: string; serviceId: string };
    }
  | {
      readonly type: 'status';
      readonly header: SaleHeader;
      readonly target?: { category: string; serviceId: string };
    };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** ServiceID: "1-10 alphanumeric characters" (Make a payment, MessageHeader table). */
const SERVICE_ID = /^[A-Za-z0-9]{1,10}$/;

/** A request as the terminal understands it, or why it refuses it (answered as an EventNotification Reject). */
export function readSaleRequest(
  raw: unknown,
): { ok: true; request: SaleRequest } | { ok: false; reason: string; header?: SaleHeader } {
  if (!isObj(raw) || !isObj(raw.SaleToPOIRequest)) return { ok: false, reason: 'no SaleToPOIRequest' };
  const body = raw.SaleToPOIRequest;
  const mh = body.MessageHeader;
  if (!isObj(mh)) return { ok: false, reason: 'MessageHeader missing' };
  if (mh.ProtocolVersion !== '3.0' || mh.MessageClass !== 'Service' || mh.MessageType !== 'Request')
    return { ok: false, reason: 'MessageHeader must be ProtocolVersion 3.0, Service, Request' };
  const saleId = str(mh.SaleID);
  const serviceId = str(mh.ServiceID);
  const poiId = str(mh.POIID);
  const category = str(mh.MessageCategory);
  if (!saleId || !poiId || !category)
    return { ok: false, reason: 'SaleID, POIID and MessageCategory are required' };
  if (!serviceId || !SERVICE_ID.test(serviceId))
    return { ok: false, reason: 'ServiceID must be 1-10 alphanumeric characters' };
  const header: SaleHeader = { category, saleId, serviceId, poiId };
  const reference = (v: unknown) =>
    isObj(v) && str(v.ServiceID) && str(v.MessageCategory)
      ? { category: v.MessageCategory as string, serviceId: v.ServiceID as string }
      : undefined;
  switch (category) {
    case 'Payment': {
      const pr = body.PaymentRequest;
      const sale = isObj(pr) && isObj(pr.SaleData) ? pr.SaleData.SaleTransactionID : undefined;
      const amounts =
        isObj(pr) && isObj(pr.PaymentTransaction) ? pr.PaymentTransaction.AmountsReq : undefined;
      if (!isObj(sale) || !str(sale.TransactionID) || !str(sale.TimeStamp))
        return { ok: false, reason: 'SaleTransactionID needs TransactionID and TimeStamp', header };
      if (
        !isObj(amounts) ||
        typeof amounts.RequestedAmount !== 'number' ||
        !/^[A-Z]{3}$/.test(String(amounts.Currency))
      )
        return { ok: false, reason: 'AmountsReq needs Currency and RequestedAmount', header };
      if (!(amounts.RequestedAmount > 0))
        return { ok: false, reason: 'RequestedAmount must be positive', header };
      return {
        ok: true,
        request: {
          type: 'payment',
          header,
          saleTransactionId: sale.TransactionID as string,
          saleTimeStamp: sale.TimeStamp as string,
          currency: amounts.Currency as string,
          requestedAmount: amounts.RequestedAmount,
        },
      };
    }
    case 'Reversal': {
      const rr = body.ReversalRequest;
      const orig =
        isObj(rr) && isObj(rr.OriginalPOITransaction)
          ? rr.OriginalPOITransaction.POITransactionID
          : undefined;
      // A POITransactionID is a TransactionID and its TimeStamp (the ReversalRequest example on
      // docs.adyen.com names both); one without the other does not name a transaction.
      if (!isObj(rr) || !isObj(orig) || !str(orig.TransactionID) || !str(orig.TimeStamp))
        return {
          ok: false,
          reason: 'OriginalPOITransaction.POITransactionID needs TransactionID and TimeStamp',
          header,
        };
      const sale =
        isObj(rr.SaleData) && isObj(rr.SaleData.SaleTransactionID)
          ? str(rr.SaleData.SaleTransactionID.TransactionID)
          : undefined;
      return {
        ok: true,
        request: {
          type: 'reversal',
          header,
          originalPoiTransactionId: orig.TransactionID as string,
          originalTimeStamp: orig.TimeStamp as string,
          ...(sale ? { saleTransactionId: sale } : {}),
          ...(typeof rr.ReversedAmount === 'number' ? { reversedAmount: rr.ReversedAmount } : {}),
        },
      };
    }
    case 'Abort': {
      const target = isObj(body.AbortRequest) ? reference(body.AbortRequest.MessageReference) : undefined;
      if (!target)
        return {
          ok: false,
          reason: 'AbortRequest.MessageReference needs MessageCategory and ServiceID',
          header,
        };
      return { ok: true, request: { type: 'abort', header, target } };
    }
    case 'TransactionStatus': {
      const tsr = body.TransactionStatusRequest;
      const target = isObj(tsr) ? reference(tsr.MessageReference) : undefined;
      return { ok: true, request: { type: 'status', header, ...(target ? { target } : {}) } };
    }
    default:
      return { ok: false, reason: `MessageCategory ${category} is not supported by this terminal`, header };
  }
}
