import { parseDecimalAmount } from '@storefloor/core';

/**
 * What a printed receipt says, read back from the simulator's decoded paper: the ground truth of the day.
 * The lanes print pos-app's receipt layout with these fixed English labels, so the text can be read back
 * without knowing the lane's language.
 */
export const RECEIPT_LABELS = {
  sale: 'SALE',
  return: 'RETURN',
  cashier: 'Cashier',
  lane: 'Lane',
  total: 'TOTAL',
  taxSummary: 'TAX',
  cash: 'CASH',
  card: 'CARD',
  changeLine: 'CHANGE',
  thanks: 'THANK YOU',
  member: 'MEMBER',
  pointsEarned: 'POINTS EARNED',
  pointsSpent: 'POINTS SPENT',
} as const;

export interface ReceiptFacts {
  /** The receipt's CODE128: the sale id without dashes. */
  readonly code: string;
  readonly printer: string;
  readonly kind: 'sale' | 'return';
  readonly currency: string;
  /** The TOTAL line (what was due). */
  readonly due: number;
  readonly tenders: readonly { readonly kind: string; readonly amount: number }[];
  readonly change: number;
  readonly taxes: readonly { readonly label: string; readonly tax: number }[];
  readonly memberId?: string;
  readonly pointsEarned: number;
  readonly pointsSpent: number;
}

export type ReceiptReadError = {
  readonly ok: false;
  readonly reason: 'unreadable-receipt';
  readonly detail: string;
};

const AMOUNT_ROW = /^(.*?)\s+(-?[\d,]+(?:\.\d+)?)$/;

/** Reads one decoded receipt's text (lines as the simulator prints them). */
export function readReceipt(
  printer: string,
  text: string,
): { readonly ok: true; readonly value: ReceiptFacts } | ReceiptReadError {
  const lines = text.split('\n').map((line) => line.trimEnd());
  const fail = (detail: string): ReceiptReadError => ({ ok: false, reason: 'unreadable-receipt', detail });
  const barcode = lines.map((line) => /^\[CODE128: ([0-9a-f]{32})\]$/.exec(line.trim())).find(Boolean);
  if (!barcode?.[1]) return fail('no receipt barcode');
  const kind = lines.some((l) => l.trim() === RECEIPT_LABELS.return)
    ? 'return'
    : lines.some((l) => l.trim() === RECEIPT_LABELS.sale)
      ? 'sale'
      : undefined;
  if (!kind) return fail('no SALE or RETURN header');
  const totalIndex = lines.findIndex((l) => l.startsWith(`${RECEIPT_LABELS.total} `));
  const totalLine = lines[totalIndex];
  if (totalLine === undefined) return fail('no TOTAL line');
  const totalMatch = /^TOTAL (\S+)\s+(-?[\d,]+(?:\.\d+)?)$/.exec(totalLine);
  if (!totalMatch?.[1] || !totalMatch[2]) return fail(`unreadable TOTAL line "${totalLine}"`);
  const currency = totalMatch[1];
  const amount = (decimal: string): number | undefined => {
    const parsed = parseDecimalAmount(decimal.replaceAll(',', ''), currency);
    return parsed.ok ? parsed.value : undefined;
  };
  const due = amount(totalMatch[2]);
  if (due === undefined) return fail(`unreadable total "${totalMatch[2]}"`);
  const tenders: { kind: string; amount: number }[] = [];
  const taxes: { label: string; tax: number }[] = [];
  let change = 0;
  let memberId: string | undefined;
  let pointsEarned = 0;
  let pointsSpent = 0;
  for (const raw of lines.slice(totalIndex + 1)) {
    const line = raw.trim();
    if (line.startsWith(`${RECEIPT_LABELS.member} `)) {
      memberId = line.slice(RECEIPT_LABELS.member.length + 1).trim();
      continue;
    }
    const points = /^POINTS (EARNED|SPENT) (\d+)$/.exec(line);
    if (points?.[2]) {
      if (points[1] === 'EARNED') pointsEarned += Number(points[2]);
      else pointsSpent += Number(points[2]);
      continue;
    }
    const row = AMOUNT_ROW.exec(raw);
    if (!row?.[1] || !row[2]) continue;
    const label = row[1].trim();
    const value = amount(row[2]);
    if (value === undefined) return fail(`unreadable amount in "${raw}"`);
    if (label === RECEIPT_LABELS.cash || label.startsWith(`${RECEIPT_LABELS.cash} `))
      tenders.push({ kind: 'cash', amount: value });
    else if (label === RECEIPT_LABELS.card || label.startsWith(`${RECEIPT_LABELS.card} `))
      tenders.push({ kind: 'card', amount: value });
    else if (label === RECEIPT_LABELS.changeLine) change += value;
    else if (label.startsWith(`${RECEIPT_LABELS.taxSummary} `))
      taxes.push({ label: label.slice(RECEIPT_LABELS.taxSummary.length + 1), tax: value });
  }
  return {
    ok: true,
    value: {
      code: barcode[1],
      printer,
      kind,
      currency,
      due,
      tenders,
      change,
      taxes,
      ...(memberId === undefined ? {} : { memberId }),
      pointsEarned,
      pointsSpent,
    },
  };
}
