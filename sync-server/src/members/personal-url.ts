import { maskPhone, maskPhonesInText } from '@storefloor/core';

/**
 * A request URL as a log line may show it (issue 16: nothing personal in any log line): a member's card
 * number or phone in the query is masked as core's maskPhone masks a number (`?card=886*********0123`,
 * `?phone=138****1234`), and a mainland mobile number anywhere else in the URL is masked too.
 */
export function maskPersonalUrl(url: string): string {
  const query = url.indexOf('?');
  const masked =
    query < 0
      ? url
      : `${url.slice(0, query)}?${url
          .slice(query + 1)
          .split('&')
          .map((pair) => {
            const equals = pair.indexOf('=');
            if (equals < 0) return pair;
            const name = pair.slice(0, equals);
            if (name !== 'card' && name !== 'phone') return pair;
            let value = pair.slice(equals + 1);
            try {
              value = decodeURIComponent(value.replace(/\+/g, ' '));
            } catch {
              // Not valid percent-encoding: mask the raw text.
            }
            return `${name}=${maskPhone(value) || '*'.repeat(Math.min(value.length, 8))}`;
          })
          .join('&')}`;
  return maskPhonesInText(masked);
}
