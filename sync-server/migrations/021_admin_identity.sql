-- Named admin tokens (each person or tool its own, revocable) and the append-only admin audit trail.

ALTER TABLE admin_tokens ADD COLUMN token_id text;
ALTER TABLE admin_tokens ADD COLUMN name text;
ALTER TABLE admin_tokens ADD COLUMN created_by text;
ALTER TABLE admin_tokens ADD COLUMN revoked_at timestamptz;
-- Tokens from before names existed: the bootstrap token (STOREFLOOR_ADMIN_TOKEN or the generated one).
UPDATE admin_tokens SET token_id = 'adm_' || substr(token_hash, 1, 16), name = 'bootstrap';
ALTER TABLE admin_tokens ALTER COLUMN token_id SET NOT NULL;
ALTER TABLE admin_tokens ALTER COLUMN name SET NOT NULL;
CREATE UNIQUE INDEX admin_tokens_id ON admin_tokens (token_id);

-- Which admin token made the enrollment code a device enrolled with.
ALTER TABLE enrollment_codes ADD COLUMN created_by text;

CREATE TABLE admin_audit (
  entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- The admin token that acted (its id and name at the time), or the device that enrolled.
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  action text NOT NULL,
  target text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX admin_audit_at ON admin_audit (at, entry_id);

-- Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_audit is append-only';
END;
$$;
CREATE TRIGGER admin_audit_no_update_delete BEFORE UPDATE OR DELETE ON admin_audit
  FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only();
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
  FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_append_only();
