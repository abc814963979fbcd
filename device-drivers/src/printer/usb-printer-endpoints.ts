import { err, ok, type Result } from '@storefloor/core';

/** The parts of a USB configuration descriptor the selection reads (WebUSB's shape, as the `usb` package gives it). */
export interface UsbEndpointInfo {
  readonly endpointNumber: number;
  readonly direction: 'in' | 'out';
  readonly type: 'bulk' | 'interrupt' | 'isochronous';
}

export interface UsbAlternateInfo {
  readonly alternateSetting: number;
  readonly interfaceClass: number;
  readonly interfaceProtocol: number;
  readonly endpoints: readonly UsbEndpointInfo[];
}

export interface UsbInterfaceInfo {
  readonly interfaceNumber: number;
  readonly alternates: readonly UsbAlternateInfo[];
}

export interface UsbConfigurationInfo {
  readonly configurationValue: number;
  readonly interfaces: readonly UsbInterfaceInfo[];
}

export interface UsbPrinterEndpoints {
  readonly configurationValue: number;
  readonly interfaceNumber: number;
  readonly alternateSetting: number;
  /** Bulk OUT endpoint number: ESC/POS goes here. */
  readonly outEndpoint: number;
  /** Bulk IN endpoint number: DLE EOT answers and process IDs come back here, if the printer has one. */
  readonly inEndpoint?: number;
}

/** USB class code 0x07 = Printer (USB Device Class Definition for Printing Devices 1.1, §4.2). */
const PRINTER_CLASS = 0x07;
/** Many ESC/POS printers from smaller makers declare a vendor-specific interface instead. */
const VENDOR_SPECIFIC_CLASS = 0xff;
/** Printer class interface protocol 2 = bidirectional (§4.2): it has the IN endpoint status needs. */
const BIDIRECTIONAL = 2;

function score(alt: UsbAlternateInfo): number {
  const hasIn = alt.endpoints.some((e) => e.type === 'bulk' && e.direction === 'in');
  return (
    (alt.interfaceClass === PRINTER_CLASS ? 4 : 0) +
    (alt.interfaceProtocol === BIDIRECTIONAL ? 2 : 0) +
    (hasIn ? 1 : 0)
  );
}

/**
 * Chooses where to send ESC/POS on a USB printer: a printer-class (or vendor-specific) interface with a
 * bulk OUT endpoint, preferring one that is bidirectional with a bulk IN endpoint for real-time status.
 * Pure.
 */
export function selectUsbPrinterEndpoints(
  configuration: UsbConfigurationInfo | undefined | null,
): Result<UsbPrinterEndpoints, 'no-printer-interface'> {
  if (!configuration) return err('no-printer-interface', 'device has no active configuration');
  let best: { iface: UsbInterfaceInfo; alt: UsbAlternateInfo; score: number } | undefined;
  for (const iface of configuration.interfaces) {
    for (const alt of iface.alternates) {
      if (alt.interfaceClass !== PRINTER_CLASS && alt.interfaceClass !== VENDOR_SPECIFIC_CLASS) continue;
      if (!alt.endpoints.some((e) => e.type === 'bulk' && e.direction === 'out')) continue;
      const s = score(alt);
      if (!best || s > best.score) best = { iface, alt, score: s };
    }
  }
  if (!best)
    return err('no-printer-interface', 'no printer-class or vendor interface with a bulk OUT endpoint');
  const out = best.alt.endpoints.find((e) => e.type === 'bulk' && e.direction === 'out') as UsbEndpointInfo;
  const inEp = best.alt.endpoints.find((e) => e.type === 'bulk' && e.direction === 'in');
  return ok({
    configurationValue: configuration.configurationValue,
    interfaceNumber: best.iface.interfaceNumber,
    alternateSetting: best.alt.alternateSetting,
    outEndpoint: out.endpointNumber,
    ...(inEp ? { inEndpoint: inEp.endpointNumber } : {}),
  });
}
