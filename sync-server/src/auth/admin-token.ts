import type { Database } from '../db/database.js';
import { hashSecret, newAdminTokenId, newToken } from './tokens.js';

/** The name of the first admin token: `STOREFLOOR_ADMIN_TOKEN`, or the one generated at the first start. */
export const BOOTSTRAP_TOKEN_NAME = 'bootstrap';

/**
 * Makes sure HQ has an admin token. `STOREFLOOR_ADMIN_TOKEN` is registered (hashed) as the named token
 * `bootstrap` when given; otherwise a token is generated on the very first start only and returned so that the
 * caller prints it once. Further tokens are created, listed and revoked through `/api/admin/tokens`.
 */
export async function ensureAdminToken(
  db: Database,
  configured: string | undefined,
): Promise<string | undefined> {
  if (configured) {
    await db.query(
      `INSERT INTO admin_tokens (token_hash, token_id, name, created_by) VALUES ($1, $2, $3, 'configuration')
       ON CONFLICT (token_hash) DO NOTHING`,
      [hashSecret(configured), newAdminTokenId(), BOOTSTRAP_TOKEN_NAME],
    );
    return undefined;
  }
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE admin_tokens IN EXCLUSIVE MODE');
    const { rows } = await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM admin_tokens');
    if (Number(rows[0]?.n ?? 0) > 0) return undefined;
    const token = newToken('sfa');
    await tx.query(
      `INSERT INTO admin_tokens (token_hash, token_id, name, created_by) VALUES ($1, $2, $3, 'first start')`,
      [hashSecret(token), newAdminTokenId(), BOOTSTRAP_TOKEN_NAME],
    );
    return token;
  });
}
