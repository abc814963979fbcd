import { createHash } from 'node:crypto';
import type { AgentDatabase } from '../state/agent-database.js';

/** sha-256 hex, as HQ stores device tokens (32 random bytes: no stretching needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LaneRecord {
  readonly deviceId: string;
  readonly storeId: string;
  readonly label: string | null;
  readonly enrolledAt: number;
  readonly revokedAt: number | null;
}

export type LaneAuthentication =
  | { readonly ok: true; readonly lane: LaneRecord }
  | { readonly ok: false; readonly reason: 'unauthorized' | 'token-revoked' };

interface LaneRow {
  device_id: string;
  store_id: string;
  label: string | null;
  enrolled_at: number;
  revoked_at: number | null;
}

const toRecord = (row: LaneRow): LaneRecord => ({
  deviceId: row.device_id,
  storeId: row.store_id,
  label: row.label,
  enrolledAt: row.enrolled_at,
  revokedAt: row.revoked_at,
});

/**
 * The lanes this agent may serve: the sha-256 of each lane's HQ token, recorded when the lane enrolled
 * through the agent, and revocations learnt from HQ. Lookups are local, so lanes authenticate with HQ
 * unreachable for days; the raw token is never stored.
 */
export class LaneRegistry {
  private readonly byHash;
  private readonly insert;
  private readonly revokeStatement;
  private readonly all;

  constructor(db: AgentDatabase) {
    this.byHash = db.prepare<[string], LaneRow>(
      'SELECT device_id, store_id, label, enrolled_at, revoked_at FROM lanes WHERE token_hash = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO lanes (token_hash, device_id, store_id, label, enrolled_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET token_hash = excluded.token_hash, revoked_at = NULL`,
    );
    this.revokeStatement = db.prepare(
      'UPDATE lanes SET revoked_at = coalesce(revoked_at, ?) WHERE device_id = ? RETURNING device_id',
    );
    this.all = db.prepare<[], LaneRow>(
      'SELECT device_id, store_id, label, enrolled_at, revoked_at FROM lanes ORDER BY enrolled_at, device_id',
    );
  }

  authenticate(token: string): LaneAuthentication {
    const row = this.byHash.get(hashToken(token));
    if (!row) return { ok: false, reason: 'unauthorized' };
    if (row.revoked_at !== null) return { ok: false, reason: 'token-revoked' };
    return { ok: true, lane: toRecord(row) };
  }

  enroll(lane: { deviceId: string; storeId: string; token: string; label?: string | undefined }): void {
    this.insert.run(hashToken(lane.token), lane.deviceId, lane.storeId, lane.label ?? null, Date.now());
  }

  /** True when the lane was known (revoked now or before). */
  revoke(deviceId: string): boolean {
    return this.revokeStatement.all(Date.now(), deviceId).length > 0;
  }

  list(): LaneRecord[] {
    return this.all.all().map(toRecord);
  }
}
