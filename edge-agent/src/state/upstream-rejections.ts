import type { UpstreamRejection } from '../status/agent-status.js';
import type { AgentDatabase } from './agent-database.js';

/** Documents HQ refused for good, kept across restarts so the manager's status keeps showing them. */
export class UpstreamRejections {
  private readonly upsert;
  private readonly latest;
  private readonly perCollection;

  constructor(db: AgentDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO upstream_rejections (collection, id, code, message, rejected_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET code = excluded.code, message = excluded.message,
         rejected_at = excluded.rejected_at`,
    );
    this.latest = db.prepare<
      [number],
      { collection: string; id: string; code: string; message: string; rejected_at: number }
    >(
      'SELECT collection, id, code, message, rejected_at FROM upstream_rejections ORDER BY rejected_at DESC LIMIT ?',
    );
    this.perCollection = db.prepare<[], { collection: string; n: number }>(
      'SELECT collection, count(*) AS n FROM upstream_rejections GROUP BY collection',
    );
  }

  /** How many documents HQ refused, per collection (all of them, not only the latest `list` shows). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.perCollection.all().map((row) => [row.collection, Number(row.n)]));
  }

  record(collection: string, id: string, code: string, message: string): void {
    this.upsert.run(collection, id, code, message, Date.now());
  }

  /** The most recent `limit` rejections, newest first. */
  list(limit = 100): UpstreamRejection[] {
    return this.latest.all(limit).map((row) => ({
      collection: row.collection,
      id: row.id,
      code: row.code,
      message: row.message,
      at: new Date(row.rejected_at).toISOString(),
    }));
  }
}
