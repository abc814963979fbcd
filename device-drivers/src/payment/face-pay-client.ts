import { err, ok, type Result } from '@storefloor/core';

/** Why the face-pay device gave no face code: each is something the cashier acts on. */
export type FaceCodeFailure =
  | 'shopper-cancelled'
  /** The shopper chose to show a payment code instead (WeChat SDK `SCAN_PAYMENT`): scan it. */
  | 'switch-to-payment-code'
  | 'no-face'
  | 'unreachable'
  | 'protocol-error';

export interface FaceCode {
  readonly provider: 'wechat-pay' | 'alipay';
  /** Charged through the edge agent like a payment code (WeChat facepay `face_code`, Alipay security_code). */
  readonly faceCode: string;
}

/**
 * Asks the lane's face-pay device for a face payment code for one tender (`POST /face-code`). The answer
 * words follow WeChat's face-pay SDK (`return_code` SUCCESS, USER_CANCEL, SCAN_PAYMENT, ERROR).
 */
export async function requestFaceCode(
  url: string,
  request: {
    provider: 'wechat-pay' | 'alipay';
    tenderId: string;
    amount: { minor: number; currency: string };
  },
  timeoutMs = 60_000,
): Promise<Result<FaceCode, FaceCodeFailure>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return err('unreachable', e instanceof Error ? e.message : String(e), url);
  }
  let body: { return_code?: unknown; return_msg?: unknown; provider?: unknown; face_code?: unknown };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    return err('protocol-error', `HTTP ${res.status}: not JSON`, url);
  }
  const msg = typeof body.return_msg === 'string' ? body.return_msg : undefined;
  switch (body.return_code) {
    case 'SUCCESS':
      if (
        body.provider !== request.provider ||
        typeof body.face_code !== 'string' ||
        body.face_code.length === 0
      )
        return err('protocol-error', 'SUCCESS without a face_code for this provider', url);
      return ok({ provider: request.provider, faceCode: body.face_code });
    case 'USER_CANCEL':
      return err('shopper-cancelled', msg, url);
    case 'SCAN_PAYMENT':
      return err('switch-to-payment-code', msg, url);
    case 'ERROR':
      return res.status === 200 ? err('no-face', msg, url) : err('protocol-error', msg, url);
    default:
      return err('protocol-error', `return_code ${JSON.stringify(body.return_code)}`, url);
  }
}
