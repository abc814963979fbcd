import type { Database } from '../db/database.js';
import { hashSecret, newToken } from './tokens.js';

/**
 * Makes sure HQ has an admin token. `STOREFLOOR_ADMIN_TOKEN` is registered (hashed) when given; otherwise a
 * token is generated on the very first start only and returned so that the caller prints it once.
 */
export async function ensureAdminToken(
  db: Database,
  configured: string | undefined,
): Promise<string | undefined> {
  if (configured) {
    await db.query('INSERT INTO admin_tokens (token_hash) VALUES ($1) ON CONFLICT (token_hash) DO NOTHING', [
      hashSecret(configured),
    ]);
    return undefined;
  }
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE admin_tokens IN EXCLUSIVE MODE');
    const { rows } = await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM admin_tokens');
    if (Number(rows[0]?.n ?? 0) > 0) return undefined;
    const token = newToken('sfa');
    await tx.query('INSERT INTO admin_tokens (token_hash) VALUES ($1)', [hashSecret(token)]);
    return token;
  });
}
