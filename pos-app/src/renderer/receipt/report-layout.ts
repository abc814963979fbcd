import type { ShiftReport } from '@storefloor/core';
import type { LaneFormat } from '../format/lane-format.js';
import type { PrintableReceipt, ReceiptBlock } from './receipt-layout.js';

export interface ReportText {
  title: string;
  sales: string;
  returns: string;
  discounts: string;
  tax: string;
  cash: string;
  card: string;
  float: string;
  expected: string;
  counted: string;
  variance: string;
  net: string;
}

/** An X or Z report (core's `xReport` / `zReport`) as printer blocks; every figure comes from the report. */
export function reportLayout(
  report: ShiftReport,
  f: LaneFormat,
  text: ReportText,
  when: number,
): PrintableReceipt {
  const row = (left: string, right: string): ReceiptBlock => ({
    kind: 'columns',
    columns: [
      { text: left, width: 32 },
      { text: right, width: 16, align: 'right' },
    ],
  });
  const blocks: ReceiptBlock[] = [
    {
      kind: 'text',
      text: `${text.title} (${report.kind})`,
      align: 'center',
      style: { bold: true, doubleHeight: true },
    },
    { kind: 'text', text: f.dateTime(when), align: 'center' },
    { kind: 'rule' },
    row(`${text.sales} (${report.sales.count})`, f.amount(report.sales.due)),
    row(`${text.returns} (${report.returns.count})`, f.amount(report.returns.due)),
    row(
      text.discounts,
      f.amount(report.discounts.promotions + report.discounts.memberPrices + report.discounts.manual),
    ),
    ...report.taxes.map((x) => row(`${text.tax} ${x.label}`, f.amount(x.tax))),
    { kind: 'rule' },
    ...report.tenders.map((x) =>
      row(x.kind === 'cash' ? text.cash : x.kind === 'card' ? text.card : x.kind, f.amount(x.net)),
    ),
    { kind: 'rule' },
    row(text.float, f.amount(report.cash.openingFloat)),
    row(text.expected, f.amount(report.cash.expected)),
  ];
  if (report.cash.counted !== undefined) blocks.push(row(text.counted, f.amount(report.cash.counted)));
  if (report.cash.variance !== undefined) blocks.push(row(text.variance, f.amount(report.cash.variance)));
  blocks.push(
    { kind: 'rule' },
    {
      kind: 'columns',
      style: { bold: true },
      columns: [
        { text: `${text.net} ${report.currency}`, width: 32 },
        { text: f.amount(report.net), width: 16, align: 'right' },
      ],
    },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  );
  return { blocks };
}
