import type { SaleDoc, StoreDoc } from '@storefloor/core';
import type { TFunction } from 'i18next';
import type { LaneDevices } from '../devices/lane-devices.js';
import type { LaneFormat } from '../format/lane-format.js';
import { receiptLayout } from './receipt-layout.js';

/**
 * Prints a sale's receipt through the lane device host. `reprint` asks the printer for a copy of a job it has
 * printed before: the driver heads it REPRINT (device-drivers `ReceiptPrinter.print`). `header` replaces the
 * RECEIPT heading, e.g. for a post-void slip.
 */
export function printSaleReceipt(
  devices: LaneDevices,
  sale: SaleDoc,
  store: StoreDoc | undefined,
  cashierName: string,
  f: LaneFormat,
  t: TFunction,
  options: { reprint: boolean; header?: string },
) {
  const receipt = receiptLayout(
    sale,
    store,
    cashierName,
    f,
    {
      header: options.header ?? t('receipt.header'),
      cashier: t('receipt.cashier'),
      lane: t('receipt.lane'),
      total: t('receipt.total'),
      taxSummary: t('receipt.taxSummary'),
      cash: t('receipt.cash'),
      card: t('receipt.card'),
      changeLine: t('receipt.changeLine'),
      thanks: t('receipt.thanks'),
      saved: t('receipt.saved'),
    },
    (price) => t('sale.perKg', { price }),
  );
  return devices.invoke(
    'printer',
    'printer.print',
    { jobId: sale.id, receipt: receipt as never, reprint: options.reprint },
    30_000,
  );
}
