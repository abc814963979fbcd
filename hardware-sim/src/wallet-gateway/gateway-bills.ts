import { formatDecimalAmount } from '@storefloor/core';

/** One settled order as the day's statement shows it. */
export interface BillOrder {
  readonly outTradeNo: string;
  readonly tradeNo: string;
  readonly minor: number;
  readonly paidAt: number;
  /** Reversed the same day: never settled, so left off the statement. */
  readonly reversed: boolean;
  readonly refunds: readonly { readonly refundId: string; readonly minor: number }[];
}

const yuan = (minor: number) => {
  const t = formatDecimalAmount(minor, 'CNY');
  return t.ok ? t.value : String(minor);
};

function beijing(ms: number): string {
  const t = new Date(ms + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

/**
 * WeChat Pay "下载对账单" (downloadbill, bill_type=ALL): a header row, one row per trade and per refund with
 * every field prefixed by a backtick, then the totals header and row.
 */
export function wechatBill(orders: readonly BillOrder[], merchant: { appId: string; mchId: string }): string {
  const header =
    '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
  const rows: string[] = [];
  let paid = 0;
  let refunded = 0;
  let count = 0;
  for (const o of orders) {
    if (o.reversed) continue;
    const base = [
      beijing(o.paidAt),
      merchant.appId,
      merchant.mchId,
      '0',
      '',
      o.tradeNo,
      o.outTradeNo,
      'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      'MICROPAY',
    ];
    rows.push(
      [
        ...base,
        'SUCCESS',
        'OTHERS',
        'CNY',
        yuan(o.minor),
        '0.00',
        '0',
        '0',
        '0.00',
        '0.00',
        '',
        '',
        'Storefloor',
        '',
        '0.00',
        '0.60%',
        yuan(o.minor),
        '0.00',
        '',
      ]
        .map((f) => `\`${f}`)
        .join(','),
    );
    paid += o.minor;
    count++;
    for (const r of o.refunds) {
      rows.push(
        [
          ...base,
          'REFUND',
          'OTHERS',
          'CNY',
          '0.00',
          '0.00',
          `5030${o.tradeNo.slice(4)}${r.refundId.length}`,
          r.refundId,
          yuan(r.minor),
          '0.00',
          'ORIGINAL',
          'SUCCESS',
          'Storefloor',
          '',
          '0.00',
          '0.60%',
          '0.00',
          yuan(r.minor),
          '',
        ]
          .map((f) => `\`${f}`)
          .join(','),
      );
      refunded += r.minor;
      count++;
    }
  }
  const totals =
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
  const sums = [String(count), yuan(paid), yuan(refunded), '0.00', '0.00', yuan(paid), yuan(refunded)]
    .map((f) => `\`${f}`)
    .join(',');
  return `${[header, ...rows, totals, sums].join('\r\n')}\r\n`;
}

/**
 * Alipay's trade statement (业务明细, bill_type=trade), as the CSV inside the downloaded archive: `#` comment
 * lines around one header row and one row per trade (业务类型 交易) or refund (退款). The archive's zip and
 * GBK encoding are left out: served as UTF-8 CSV.
 */
export function alipayBill(orders: readonly BillOrder[]): string {
  const header =
    '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';
  const rows: string[] = [];
  for (const o of orders) {
    if (o.reversed) continue;
    const t = beijing(o.paidAt);
    rows.push(
      [
        o.tradeNo,
        o.outTradeNo,
        '交易',
        'Storefloor',
        t,
        t,
        '',
        '',
        '',
        '',
        '159****5620',
        yuan(o.minor),
        yuan(o.minor),
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '',
        '0.00',
        '0.00',
        '',
        '0.00',
        '0.00',
        '',
      ].join(','),
    );
    for (const r of o.refunds)
      rows.push(
        [
          o.tradeNo,
          o.outTradeNo,
          '退款',
          'Storefloor',
          t,
          t,
          '',
          '',
          '',
          '',
          '159****5620',
          yuan(-r.minor),
          yuan(-r.minor),
          '0.00',
          '0.00',
          '0.00',
          '0.00',
          '0.00',
          '',
          '0.00',
          '0.00',
          r.refundId,
          '0.00',
          '0.00',
          '',
        ].join(','),
      );
  }
  return [
    '#支付宝业务明细查询',
    '#账号：[20880000000000000156]',
    '#-----------------------------------------业务明细列表----------------------------------------',
    header,
    ...rows,
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${orders.filter((o) => !o.reversed).length}笔`,
    '',
  ].join('\r\n');
}
