import { err, ok, type Result } from '@storefloor/core';
import type { ByteTransport, TransportFailureReason } from '../transport/byte-transport.js';
import { classifyOpenError } from '../transport/classify-open-error.js';
import { TransportEvents } from '../transport/transport-events.js';
import {
  selectUsbPrinterEndpoints,
  type UsbConfigurationInfo,
  type UsbPrinterEndpoints,
} from './usb-printer-endpoints.js';

/** The WebUSB device calls this transport makes (the `usb` package's UsbDevice has them). */
export interface UsbPrinterDevice {
  readonly configuration: UsbConfigurationInfo | undefined | null;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void>;
  detachKernelDriver?(interfaceNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status?: string }>;
  transferIn(endpointNumber: number, length: number): Promise<{ status?: string; data?: DataView }>;
}

export interface UsbPrinterSettings {
  readonly vendorId: number;
  readonly productId: number;
  /** Finds the device; defaults to the `usb` package (loaded only when a USB printer is opened). */
  readonly findDevice?: (vendorId: number, productId: number) => Promise<UsbPrinterDevice | undefined>;
}

async function findWithUsbPackage(
  vendorId: number,
  productId: number,
): Promise<UsbPrinterDevice | undefined> {
  const { usb } = await import('usb');
  return (await usb.findDeviceByIds(vendorId, productId)) as unknown as UsbPrinterDevice | undefined;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * ESC/POS over USB: bulk OUT for commands, bulk IN (polled) for status answers. Only the endpoint
 * selection is tested here (no USB printer exists on the build machines).
 */
export class UsbPrinterTransport extends TransportEvents implements ByteTransport {
  readonly path: string;
  #device: UsbPrinterDevice | undefined;
  #endpoints: UsbPrinterEndpoints | undefined;

  constructor(private readonly settings: UsbPrinterSettings) {
    super();
    for (const key of ['vendorId', 'productId'] as const) {
      const v = settings[key];
      if (!Number.isInteger(v) || v < 0 || v > 0xffff)
        throw new TypeError(`usb option "${key}" must be an integer 0..0xffff`);
    }
    this.path = `usb:${hex4(settings.vendorId)}:${hex4(settings.productId)}`;
  }

  get isOpen(): boolean {
    return this.#device !== undefined;
  }

  async open(): Promise<Result<void, TransportFailureReason>> {
    if (this.#device) return ok(undefined);
    this.closing = false;
    try {
      const device = await (this.settings.findDevice ?? findWithUsbPackage)(
        this.settings.vendorId,
        this.settings.productId,
      );
      if (!device) return err('port-missing', 'no such USB device', this.path);
      await device.open();
      const chosen = selectUsbPrinterEndpoints(device.configuration);
      if (!chosen.ok) {
        await device.close();
        return err('open-failed', chosen.detail, this.path);
      }
      const ep = chosen.value;
      await device.detachKernelDriver?.(ep.interfaceNumber).catch(() => undefined);
      await device.claimInterface(ep.interfaceNumber);
      if (ep.alternateSetting !== 0)
        await device.selectAlternateInterface(ep.interfaceNumber, ep.alternateSetting);
      this.#device = device;
      this.#endpoints = ep;
      if (ep.inEndpoint !== undefined) void this.#poll(device, ep.inEndpoint);
      return ok(undefined);
    } catch (e) {
      return err(classifyOpenError(e), e instanceof Error ? e.message : String(e), this.path);
    }
  }

  async #poll(device: UsbPrinterDevice, endpoint: number): Promise<void> {
    while (this.#device === device) {
      try {
        const r = await device.transferIn(endpoint, 64);
        if (r.data && r.data.byteLength > 0)
          this.emitData(new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
      } catch (e) {
        if (this.#device !== device) return;
        this.#lost(e);
        return;
      }
    }
  }

  #lost(e: unknown): void {
    const device = this.#device;
    this.#device = undefined;
    this.emitFault(e instanceof Error ? e.message : String(e));
    void device?.close().catch(() => undefined);
    this.emitClosed();
  }

  async close(): Promise<void> {
    const device = this.#device;
    if (!device) return;
    this.closing = true;
    this.#device = undefined;
    const ep = this.#endpoints;
    if (ep) await device.releaseInterface(ep.interfaceNumber).catch(() => undefined);
    await device.close().catch(() => undefined);
    this.emitClosed(true);
  }

  async write(bytes: Uint8Array): Promise<Result<void, TransportFailureReason>> {
    const device = this.#device;
    const ep = this.#endpoints;
    if (!device || !ep) return err('not-open', undefined, this.path);
    try {
      const r = await device.transferOut(ep.outEndpoint, bytes);
      if (r.status !== undefined && r.status !== 'ok')
        return err('write-failed', `transfer ${r.status}`, this.path);
      return ok(undefined);
    } catch (e) {
      this.#lost(e);
      return err('write-failed', e instanceof Error ? e.message : String(e), this.path);
    }
  }
}
