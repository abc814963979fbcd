import { parseDecimalAmount } from '@storefloor/core';
import { parse } from 'csv-parse/sync';
import type { WalletProvider } from './wallet-payment.js';

/** One money movement on a provider's daily statement, in minor units (fen). */
export interface StatementLine {
  readonly provider: WalletProvider;
  readonly kind: 'payment' | 'refund';
  /** The merchant order number: the store's tender id. */
  readonly tenderId: string;
  /** The merchant refund number, on a refund line. */
  readonly refundId?: string;
  readonly providerTradeNo: string;
  readonly minor: number;
}

export type StatementResult =
  | { readonly ok: true; readonly lines: readonly StatementLine[] }
  | { readonly ok: false; readonly reason: 'bad-statement'; readonly detail: string };

function records(text: string): string[][] {
  return parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  }) as string[][];
}

function money(text: string | undefined, at: string): number | string {
  const amount = parseDecimalAmount((text ?? '').replace(/^-/, ''), 'CNY');
  return amount.ok ? amount.value : `${at}: ${JSON.stringify(text)} is not an amount (${amount.reason})`;
}

/**
 * Reads WeChat Pay's "下载对账单" text (downloadbill, bill_type=ALL): a header row, one row per trade or
 * refund with each field behind a backtick, then the totals. Columns are found by name, so both the older
 * (总金额) and newer (应结订单金额) column sets read.
 */
export function readWechatStatement(text: string): StatementResult {
  const rows = records(text).map((r) => r.map((cell) => cell.replace(/^`/, '')));
  const header = rows[0];
  if (!header?.includes('商户订单号'))
    return { ok: false, reason: 'bad-statement', detail: 'no 商户订单号 column' };
  const col = (name: string) => header.indexOf(name);
  const [order, trade, status, refundNo, refundAmount] = [
    '商户订单号',
    '微信订单号',
    '交易状态',
    '商户退款单号',
    '退款金额',
  ].map(col);
  const amountCol = col('应结订单金额') >= 0 ? col('应结订单金额') : col('总金额');
  if ([order, trade, status, amountCol].some((i) => i === undefined || i < 0))
    return {
      ok: false,
      reason: 'bad-statement',
      detail: 'missing one of 商户订单号, 微信订单号, 交易状态, 应结订单金额',
    };
  const lines: StatementLine[] = [];
  for (const [n, row] of rows.slice(1).entries()) {
    if (row[0] === '总交易单数') break;
    const at = `row ${n + 2}`;
    const state = row[status as number];
    if (state === 'REFUND') {
      const minor = money(row[refundAmount as number], `${at} 退款金额`);
      if (typeof minor === 'string') return { ok: false, reason: 'bad-statement', detail: minor };
      lines.push({
        provider: 'wechat-pay',
        kind: 'refund',
        tenderId: row[order as number] ?? '',
        refundId: row[refundNo as number] ?? '',
        providerTradeNo: row[trade as number] ?? '',
        minor,
      });
    } else if (state === 'SUCCESS') {
      const minor = money(row[amountCol], `${at} 应结订单金额`);
      if (typeof minor === 'string') return { ok: false, reason: 'bad-statement', detail: minor };
      lines.push({
        provider: 'wechat-pay',
        kind: 'payment',
        tenderId: row[order as number] ?? '',
        providerTradeNo: row[trade as number] ?? '',
        minor,
      });
    }
  }
  return { ok: true, lines };
}

/**
 * Reads Alipay's trade statement (业务明细 CSV, bill_type=trade): `#` comment lines around a header row and
 * rows of 业务类型 交易 (payment) or 退款 (refund, amounts negative).
 */
export function readAlipayStatement(text: string): StatementResult {
  const body = text
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('#') && line.trim() !== '')
    .join('\n');
  const rows = records(body);
  const header = rows[0];
  if (!header?.includes('商户订单号'))
    return { ok: false, reason: 'bad-statement', detail: 'no 商户订单号 column' };
  const col = (name: string) => header.indexOf(name);
  const order = col('商户订单号');
  const trade = col('支付宝交易号');
  const kind = col('业务类型');
  const amount = col('订单金额（元）');
  const refundNo = col('退款批次号/请求号');
  if ([order, trade, kind, amount].some((i) => i < 0))
    return {
      ok: false,
      reason: 'bad-statement',
      detail: 'missing one of 支付宝交易号, 商户订单号, 业务类型, 订单金额（元）',
    };
  const lines: StatementLine[] = [];
  for (const [n, row] of rows.slice(1).entries()) {
    const minor = money(row[amount], `row ${n + 2} 订单金额（元）`);
    if (typeof minor === 'string') return { ok: false, reason: 'bad-statement', detail: minor };
    const base = {
      provider: 'alipay' as const,
      tenderId: row[order] ?? '',
      providerTradeNo: row[trade] ?? '',
      minor,
    };
    if (row[kind] === '交易') lines.push({ ...base, kind: 'payment' });
    else if (row[kind] === '退款') lines.push({ ...base, kind: 'refund', refundId: row[refundNo] ?? '' });
  }
  return { ok: true, lines };
}
