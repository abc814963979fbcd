// Adyen's published Terminal API examples, kept as data so both sides are held to Adyen's bytes rather than
// to each other. Each names where it was published; none is edited except where said.

/**
 * A PaymentRequest as printed on docs.adyen.com, "Pass additional data using the Terminal API"
 * (point-of-sale/build-your-integration/pass-additional-data), Request section.
 */
export const ADYEN_DOCS_PAYMENT_REQUEST = {
  SaleToPOIRequest: {
    MessageHeader: {
      POIID: 'MX925-286240330',
      MessageClass: 'Service',
      MessageType: 'Request',
      ProtocolVersion: '3.0',
      ServiceID: '1113162452',
      SaleID: 'POSSystemID12345',
      MessageCategory: 'Payment',
    },
    PaymentRequest: {
      PaymentTransaction: {
        AmountsReq: { RequestedAmount: 10.99, Currency: 'EUR' },
        TransactionConditions: {},
      },
      SaleData: {
        SaleToAcquirerData:
          'shopperEmail=hola@gmail.com&shopperReference=fakeRef&recurringContract=RECURRING',
        TokenRequestedType: 'Customer',
        SaleTransactionID: { TransactionID: '8377', TimeStamp: '2017-11-13T15:24:52+00:00' },
      },
    },
  },
} as const;

/**
 * A synchronous PaymentResponse (approved, EUR 1.00) from Adyen's own Java library test data,
 * Adyen/adyen-java-api-library `src/test/resources/mocks/terminal-api/payment-sync-success.json`.
 * The PaymentReceipt array (two printed receipts) is left out; everything else is as published.
 */
export const ADYEN_PAYMENT_SYNC_SUCCESS = {
  SaleToPOIResponse: {
    PaymentResponse: {
      POIData: {
        POITransactionID: {
          TimeStamp: '2019-04-29T00:00:00.000Z',
          TransactionID: '4r7i001556529591000.8515565295894301',
        },
        POIReconciliationID: '1000',
      },
      SaleData: { SaleTransactionID: { TimeStamp: '2019-04-29T00:00:00.000Z', TransactionID: '001' } },
      PaymentResult: {
        OnlineFlag: true,
        PaymentAcquirerData: {
          AcquirerPOIID: 'P400Plus-123456789',
          ApprovalCode: '123456',
          AcquirerTransactionID: { TimeStamp: '2019-04-29T09:19:51.000Z', TransactionID: '8515565295894301' },
          MerchantID: 'TestMerchant',
        },
        PaymentInstrumentData: {
          CardData: {
            EntryMode: ['Tapped'],
            PaymentBrand: 'mc',
            MaskedPan: '411111 **** 1111',
            SensitiveCardData: { ExpiryDate: '1225' },
          },
          PaymentInstrumentType: 'Card',
        },
        AmountsResp: { AuthorizedAmount: 1, Currency: 'EUR' },
      },
      Response: {
        Result: 'Success',
        AdditionalResponse:
          'tid=75039202&AID=A0000000041010&transactionType=GOODS_SERVICES&backendGiftcardIndicator=false&expiryYear=2025&acquirerAccountCode=TestPmmAcquirerAccount&alias=M900978995070104&posOriginalAmountCurrency=EUR&giftcardIndicator=false&authorisedAmountValue=100&pspReference=8515565295894301&paymentMethodVariant=mc&cardHolderName=N%2fA&refusalReasonRaw=APPROVED&authorisationMid=1000&expiryDate=12%2f2025&applicationPreferredName=MCC%20351%20v1%202&acquirerCode=TestPmmAcquirer&txtime=10%3a19%3a51&iso8601TxDate=2019-04-29T09%3a19%3a51.0000000%2b0000&cardType=mc&posOriginalAmountValue=100&offline=false&aliasType=Default&txdate=29-04-2019&paymentMethod=mc&cvcResult=0%20Unknown&avsResult=0%20Unknown&mid=1000&merchantReference=003&transactionReferenceNumber=8515565295894301&expiryMonth=12&cardSummary=3511&posTotalAmountValue=100&posAuthAmountCurrency=EUR&cardHolderVerificationMethodResults=3F0300&authCode=123456&shopperCountry=NL&posEntryMode=CLESS_SWIPE&cardScheme=mc&cardBin=541333&posAuthAmountValue=100',
      },
    },
    MessageHeader: {
      ProtocolVersion: '3.0',
      SaleID: '001',
      MessageClass: 'Service',
      MessageCategory: 'Payment',
      ServiceID: '1234567890',
      POIID: 'P400Plus-123456789',
      MessageType: 'Response',
    },
  },
} as const;

/**
 * The inside of a SaleToPOIResponse for TransactionStatus, Adyen/adyen-java-api-library
 * `src/test/resources/mocks/terminal-api/sale-to-poi-response-transaction-status.json` (published without
 * the `SaleToPOIResponse` wrapper key, as here).
 */
export const ADYEN_TRANSACTION_STATUS_RESPONSE_BODY = {
  MessageHeader: {
    ProtocolVersion: '3.0',
    SaleID: 'POSSystemID12345',
    MessageClass: 'Service',
    MessageCategory: 'TransactionStatus',
    ServiceID: '0207111617',
    POIID: 'V400m-324688179',
    MessageType: 'Response',
  },
  TransactionStatusResponse: {
    Response: { Result: 'Success' },
    MessageReference: {
      MessageCategory: 'Payment',
      ServiceID: 'service-id',
      SaleID: 'sale-id',
      POIID: 'poi-id',
    },
  },
} as const;

/** An AbortRequest body, Adyen/adyen-java-api-library `src/test/resources/mocks/terminal-api/abort-request.json`. */
export const ADYEN_ABORT_REQUEST_BODY = {
  MessageReference: {
    MessageCategory: 'Payment',
    ServiceID: 'service-id',
    DeviceID: 'device-id',
    SaleID: 'sale-id',
    POIID: 'poi-id',
  },
  AbortReason: 'cancelled-by-shopper',
  DisplayOutput: {
    OutputContent: { OutputText: [{ Text: 'Abort requested' }], OutputFormat: 'Text' },
    ResponseRequiredFlag: false,
    MinimumDisplayTime: 3,
    Device: 'CustomerDisplay',
    InfoQualify: 'Error',
  },
} as const;

/**
 * A referenced refund as docs.adyen.com prints it, "Refund a payment", referenced refund, ReversalRequest
 * (point-of-sale/basic-tapi-integration/refund-payment/reversalrequestnexo): the original payment named by
 * its POITransactionID, TransactionID and TimeStamp both.
 */
export const ADYEN_DOCS_REVERSAL_REQUEST = {
  SaleToPOIRequest: {
    MessageHeader: {
      MessageClass: 'Service',
      SaleID: 'John',
      MessageType: 'Request',
      ProtocolVersion: '3.0',
      MessageCategory: 'Reversal',
      ServiceID: '1110151215',
      POIID: 'MX925-260193322',
    },
    ReversalRequest: {
      OriginalPOITransaction: {
        POITransactionID: {
          TimeStamp: '2017-07-03T07:45:44.000Z',
          TransactionID: 'oLkO001503399575001.9815033996072250',
        },
      },
      ReversalReason: 'MerchantCancel',
    },
  },
} as const;
