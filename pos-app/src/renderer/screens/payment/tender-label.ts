import type { TenderDoc } from '@storefloor/core';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the tenders list shows for one tender: its kind, and for wallets the provider from its reference. */
export function tenderLabel(t: Translate, tender: Pick<TenderDoc, 'kind' | 'reference'>): string {
  switch (tender.kind) {
    case 'cash':
      return t('pay.cash');
    case 'card':
      return t('pay.card');
    case 'voucher':
      return tender.reference ? `${t('payments.voucher')} ${tender.reference}` : t('payments.voucher');
    case 'wallet': {
      const provider = tender.reference?.split(':')[0];
      return provider === 'wechat-pay' || provider === 'alipay'
        ? t(`payments.providers.${provider}`)
        : t('payments.wallet');
    }
  }
}
