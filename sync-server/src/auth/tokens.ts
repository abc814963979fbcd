import { createHash, randomBytes } from 'node:crypto';

/** sha-256 hex: tokens are 32 random bytes, so a fast hash is enough (no password stretching needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A bearer token: a kind prefix (readable in logs and leaks scanners) + 32 random bytes, base64url. */
export function newToken(prefix: 'sfa' | 'sfd' | 'sft'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

// Crockford-like alphabet without I, L, O, U: codes are typed by people at a till.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An enrollment code like `7KQ2-MX9D-4RTB` (60 bits). */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Codes are compared case-insensitively and without separators. */
export function normaliseEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function newDeviceId(): string {
  return `dev_${randomBytes(12).toString('base64url')}`;
}

export function newAdminTokenId(): string {
  return `adm_${randomBytes(8).toString('hex')}`;
}

/**
 * The bearer token of `Authorization: Bearer …`. Tokens travel in this header only; the live stream alone
 * also accepts a query ticket or token (auth-plugin.ts, `requireStreamDevice`).
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
}

/** A request URL with the values of `token` and `ticket` replaced, for log lines. */
export function redactUrlSecrets(url: string): string {
  return url.replace(/([?&](?:token|ticket)=)[^&#]*/gi, '$1[Redacted]');
}
