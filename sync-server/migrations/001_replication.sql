-- Replication core: every replicated document of every collection, and the per-collection sequence.
-- See DESIGN.md for why one sequence number is assigned per write transaction under a row lock.

CREATE TABLE collection_sequences (
  collection text PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE documents (
  collection text NOT NULL,
  id text NOT NULL,
  -- '*' = chain-wide master data; otherwise the store the document belongs to.
  store_id text NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  -- A completed transaction (sale, return, …): immutable from then on.
  is_final boolean NOT NULL DEFAULT false,
  -- The document as the device sent it, without `_deleted`, `_rev`, `_meta`, `_attachments`.
  data jsonb NOT NULL,
  -- Who wrote it: a device id, or 'hq' for master data.
  written_by text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);

-- Pull of a whole collection (master data, chain-wide) by checkpoint.
CREATE INDEX documents_checkpoint ON documents (collection, seq, id);
-- Pull of one store's documents by checkpoint.
CREATE INDEX documents_store_checkpoint ON documents (collection, store_id, seq, id);
