import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Result } from '@storefloor/core';
import { FaultSet } from '../fault-set.js';
import type { SimDevice, SimDeviceKind, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';

// A face-pay device at the lane. Real ones run the wallet's SDK on the device: WeChat's 刷脸 SDK call
// getWxpayfaceCode answers return_code SUCCESS with a face_code, USER_CANCEL, or SCAN_PAYMENT (the shopper
// chose to show a payment code instead) (WeChat 刷脸支付 SDK documentation, pay.weixin.qq.com/wiki/doc/wxfacepay/);
// Alipay's 刷脸付 gives an ftoken for alipay.trade.pay scene=security_code. This device offers that one call
// over loopback HTTP: POST /face-code { provider, tenderId, amount: { minor, currency } }.

export type FacePayFault = 'shopper-cancels' | 'no-face' | 'scan-payment';
/** Each fault acts once, on the next request. */
export const FACE_PAY_FAULTS: readonly FacePayFault[] = ['shopper-cancels', 'no-face', 'scan-payment'];

export interface SimFacePayOptions {
  readonly id: string;
  readonly host?: string;
  readonly port?: number;
  /** How long the shopper takes to look at the camera (default 20 ms). */
  readonly lookDelayMs?: number;
}

export interface IssuedFaceCode {
  readonly provider: string;
  readonly tenderId: string;
  readonly faceCode: string;
}

export class SimFacePay implements SimDevice {
  readonly kind: SimDeviceKind = 'face-pay';
  readonly protocol = 'face-pay-http';
  readonly faultKinds = FACE_PAY_FAULTS;
  readonly id: string;
  readonly #host: string;
  readonly #port: number;
  readonly #lookDelayMs: number;
  readonly #faults = new FaultSet(FACE_PAY_FAULTS);
  readonly #sockets = new Set<Socket>();
  readonly #issued: IssuedFaceCode[] = [];
  #server: Server | undefined;

  constructor(options: SimFacePayOptions) {
    this.id = options.id;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#lookDelayMs = options.lookDelayMs ?? 20;
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

  transactions(): unknown[] {
    return [...this.#issued];
  }

  endpoint(): SimEndpoint {
    const port = (this.#server?.address() as AddressInfo | null)?.port;
    return port ? { port, url: `http://${this.#host}:${port}/face-code` } : {};
  }

  async start(): Promise<void> {
    this.#server = createServer(
      (req, res) =>
        void this.#handle(req, res).catch((e: unknown) => {
          if (!res.headersSent) res.writeHead(500).end(e instanceof Error ? e.message : String(e));
        }),
    );
    this.#server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.once('close', () => this.#sockets.delete(s));
    });
    await listen(this.#server, this.#port, this.#host);
  }

  async stop(): Promise<void> {
    await unplug(this.#server, this.#sockets);
    this.#server = undefined;
  }

  #take(kind: FacePayFault): boolean {
    if (!this.#faults.has(kind)) return false;
    const rest = this.#faults.clear().filter((k) => k !== kind);
    for (const k of rest) this.#faults.add(k);
    return true;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'POST' || req.url !== '/face-code')
      return send(404, { return_code: 'ERROR', return_msg: 'not found' });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: { provider?: unknown; tenderId?: unknown; amount?: { minor?: unknown; currency?: unknown } };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(400, { return_code: 'ERROR', return_msg: 'body is not JSON' });
    }
    const { provider, tenderId, amount } = body;
    if (
      (provider !== 'wechat-pay' && provider !== 'alipay') ||
      typeof tenderId !== 'string' ||
      !Number.isSafeInteger(amount?.minor)
    )
      return send(400, {
        return_code: 'ERROR',
        return_msg: 'provider, tenderId and amount.minor are required',
      });
    await new Promise((r) => setTimeout(r, this.#lookDelayMs));
    if (this.#take('shopper-cancels'))
      return send(200, { return_code: 'USER_CANCEL', return_msg: '用户取消' });
    if (this.#take('scan-payment'))
      return send(200, { return_code: 'SCAN_PAYMENT', return_msg: '用户选择扫码支付' });
    if (this.#take('no-face')) return send(200, { return_code: 'ERROR', return_msg: '未检测到人脸' });
    // Alipay's face token begins "fp"; WeChat's face_code is an opaque token.
    const faceCode =
      provider === 'alipay' ? `fp${randomBytes(15).toString('hex')}` : randomBytes(16).toString('hex');
    this.#issued.push({ provider, tenderId, faceCode });
    return send(200, { return_code: 'SUCCESS', provider, face_code: faceCode });
  }
}
