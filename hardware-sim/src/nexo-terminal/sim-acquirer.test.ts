import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../start-simulator.js';
import type { SimNexoTerminal } from './sim-nexo-terminal.js';

// Messages written by hand from docs.adyen.com ("Make a payment", "Refund a payment": referenced), not by
// the driver, posted to two terminals of one simulator over plain HTTP.

// biome-ignore lint/suspicious/noExplicitAny: terminal answers are read by path in the tests, each checked by expect.
type Json = Record<string, any>;

const header = (category: string, serviceId: string, poiId: string) => ({
  ProtocolVersion: '3.0',
  MessageClass: 'Service',
  MessageCategory: category,
  MessageType: 'Request',
  ServiceID: serviceId,
  SaleID: 'lane-test',
  POIID: poiId,
});

describe('the terminals of one simulator share one acquirer', () => {
  let sim: RunningSimulator;
  let serial = 0;
  const terminal = (id: string) => sim.registry.get(id) as unknown as SimNexoTerminal;
  const post = async (id: string, body: unknown): Promise<Json> => {
    const url = terminal(id).endpoint().url!;
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
    return (await res.json()) as Json;
  };
  const serviceId = () => `S${++serial}`;

  const pay = async (id: string, tenderId: string, amount: number) => {
    const answer = await post(id, {
      SaleToPOIRequest: {
        MessageHeader: header('Payment', serviceId(), terminal(id).poiId),
        PaymentRequest: {
          SaleData: { SaleTransactionID: { TransactionID: tenderId, TimeStamp: new Date().toISOString() } },
          PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: amount } },
        },
      },
    });
    const payment = answer.SaleToPOIResponse.PaymentResponse;
    expect(payment.Response.Result).toBe('Success');
    return payment.POIData.POITransactionID as { TransactionID: string; TimeStamp: string };
  };

  const reverse = async (
    id: string,
    original: { TransactionID: string; TimeStamp?: string },
    amount: number | undefined,
    refundId = `R${serial}`,
  ): Promise<Json> => {
    const answer = await post(id, {
      SaleToPOIRequest: {
        MessageHeader: header('Reversal', serviceId(), terminal(id).poiId),
        ReversalRequest: {
          OriginalPOITransaction: { POITransactionID: original },
          ReversalReason: 'MerchantCancel',
          SaleData: { SaleTransactionID: { TransactionID: refundId, TimeStamp: new Date().toISOString() } },
          ...(amount === undefined ? {} : { ReversedAmount: amount }),
        },
      },
    });
    return answer.SaleToPOIResponse?.ReversalResponse ?? answer;
  };

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      config: {
        devices: [
          {
            id: 'terminal-1',
            kind: 'payment-terminal',
            protocol: 'nexo-https',
            options: { tls: false, poiId: 'P400Plus-000000001', shopperDelayMs: 1 },
          },
          {
            id: 'terminal-2',
            kind: 'payment-terminal',
            protocol: 'nexo-https',
            options: { tls: false, poiId: 'P400Plus-000000002', shopperDelayMs: 1 },
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('terminal-2 refunds part of a payment terminal-1 took, and says so in its own transactions', async () => {
    const original = await pay('terminal-1', 'T-cross', 10);
    const refunded = await reverse('terminal-2', original, 4, 'R-cross');
    expect(refunded.Response.Result).toBe('Success');
    expect(refunded.ReversedAmount).toBe(4);
    expect(refunded.POIData.POITransactionID.TransactionID).toMatch(/\S/);

    expect(terminal('terminal-1').charges()).toMatchObject([
      { saleTransactionId: 'T-cross', terminalId: 'terminal-1', minor: 1000, reversedMinor: 400 },
    ]);
    expect(terminal('terminal-2').charges()).toEqual([]);
    expect(terminal('terminal-2').transactions()).toMatchObject([
      {
        type: 'refund',
        originalPoiTransactionId: original.TransactionID,
        saleTransactionId: 'R-cross',
        terminalId: 'terminal-2',
        minor: 400,
        currency: 'EUR',
      },
    ]);
    // The control API lists the same log.
    const listed = (await (await fetch(`${sim.url}/devices/terminal-2/transactions`)).json()) as Json;
    expect(listed.transactions).toMatchObject([{ type: 'refund', minor: 400 }]);
  });

  it('refuses a refund above what is left after refunds at either terminal, moving nothing', async () => {
    const original = await pay('terminal-1', 'T-rest', 10);
    expect((await reverse('terminal-1', original, 6)).Response.Result).toBe('Success');
    const above = await reverse('terminal-2', original, 4.01);
    expect(above.Response).toMatchObject({
      Result: 'Failure',
      ErrorCondition: 'Refusal',
      AdditionalResponse: 'message=Amount%20exceeds%20what%20is%20left%20to%20refund',
    });
    const charge = () =>
      terminal('terminal-1')
        .charges()
        .find((c) => c.saleTransactionId === 'T-rest');
    expect(charge()?.reversedMinor).toBe(600);
    // The rest, asked with no ReversedAmount ("implicitly the AuthorizedAmount"), is what is left.
    expect((await reverse('terminal-2', original, undefined)).Response.Result).toBe('Success');
    expect(charge()?.reversedMinor).toBe(1000);
    expect((await reverse('terminal-2', original, 0.01)).Response.ErrorCondition).toBe('Refusal');
  });

  it('refuses a refund of a transaction the acquirer never approved, or named with another TimeStamp', async () => {
    const unknown = await reverse(
      'terminal-2',
      { TransactionID: 'nope.1', TimeStamp: new Date().toISOString() },
      1,
    );
    expect(unknown.Response).toMatchObject({
      Result: 'Failure',
      ErrorCondition: 'NotFound',
      AdditionalResponse: 'message=Original%20transaction%20not%20found',
    });
    const original = await pay('terminal-1', 'T-time', 5);
    const otherTime = await reverse(
      'terminal-2',
      { TransactionID: original.TransactionID, TimeStamp: '2017-07-03T07:45:44.000Z' },
      1,
    );
    expect(otherTime.Response.ErrorCondition).toBe('NotFound');
    // Without a TimeStamp the message does not name a transaction: the terminal rejects it outright.
    const noTime = await reverse('terminal-2', { TransactionID: original.TransactionID }, 1);
    expect(noTime.SaleToPOIRequest.EventNotification.EventToNotify).toBe('Reject');
    expect(
      terminal('terminal-1')
        .charges()
        .find((c) => c.saleTransactionId === 'T-time')?.reversedMinor,
    ).toBe(0);
  });

  it('a terminal of another simulator has its own acquirer and cannot refund these payments', async () => {
    const original = await pay('terminal-1', 'T-elsewhere', 3);
    const other = await startSimulator({
      port: 0,
      config: {
        devices: [
          {
            id: 'terminal-9',
            kind: 'payment-terminal',
            protocol: 'nexo-https',
            options: { tls: false, poiId: 'P400Plus-000000009' },
          },
        ],
      },
    });
    try {
      const url = (other.registry.get('terminal-9') as unknown as SimNexoTerminal).endpoint().url!;
      const res = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({
          SaleToPOIRequest: {
            MessageHeader: header('Reversal', serviceId(), 'P400Plus-000000009'),
            ReversalRequest: {
              OriginalPOITransaction: { POITransactionID: original },
              ReversalReason: 'MerchantCancel',
            },
          },
        }),
      });
      const answer = (await res.json()) as Json;
      expect(answer.SaleToPOIResponse.ReversalResponse.Response.ErrorCondition).toBe('NotFound');
    } finally {
      await other.stop();
    }
  });
});
