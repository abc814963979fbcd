import { connect as netConnect } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import { Device, type DeviceOptions } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import { type FaceCode, type FaceCodeFailure, requestFaceCode } from './face-pay-client.js';

export interface FacePayDeviceOptions extends DeviceOptions {
  /** The device's face-code endpoint, e.g. `http://10.0.3.21:8080/face-code`. */
  readonly url: string;
  /** How long the shopper may take in front of the camera (default 60 s). */
  readonly lookTimeoutMs?: number;
}

/**
 * The lane's face-pay device (WeChat 刷脸 / Alipay 刷脸付 kiosk camera) in the device lifecycle: `faceCode`
 * asks it for one tender's face payment code, which the lane then has the edge agent charge like a scanned
 * payment code. The device holds no merchant credentials; the code is worthless without the agent's call.
 */
export class FacePayDevice extends Device<never> {
  readonly kind: DeviceKind = 'face-pay';
  readonly #url: URL;
  readonly #lookTimeoutMs: number;

  constructor(options: FacePayDeviceOptions) {
    super(options);
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new TypeError(`face-pay option "url": ${JSON.stringify(options.url)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError('face-pay option "url" must be http: or https:');
    this.#url = url;
    this.#lookTimeoutMs = options.lookTimeoutMs ?? 60_000;
  }

  location(): string {
    return this.#url.href;
  }

  protected async connect(): Promise<Result<void>> {
    const port = Number(this.#url.port || (this.#url.protocol === 'https:' ? 443 : 80));
    return new Promise((resolve) => {
      const socket = netConnect({ host: this.#url.hostname, port, timeout: 5000 });
      socket.once('connect', () => {
        socket.destroy();
        resolve(ok(undefined));
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(err('no-answer', `no answer from ${this.location()}`, this.location()));
      });
      socket.once('error', (e) => resolve(err('unreachable', e.message, this.location())));
    });
  }

  protected async disconnect(): Promise<void> {}

  /** A face payment code for one tender (the shopper looks at the camera and confirms on the device). */
  async faceCode(request: {
    provider: 'wechat-pay' | 'alipay';
    tenderId: string;
    amount: { minor: number; currency: string };
  }): Promise<Result<FaceCode, FaceCodeFailure | 'not-enabled'>> {
    if (this.state !== 'enabled') return err('not-enabled', `${this.id} is ${this.state}`);
    return requestFaceCode(this.#url.href, request, this.#lookTimeoutMs);
  }
}
