-- Short-lived, single-use tickets for the live stream (clients that cannot set an Authorization header put
-- one in the query instead of their long-lived token). Stored hashed, like every secret.

CREATE TABLE stream_tickets (
  ticket_hash text PRIMARY KEY,
  device_id text NOT NULL REFERENCES devices (device_id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX stream_tickets_expiry ON stream_tickets (expires_at);
