import {
  ADYEN_DOCS_PAYMENT_REQUEST,
  ADYEN_PAYMENT_SYNC_SUCCESS,
  ADYEN_TRANSACTION_STATUS_RESPONSE_BODY,
} from '@storefloor/hardware-sim/test-fixtures/adyen-terminal-api';
import { describe, expect, it } from 'vitest';
import { paymentRequest, readNexoAnswer } from './nexo-message.js';
import { serviceIdForTender } from './nexo-service-id.js';

describe('nexo messages against Adyen-published examples', () => {
  it('builds the PaymentRequest the Adyen docs print (minus the optional extras)', () => {
    const built = paymentRequest(
      { saleId: 'POSSystemID12345', poiId: 'MX925-286240330', serviceId: '1113162452' },
      { transactionId: '8377', timeStamp: '2017-11-13T15:24:52+00:00' },
      { minor: 1099, currency: 'EUR' },
    );
    const doc = ADYEN_DOCS_PAYMENT_REQUEST.SaleToPOIRequest;
    expect(built).toEqual({
      SaleToPOIRequest: {
        MessageHeader: doc.MessageHeader,
        PaymentRequest: {
          SaleData: { SaleTransactionID: doc.PaymentRequest.SaleData.SaleTransactionID },
          PaymentTransaction: { AmountsReq: doc.PaymentRequest.PaymentTransaction.AmountsReq },
        },
      },
    });
    // RequestedAmount is the JSON number 10.99, exactly as printed.
    expect(JSON.stringify(built)).toContain('"RequestedAmount":10.99');
  });

  it("reads Adyen's synchronous approval: 1.00 EUR as 100 minor units, approval code, POI transaction", () => {
    const read = readNexoAnswer(ADYEN_PAYMENT_SYNC_SUCCESS, {
      category: 'Payment',
      serviceId: '1234567890',
      saleId: '001',
    });
    expect(read).toEqual({
      ok: true,
      value: {
        kind: 'outcome',
        category: 'Payment',
        serviceId: '1234567890',
        result: 'Success',
        saleTransactionId: '001',
        poiTransaction: {
          transactionId: '4r7i001556529591000.8515565295894301',
          timeStamp: '2019-04-29T00:00:00.000Z',
        },
        amount: { minor: 100, currency: 'EUR' },
        approvalCode: '123456',
        paymentBrand: 'mc',
        maskedPan: '411111 **** 1111',
      },
    });
  });

  it('refuses an answer meant for another message pair', () => {
    const read = readNexoAnswer(ADYEN_PAYMENT_SYNC_SUCCESS, {
      category: 'Payment',
      serviceId: '1234567891',
      saleId: '001',
    });
    expect(read).toMatchObject({ ok: false, reason: 'bad-response' });
  });

  it("reads Adyen's TransactionStatus response", () => {
    const read = readNexoAnswer(
      { SaleToPOIResponse: ADYEN_TRANSACTION_STATUS_RESPONSE_BODY },
      { category: 'TransactionStatus', serviceId: '0207111617', saleId: 'POSSystemID12345' },
    );
    expect(read).toEqual({ ok: true, value: { kind: 'status', result: 'Success' } });
  });

  it('derives a 10-alphanumeric ServiceID from the tender id and attempt, the same every time', () => {
    const a = serviceIdForTender('tender-42');
    expect(a).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(serviceIdForTender('tender-42')).toBe(a);
    expect(serviceIdForTender('tender-42', 1)).not.toBe(a);
    expect(serviceIdForTender('tender-43')).not.toBe(a);
  });
});
