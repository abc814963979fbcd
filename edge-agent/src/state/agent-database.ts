import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type AgentDatabase = Database.Database;

/** The agent's own state, beside the replica: never replicated, so never an RxDB collection (13 max). */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS agent_identity (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Lanes enrolled through this agent: enough to authenticate them with HQ unreachable for days.
CREATE TABLE IF NOT EXISTS lanes (
  token_hash TEXT PRIMARY KEY,
  device_id TEXT NOT NULL UNIQUE,
  store_id TEXT NOT NULL,
  label TEXT,
  enrolled_at INTEGER NOT NULL,
  revoked_at INTEGER
);
-- The agent's own write sequence over the replica: what lanes' checkpoints and the outbox count in.
CREATE TABLE IF NOT EXISTS replica_sequence (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  rev TEXT NOT NULL,
  store_id TEXT NOT NULL,
  device_id TEXT,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS replica_sequence_order ON replica_sequence (collection, seq, id);
CREATE TABLE IF NOT EXISTS collection_heads (
  collection TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL,
  -- Highest RxDB write time sequenced: where the start-up reconciliation begins (minus a margin).
  lwt_watermark REAL NOT NULL
);
-- How far each transaction collection has been pushed to HQ, in the agent's sequence.
CREATE TABLE IF NOT EXISTS outbox_cursors (
  collection TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  pushed_at INTEGER NOT NULL
);
-- Documents HQ refused for good: kept in the replica, listed in the status until someone looks.
CREATE TABLE IF NOT EXISTS upstream_rejections (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  rejected_at INTEGER NOT NULL,
  PRIMARY KEY (collection, id)
);
`;

/**
 * Opens (creating) `<dataDir>/agent.sqlite`: WAL and synchronous FULL, so what is recorded here survives a
 * power cut as the replica does.
 */
export function openAgentDatabase(dataDir: string): AgentDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'agent.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  return db;
}
