import { readFileSync } from 'node:fs';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AlipayClient } from './alipay-client.js';
import type { ChargeWalletOptions } from './charge-wallet.js';
import { type StatementGateway, WalletService } from './wallet-service.js';
import { WechatPayClient } from './wechat-pay-client.js';

/**
 * The store's wallet merchant credentials. They live only in the edge agent's config (a file readable by the
 * agent alone, `STOREFLOOR_WALLET_FILE`): lanes never see a key, they ask the agent to charge.
 */
export const WalletConfigSchema = Type.Object(
  {
    wechat: Type.Optional(
      Type.Object(
        {
          /** Default https://api.mch.weixin.qq.com. */
          baseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
          appId: Type.String({ minLength: 1 }),
          mchId: Type.String({ minLength: 1 }),
          apiKey: Type.String({ minLength: 32, maxLength: 32 }),
          signType: Type.Optional(Type.Union([Type.Literal('MD5'), Type.Literal('HMAC-SHA256')])),
          clientIp: Type.Optional(Type.String()),
          timeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
        },
        { additionalProperties: false },
      ),
    ),
    alipay: Type.Optional(
      Type.Object(
        {
          /** Default https://openapi.alipay.com/gateway.do. */
          gatewayUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
          appId: Type.String({ minLength: 1 }),
          appPrivateKeyPem: Type.Optional(Type.String({ minLength: 1 })),
          appPrivateKeyFile: Type.Optional(Type.String({ minLength: 1 })),
          alipayPublicKeyPem: Type.Optional(Type.String({ minLength: 1 })),
          alipayPublicKeyFile: Type.Optional(Type.String({ minLength: 1 })),
          timeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** Pause between order queries while the shopper confirms (default 5000 ms). */
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 10 })),
    /** How long to poll before reversing (default 45 000 ms, the providers' guidance). */
    limitMs: Type.Optional(Type.Integer({ minimum: 100 })),
  },
  { additionalProperties: false },
);

export type WalletConfig = Static<typeof WalletConfigSchema>;

/** Validates a wallet config; a bad one fails here, naming the field. */
export function parseWalletConfig(value: unknown, source = 'wallet config'): WalletConfig {
  if (!Value.Check(WalletConfigSchema, value)) {
    const first = [...Value.Errors(WalletConfigSchema, value)][0];
    throw new Error(`${source}: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`);
  }
  return value;
}

export function loadWalletConfig(file: string): WalletConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  return parseWalletConfig(parsed, file);
}

function pem(inline: string | undefined, file: string | undefined, name: string): string {
  if (inline) return inline;
  if (file) return readFileSync(file, 'utf8');
  throw new Error(`wallet config: alipay.${name}Pem or alipay.${name}File is required`);
}

/** The provider clients and the service the routes call, from a validated config. */
export function walletServiceFrom(config: WalletConfig, options: ChargeWalletOptions = {}): WalletService {
  const gateways: StatementGateway[] = [];
  if (config.wechat) {
    const w = config.wechat;
    gateways.push(
      new WechatPayClient({
        baseUrl: w.baseUrl ?? 'https://api.mch.weixin.qq.com',
        appId: w.appId,
        mchId: w.mchId,
        apiKey: w.apiKey,
        ...(w.signType ? { signType: w.signType } : {}),
        ...(w.clientIp ? { clientIp: w.clientIp } : {}),
        ...(w.timeoutMs ? { timeoutMs: w.timeoutMs } : {}),
      }),
    );
  }
  if (config.alipay) {
    const a = config.alipay;
    gateways.push(
      new AlipayClient({
        gatewayUrl: a.gatewayUrl ?? 'https://openapi.alipay.com/gateway.do',
        appId: a.appId,
        appPrivateKeyPem: pem(a.appPrivateKeyPem, a.appPrivateKeyFile, 'appPrivateKey'),
        alipayPublicKeyPem: pem(a.alipayPublicKeyPem, a.alipayPublicKeyFile, 'alipayPublicKey'),
        ...(a.timeoutMs ? { timeoutMs: a.timeoutMs } : {}),
      }),
    );
  }
  return new WalletService(gateways, {
    ...(config.pollIntervalMs ? { pollIntervalMs: config.pollIntervalMs } : {}),
    ...(config.limitMs ? { limitMs: config.limitMs } : {}),
    ...options,
  });
}
