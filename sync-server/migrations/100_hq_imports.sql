-- HQ imports (src/import). A streamed import first stages its valid rows here in short autocommitted chunks,
-- then applies them in ONE transaction through writeMasterDocuments, so the collection's sequence lock is held
-- only while applying, never while a slow client uploads, and a failed import leaves nothing in `documents`.

CREATE TABLE hq_imports (
  import_id text PRIMARY KEY,
  kind text NOT NULL,
  mode text NOT NULL,
  -- 'staging' while the body streams in, then 'applied' or 'failed'.
  status text NOT NULL,
  accepted integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  failure_code text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

CREATE TABLE hq_import_rows (
  import_id text NOT NULL,
  doc_id text NOT NULL,
  -- Line of the source file, for rejections found while applying.
  line integer NOT NULL,
  data jsonb NOT NULL,
  -- One row per document id per import: a second row with the same id is a rejected duplicate.
  PRIMARY KEY (import_id, doc_id)
);
