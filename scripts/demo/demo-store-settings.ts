/**
 * The demo store's settings as HQ's `POST /api/admin/stores { settings }` takes them (core's StoreDoc fields):
 * CNY, tax-inclusive shelf prices, a 04:00 cut-over of the business day in Asia/Shanghai, receipts in
 * Chinese and English.
 */
export function demoStoreSettings(storeName: string): Record<string, unknown> {
  return {
    currency: 'CNY',
    taxMode: 'inclusive',
    taxRounding: 'line',
    // Cash is paid to the fen; many Chinese tills round to the jiao, a store can set 10.
    cashRoundingStep: 1,
    timeZone: 'Asia/Shanghai',
    businessDayStartHour: 4,
    languages: ['zh-CN', 'en'],
    receiptHeader: `${storeName}\n欢迎光临 Welcome\n上海市徐汇区漕溪北路 88 号`,
    receiptFooter:
      '谢谢惠顾，欢迎再次光临\nThank you for shopping with us\n凭小票 7 日内退换 Returns within 7 days with receipt',
    address: '上海市徐汇区漕溪北路 88 号 88 Caoxi North Road, Xuhui, Shanghai',
  };
}
