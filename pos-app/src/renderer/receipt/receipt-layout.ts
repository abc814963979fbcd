import type { SaleDoc, StoreDoc } from '@storefloor/core';
import type { LaneFormat } from '../format/lane-format.js';
import { readCardReference } from '../payments/card-reference.js';

/** The printer's receipt block model (device-drivers `Receipt`), as JSON the host hands to the encoder. */
export type ReceiptBlock =
  | {
      kind: 'text';
      text: string;
      align?: 'left' | 'center' | 'right';
      style?: { bold?: boolean; doubleWidth?: boolean; doubleHeight?: boolean };
    }
  | {
      kind: 'columns';
      columns: { text: string; width: number; align?: 'left' | 'center' | 'right' }[];
      style?: { bold?: boolean };
    }
  | { kind: 'rule'; char?: string }
  | { kind: 'feed'; lines: number }
  | { kind: 'barcode'; symbology: 'CODE128'; data: string; height?: number; align?: 'center' }
  | { kind: 'cut'; partial?: boolean };

export interface PrintableReceipt {
  blocks: ReceiptBlock[];
}

export interface ReceiptText {
  header: string;
  cashier: string;
  lane: string;
  total: string;
  taxSummary: string;
  cash: string;
  card: string;
  changeLine: string;
  thanks: string;
  /** "You saved" under the total, summing every promotion and discount on the lines (omitted when absent). */
  saved?: string;
}

/** The code printed as the receipt's barcode: the sale's UUIDv7 without dashes (returns scan it). */
export function receiptCode(sale: Pick<SaleDoc, 'id'>): string {
  return sale.id.replaceAll('-', '');
}

/** Line text as both the screen and the receipt show it: quantity, weight and price per kg. */
export function lineDetail(
  line: SaleDoc['lines'][number],
  f: LaneFormat,
  perKg: (price: string) => string,
  forPrinter = false,
): string {
  const price = forPrinter ? f.amount(line.unitPrice) : f.money(line.unitPrice);
  const times = forPrinter ? 'x' : '×';
  if (line.unit === 'weight' && line.weightGrams !== undefined)
    return `${f.weight(line.weightGrams)} ${times} ${perKg(price)}`;
  return `${line.quantity} ${times} ${price}`;
}

/**
 * Amounts print without the currency sign (a printer code page may not have it, e.g. €); the TOTAL line
 * names the currency. A completed sale as printer blocks, from the sale document only (the amounts core wrote), so the
 * receipt can never disagree with the screen. 48 columns (80 mm paper, font A).
 */
export function receiptLayout(
  sale: SaleDoc,
  store: StoreDoc | undefined,
  cashierName: string,
  f: LaneFormat,
  text: ReceiptText,
  perKg: (price: string) => string,
  /** Blocks printed after the tax summary, before the barcode (member, coupons, points: lane-members). */
  extra: readonly ReceiptBlock[] = [],
): PrintableReceipt {
  const W = 48;
  const row = (left: string, right: string): ReceiptBlock => ({
    kind: 'columns',
    columns: [
      { text: left, width: W - 16 },
      { text: right, width: 16, align: 'right' },
    ],
  });
  const blocks: ReceiptBlock[] = [
    {
      kind: 'text',
      text: store?.name ?? sale.storeId,
      align: 'center',
      style: { bold: true, doubleHeight: true },
    },
  ];
  for (const line of (store?.receiptHeader ?? '').split('\n'))
    if (line) blocks.push({ kind: 'text', text: line, align: 'center' });
  blocks.push(
    { kind: 'text', text: text.header, align: 'center' },
    { kind: 'text', text: f.dateTime(sale.completedAt ?? sale.openedAt) },
    { kind: 'text', text: `${text.lane}: ${sale.deviceId}  ${text.cashier}: ${cashierName}` },
    { kind: 'rule' },
  );
  for (const line of sale.lines) {
    if (line.voided) continue;
    blocks.push(row(line.description, f.amount(line.gross)));
    if (line.unit === 'weight' || line.quantity !== 1)
      blocks.push({ kind: 'text', text: `  ${lineDetail(line, f, perKg, true)}` });
    for (const a of line.adjustments) blocks.push(row(`  ${a.label}`, `-${f.amount(a.amount)}`));
  }
  blocks.push(
    { kind: 'rule' },
    {
      kind: 'columns',
      style: { bold: true },
      columns: [
        { text: `${text.total} ${sale.currency}`, width: W - 16 },
        { text: f.amount(sale.totals.due), width: 16, align: 'right' },
      ],
    },
  );
  if (text.saved && sale.totals.discount > 0) blocks.push(row(text.saved, f.amount(sale.totals.discount)));
  for (const t of sale.tenders) {
    const label = t.kind === 'cash' ? text.cash : t.kind === 'card' ? text.card : t.kind;
    // A card prints its approval code, not the POI transaction its reference also keeps for refunds.
    const shown = t.kind === 'card' ? readCardReference(t.reference).authCode : t.reference;
    blocks.push(row(shown ? `${label} ${shown}` : label, f.amount(t.amount)));
  }
  if (sale.totals.change > 0) blocks.push(row(text.changeLine, f.amount(sale.totals.change)));
  blocks.push({ kind: 'rule' });
  for (const tax of sale.taxes) blocks.push(row(`${text.taxSummary} ${tax.label}`, f.amount(tax.tax)));
  blocks.push(...extra);
  blocks.push(
    { kind: 'feed', lines: 1 },
    { kind: 'barcode', symbology: 'CODE128', data: receiptCode(sale), height: 60, align: 'center' },
    ...(store?.receiptFooter ? store.receiptFooter : text.thanks)
      .split('\n')
      .filter((line) => line !== '')
      .map((line): ReceiptBlock => ({ kind: 'text', text: line, align: 'center' })),
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  );
  return { blocks };
}
