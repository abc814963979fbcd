import { describe, expect, it } from 'vitest';
import {
  ADYEN_ABORT_REQUEST_BODY,
  ADYEN_DOCS_PAYMENT_REQUEST,
  ADYEN_DOCS_REVERSAL_REQUEST,
} from './adyen-terminal-api-examples.js';
import { readSaleRequest } from './sale-to-poi-request.js';

describe('the simulated terminal reads Adyen-published requests', () => {
  it('reads the PaymentRequest printed in the Adyen docs', () => {
    const read = readSaleRequest(ADYEN_DOCS_PAYMENT_REQUEST);
    expect(read).toEqual({
      ok: true,
      request: {
        type: 'payment',
        header: {
          category: 'Payment',
          saleId: 'POSSystemID12345',
          serviceId: '1113162452',
          poiId: 'MX925-286240330',
        },
        saleTransactionId: '8377',
        saleTimeStamp: '2017-11-13T15:24:52+00:00',
        currency: 'EUR',
        requestedAmount: 10.99,
      },
    });
  });

  it('reads the referenced-refund ReversalRequest printed in the Adyen docs, the original by id and time', () => {
    expect(readSaleRequest(ADYEN_DOCS_REVERSAL_REQUEST)).toEqual({
      ok: true,
      request: {
        type: 'reversal',
        header: {
          category: 'Reversal',
          saleId: 'John',
          serviceId: '1110151215',
          poiId: 'MX925-260193322',
        },
        originalPoiTransactionId: 'oLkO001503399575001.9815033996072250',
        originalTimeStamp: '2017-07-03T07:45:44.000Z',
      },
    });
  });

  it('refuses a ReversalRequest whose original POITransactionID has no TimeStamp', () => {
    const { MessageHeader, ReversalRequest } = ADYEN_DOCS_REVERSAL_REQUEST.SaleToPOIRequest;
    const read = readSaleRequest({
      SaleToPOIRequest: {
        MessageHeader,
        ReversalRequest: {
          ...ReversalRequest,
          OriginalPOITransaction: {
            POITransactionID: {
              TransactionID: ReversalRequest.OriginalPOITransaction.POITransactionID.TransactionID,
            },
          },
        },
      },
    });
    expect(read).toMatchObject({
      ok: false,
      reason: 'OriginalPOITransaction.POITransactionID needs TransactionID and TimeStamp',
    });
  });

  it("reads Adyen's AbortRequest body under an Abort header", () => {
    const read = readSaleRequest({
      SaleToPOIRequest: {
        MessageHeader: {
          ...ADYEN_DOCS_PAYMENT_REQUEST.SaleToPOIRequest.MessageHeader,
          MessageCategory: 'Abort',
          ServiceID: '1113162453',
        },
        AbortRequest: ADYEN_ABORT_REQUEST_BODY,
      },
    });
    expect(read.ok && read.request.type === 'abort' && read.request.target).toEqual({
      category: 'Payment',
      serviceId: 'service-id',
    });
  });

  it('refuses a ServiceID longer than 10 characters or not alphanumeric', () => {
    for (const ServiceID of ['12345678901', 'abc-def', '']) {
      const read = readSaleRequest({
        SaleToPOIRequest: {
          ...ADYEN_DOCS_PAYMENT_REQUEST.SaleToPOIRequest,
          MessageHeader: { ...ADYEN_DOCS_PAYMENT_REQUEST.SaleToPOIRequest.MessageHeader, ServiceID },
        },
      });
      expect(read).toMatchObject({ ok: false, reason: 'ServiceID must be 1-10 alphanumeric characters' });
    }
  });
});
