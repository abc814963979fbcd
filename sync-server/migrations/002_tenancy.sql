-- Stores, devices and their credentials. Every secret is stored as a sha-256 hex digest, never in clear.

CREATE TABLE stores (
  store_id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  device_id text PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (store_id),
  token_hash text NOT NULL UNIQUE,
  label text,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (store_id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device text
);

CREATE TABLE admin_tokens (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
