import { describe, expect, it } from 'vitest';
import { parseDeviceConfig } from '../config/device-config.js';
import { DriverCatalog } from '../config/driver-catalog.js';
import { MemoryPrintJobLedger } from './print-job-ledger.js';
import { registerPrinterDrivers } from './printer-driver.js';
import { ReceiptPrinter } from './receipt-printer.js';

function specFor(options: Record<string, unknown>) {
  const config = parseDeviceConfig({
    devices: [
      {
        id: 'printer-1',
        kind: 'printer',
        transport: 'tcp',
        address: '127.0.0.1:9100',
        protocol: 'escpos',
        options,
      },
    ],
  });
  if (!config.ok) throw new Error(config.detail);
  return config.value.devices[0] as NonNullable<(typeof config.value.devices)[0]>;
}

describe('printer/escpos from the device config', () => {
  it('takes the printer profile named in the config', () => {
    const ledger = new MemoryPrintJobLedger();
    const catalog = registerPrinterDrivers(new DriverCatalog(), { ledgerFor: () => ledger });
    const made = catalog.create(specFor({ profile: 'epson-western', lineWidth: 42 }));
    expect(made.ok).toBe(true);
    const printer = made.ok ? (made.value as ReceiptPrinter) : undefined;
    expect(printer).toBeInstanceOf(ReceiptPrinter);
    expect(printer?.profile.id).toBe('epson-western');
    expect(printer?.ledger).toBe(ledger);
  });

  it('names a profile it does not know, and any unknown option', () => {
    const catalog = registerPrinterDrivers(new DriverCatalog());
    expect(catalog.create(specFor({ profile: 'star-tsp100' }))).toMatchObject({
      ok: false,
      reason: 'bad-config',
      detail: expect.stringContaining(
        'option "profile" "star-tsp100" is not one of epson-western, chinese-gb18030, chinese-gbk',
      ),
    });
    expect(catalog.create(specFor({ codepage: 'cp437' }))).toMatchObject({
      ok: false,
      detail: expect.stringContaining('"codepage" is not a printer option'),
    });
  });
});
