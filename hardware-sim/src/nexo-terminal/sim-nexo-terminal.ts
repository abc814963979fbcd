import { randomInt } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { formatDecimalAmount, parseDecimalAmount, type Result } from '@storefloor/core';
import { FaultSet } from '../fault-set.js';
import type { SimDevice, SimDeviceKind, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';
import { readSaleRequest, type SaleHeader, type SaleRequest } from './sale-to-poi-request.js';
import { selfSignedCert } from './self-signed-cert.js';
import { type NexoCharge, type NexoReversal, SimAcquirer } from './sim-acquirer.js';

// A payment terminal's local Terminal API (nexo Sale-to-POI as Adyen documents it on docs.adyen.com):
// POST https://<terminal>:8443/nexo, one SaleToPOIRequest per request, the SaleToPOIResponse in the answer
// ("Terminal API fundamentals", local communications). Written from the documents, not from our driver.

export type NexoTerminalFault =
  | 'decline'
  | 'shopper-cancels'
  | 'busy'
  | 'reply-lost-after-approval'
  | 'disconnect'
  | 'partial-approval';
/** Each fault acts once, on the next Payment, then clears itself. */
export const NEXO_TERMINAL_FAULTS: readonly NexoTerminalFault[] = [
  'decline',
  'shopper-cancels',
  'busy',
  'reply-lost-after-approval',
  'disconnect',
  'partial-approval',
];

/** One message pair the terminal took, kept so TransactionStatus can repeat its response. */
interface Pair {
  readonly header: SaleHeader;
  state: 'in-progress' | 'done';
  aborted: boolean;
  /** The PaymentResponse / ReversalResponse body once done. */
  response?: Record<string, unknown>;
}

export interface SimNexoTerminalOptions {
  readonly id: string;
  readonly host?: string;
  readonly port?: number;
  /** MessageHeader.POIID this terminal answers to (default `P400Plus-275039202`, the shape Adyen documents). */
  readonly poiId?: string;
  /** Serve HTTPS with a self-signed certificate made at start (default true); false serves plain HTTP. */
  readonly tls?: boolean;
  /** How long the shopper takes to present a card (default 20 ms). */
  readonly shopperDelayMs?: number;
  /** Where to write the certificate as `<id>.pem` for lanes to pin (the simulator's run directory). */
  readonly certDir?: string;
  /**
   * The acquirer that holds the payments (default: one of its own). The terminals of one store share
   * one, so a payment taken at one terminal can be refunded at another.
   */
  readonly acquirer?: SimAcquirer;
}

/** What a terminal did, as the control API lists it: a payment it took, or a refund it made. */
export type NexoTerminalTransaction =
  | ({ readonly type: 'payment' } & NexoCharge)
  | ({ readonly type: 'refund' } & NexoReversal);

export class SimNexoTerminal implements SimDevice {
  readonly kind: SimDeviceKind = 'payment-terminal';
  readonly protocol = 'nexo-https';
  readonly faultKinds = NEXO_TERMINAL_FAULTS;
  readonly id: string;
  readonly poiId: string;
  readonly #host: string;
  readonly #port: number;
  readonly #tls: boolean;
  readonly #shopperDelayMs: number;
  readonly #certDir: string | undefined;
  readonly #faults = new FaultSet(NEXO_TERMINAL_FAULTS);
  readonly #sockets = new Set<Socket>();
  readonly #pairs = new Map<string, Pair>();
  readonly #acquirer: SimAcquirer;
  #last: Pair | undefined;
  #server: Server | undefined;
  #cert: string | undefined;
  #nextTx = 1;

  constructor(options: SimNexoTerminalOptions) {
    this.id = options.id;
    this.poiId = options.poiId ?? 'P400Plus-275039202';
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#tls = options.tls ?? true;
    this.#shopperDelayMs = options.shopperDelayMs ?? 20;
    this.#certDir = options.certDir;
    this.#acquirer = options.acquirer ?? new SimAcquirer();
  }

  get faults(): readonly string[] {
    return this.#faults.list;
  }

  injectFault(kind: string): Result<void> {
    return this.#faults.add(kind);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** The terminal's certificate (PEM), for the lane to pin; undefined over plain HTTP. */
  certificatePem(): string | undefined {
    return this.#cert;
  }

  /** The payments this terminal took, with what of each was refunded since at any terminal. */
  charges(): readonly NexoCharge[] {
    return this.#acquirer.charges().filter((c) => c.terminalId === this.id);
  }

  /** The refunds this terminal made, of payments taken here or at another terminal. */
  refunds(): readonly NexoReversal[] {
    return this.#acquirer.reversals().filter((r) => r.terminalId === this.id);
  }

  transactions(): NexoTerminalTransaction[] {
    return [
      ...this.charges().map((c) => ({ type: 'payment' as const, ...c })),
      ...this.refunds().map((r) => ({ type: 'refund' as const, ...r })),
    ];
  }

  endpoint(): SimEndpoint {
    const port = (this.#server?.address() as AddressInfo | null)?.port;
    return port ? { port, url: `${this.#tls ? 'https' : 'http'}://${this.#host}:${port}/nexo` } : {};
  }

  async start(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) =>
      void this.#handle(req, res).catch((e: unknown) => {
        // A simulator bug answers 500 rather than leaving the lane waiting for a reply that never comes.
        if (!res.headersSent) res.writeHead(500).end(e instanceof Error ? e.message : String(e));
      });
    if (this.#tls) {
      const { key, cert } = await selfSignedCert(this.#host);
      this.#cert = cert;
      if (this.#certDir) await writeFile(join(this.#certDir, `${this.id}.pem`), cert);
      this.#server = createHttpsServer({ key, cert }, handler);
      this.#server.on('secureConnection', (s: Socket) => this.#track(s));
    } else {
      this.#server = createHttpServer(handler);
      this.#server.on('connection', (s: Socket) => this.#track(s));
    }
    await listen(this.#server, this.#port, this.#host);
  }

  async stop(): Promise<void> {
    await unplug(this.#server, this.#sockets);
    this.#server = undefined;
  }

  #track(socket: Socket) {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  /** Takes a one-shot fault if it is set. */
  #take(kind: NexoTerminalFault): boolean {
    if (!this.#faults.has(kind)) return false;
    const rest = this.#faults.clear().filter((k) => k !== kind);
    for (const k of rest) this.#faults.add(k);
    return true;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/nexo') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      this.#reply(res, reject(undefined, 'message=Invalid%20JSON'));
      return;
    }
    const read = readSaleRequest(raw);
    if (!read.ok) {
      this.#reply(res, reject(read.header, `message=${encodeURIComponent(read.reason)}`));
      return;
    }
    const request = read.request;
    if (request.header.poiId !== this.poiId) {
      this.#reply(
        res,
        reject(
          request.header,
          `message=${encodeURIComponent(`POIID ${request.header.poiId} is not this terminal`)}`,
        ),
      );
      return;
    }
    switch (request.type) {
      case 'payment':
        return this.#payment(request, req, res);
      case 'reversal':
        return this.#reversal(request, res);
      case 'abort': {
        const pair = this.#pairs.get(`${request.header.saleId}/${request.target.serviceId}`);
        if (pair?.state === 'in-progress') pair.aborted = true;
        // "Cancel a transaction": the AbortRequest gets no response message; the payment answers Aborted.
        res.writeHead(200, { 'content-type': 'application/json' }).end();
        return;
      }
      case 'status':
        return this.#reply(res, this.#status(request));
    }
  }

  #reply(res: ServerResponse, body: unknown) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async #payment(
    request: Extract<SaleRequest, { type: 'payment' }>,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const key = `${request.header.saleId}/${request.header.serviceId}`;
    if (this.#pairs.has(key)) {
      // "SaleID and ServiceID combinations are rejected if used recently, within 48 hours."
      this.#reply(res, reject(request.header, 'message=ServiceID%20already%20used'));
      return;
    }
    if (this.#take('disconnect')) {
      req.socket.destroy();
      return;
    }
    const minor = parseDecimalAmount(String(request.requestedAmount), request.currency);
    const pair: Pair = { header: request.header, state: 'in-progress', aborted: false };
    this.#pairs.set(key, pair);
    this.#last = pair;
    const inProgress = [...this.#pairs.values()].some((p) => p !== pair && p.state === 'in-progress');
    const sale = { TransactionID: request.saleTransactionId, TimeStamp: request.saleTimeStamp };
    const finish = (inner: Record<string, unknown>) => {
      pair.state = 'done';
      pair.response = inner;
      return inner;
    };
    if (!minor.ok) {
      this.#reply(
        res,
        response(
          request.header,
          'PaymentResponse',
          finish(failure(sale, 'MessageFormat', 'message=Bad%20amount')),
        ),
      );
      return;
    }
    if (inProgress || this.#take('busy')) {
      this.#reply(
        res,
        response(request.header, 'PaymentResponse', finish(failure(sale, 'Busy', 'message=Terminal%20busy'))),
      );
      return;
    }
    await this.#shopper(pair);
    if (pair.aborted) {
      this.#reply(
        res,
        response(
          request.header,
          'PaymentResponse',
          finish(failure(sale, 'Aborted', 'message=Transaction%20aborted')),
        ),
      );
      return;
    }
    if (this.#take('shopper-cancels')) {
      this.#reply(
        res,
        response(
          request.header,
          'PaymentResponse',
          finish(failure(sale, 'Cancel', 'message=Cancelled%20by%20shopper')),
        ),
      );
      return;
    }
    if (this.#take('decline')) {
      this.#reply(
        res,
        response(
          request.header,
          'PaymentResponse',
          finish(failure(sale, 'Refusal', 'refusalReason=Not%20enough%20balance&message=DECLINED')),
        ),
      );
      return;
    }
    const poiTx = {
      TransactionID: `${Date.now().toString(36)}${this.#nextTx++}.${randomInt(2 ** 47)}`,
      TimeStamp: new Date().toISOString(),
    };
    // `partial-approval`: the card covers half (nexo Response.Result "Partial", AuthorizedAmount below RequestedAmount).
    const partial = this.#take('partial-approval');
    const authorised = partial ? Math.floor(minor.value / 2) : minor.value;
    const authorisedText = formatDecimalAmount(authorised, request.currency);
    this.#acquirer.record({
      poiTransactionId: poiTx.TransactionID,
      poiTimeStamp: poiTx.TimeStamp,
      saleTransactionId: request.saleTransactionId,
      serviceId: request.header.serviceId,
      terminalId: this.id,
      minor: authorised,
      currency: request.currency,
    });
    const approved = finish({
      Response: {
        Result: partial ? 'Partial' : 'Success',
        AdditionalResponse: 'refusalReasonRaw=APPROVED&cardSummary=3511',
      },
      SaleData: { SaleTransactionID: sale },
      POIData: { POITransactionID: poiTx, POIReconciliationID: '1000' },
      PaymentResult: {
        AmountsResp: {
          AuthorizedAmount:
            partial && authorisedText.ok ? Number(authorisedText.value) : request.requestedAmount,
          Currency: request.currency,
        },
        OnlineFlag: true,
        PaymentAcquirerData: { ApprovalCode: String(randomInt(100000, 999999)), MerchantID: 'StorefloorSim' },
        PaymentInstrumentData: {
          PaymentInstrumentType: 'Card',
          CardData: { PaymentBrand: 'mc', MaskedPan: '541333 **** 3511', EntryMode: ['Tapped'] },
        },
      },
    });
    if (this.#take('reply-lost-after-approval')) {
      req.socket.destroy();
      return;
    }
    this.#reply(res, response(request.header, 'PaymentResponse', approved));
  }

  /** Waits for the shopper to present a card, cut short by an abort. */
  async #shopper(pair: Pair): Promise<void> {
    const until = Date.now() + this.#shopperDelayMs;
    while (!pair.aborted && Date.now() < until)
      await new Promise((r) => setTimeout(r, Math.min(5, this.#shopperDelayMs)));
  }

  #reversal(request: Extract<SaleRequest, { type: 'reversal' }>, res: ServerResponse) {
    const key = `${request.header.saleId}/${request.header.serviceId}`;
    if (this.#pairs.has(key)) {
      this.#reply(res, reject(request.header, 'message=ServiceID%20already%20used'));
      return;
    }
    const pair: Pair = { header: request.header, state: 'in-progress', aborted: false };
    this.#pairs.set(key, pair);
    this.#last = pair;
    const done = (inner: Record<string, unknown>) => {
      pair.state = 'done';
      pair.response = inner;
      this.#reply(res, response(request.header, 'ReversalResponse', inner));
    };
    // ReversedAmount carries no currency: it is the original payment's.
    const currency = this.#acquirer.currencyOf(request.originalPoiTransactionId);
    const asked =
      request.reversedAmount === undefined || currency === undefined
        ? undefined
        : parseDecimalAmount(String(request.reversedAmount), currency);
    const reversed = this.#acquirer.reverse({
      originalPoiTransactionId: request.originalPoiTransactionId,
      originalTimeStamp: request.originalTimeStamp,
      minor: asked === undefined ? undefined : asked.ok ? asked.value : Number.NaN,
      ...(request.saleTransactionId ? { saleTransactionId: request.saleTransactionId } : {}),
      serviceId: request.header.serviceId,
      terminalId: this.id,
    });
    if (!reversed.ok) {
      done({
        Response: {
          Result: 'Failure',
          ErrorCondition: reversed.refusal.condition,
          AdditionalResponse: `message=${encodeURIComponent(reversed.refusal.message)}`,
        },
      });
      return;
    }
    done({
      Response: { Result: 'Success' },
      POIData: {
        POITransactionID: {
          TransactionID: reversed.reversal.poiTransactionId,
          TimeStamp: reversed.reversal.poiTimeStamp,
        },
      },
      ...(request.reversedAmount === undefined ? {} : { ReversedAmount: request.reversedAmount }),
    });
  }

  #status(request: Extract<SaleRequest, { type: 'status' }>) {
    const pair = request.target
      ? this.#pairs.get(`${request.header.saleId}/${request.target.serviceId}`)
      : this.#last;
    const status = (inner: Record<string, unknown>) =>
      response(request.header, 'TransactionStatusResponse', inner);
    // "Verify transaction status": Failure + NotFound when the terminal has no such transaction,
    // Failure + InProgress while it runs, Success + RepeatedMessageResponse with the original response.
    if (!pair) return status({ Response: { Result: 'Failure', ErrorCondition: 'NotFound' } });
    if (pair.state === 'in-progress')
      return status({ Response: { Result: 'Failure', ErrorCondition: 'InProgress' } });
    const key = pair.header.category === 'Reversal' ? 'ReversalResponse' : 'PaymentResponse';
    return status({
      Response: { Result: 'Success' },
      MessageReference: {
        MessageCategory: pair.header.category,
        SaleID: pair.header.saleId,
        ServiceID: pair.header.serviceId,
      },
      RepeatedMessageResponse: {
        MessageHeader: responseHeader(pair.header),
        RepeatedResponseMessageBody: { [key]: pair.response },
      },
    });
  }
}

function responseHeader(h: SaleHeader) {
  return {
    ProtocolVersion: '3.0',
    MessageClass: 'Service',
    MessageCategory: h.category,
    MessageType: 'Response',
    ServiceID: h.serviceId,
    SaleID: h.saleId,
    POIID: h.poiId,
  };
}

function response(h: SaleHeader, key: string, inner: Record<string, unknown>) {
  return { SaleToPOIResponse: { MessageHeader: responseHeader(h), [key]: inner } };
}

function failure(
  sale: Record<string, string>,
  condition: string,
  additional: string,
): Record<string, unknown> {
  return {
    Response: { Result: 'Failure', ErrorCondition: condition, AdditionalResponse: additional },
    SaleData: { SaleTransactionID: sale },
    POIData: {
      POITransactionID: { TransactionID: `none.${randomInt(1e9)}`, TimeStamp: new Date().toISOString() },
    },
  };
}

/** An EventNotification "Reject": how a terminal refuses a message it cannot take. */
function reject(h: SaleHeader | undefined, details: string) {
  return {
    SaleToPOIRequest: {
      MessageHeader: {
        ProtocolVersion: '3.0',
        MessageClass: 'Event',
        MessageCategory: 'Event',
        MessageType: 'Notification',
        ...(h ? { ServiceID: h.serviceId, SaleID: h.saleId, POIID: h.poiId } : {}),
        DeviceID: '0',
      },
      EventNotification: {
        EventToNotify: 'Reject',
        EventDetails: details,
        TimeStamp: new Date().toISOString(),
      },
    },
  };
}
