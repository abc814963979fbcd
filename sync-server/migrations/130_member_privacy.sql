-- A member's rights under PIPL at HQ (issue 16): consent and erasure.

-- Erased members: the id stays (sales and points ledgers go on naming someone, anonymously); the member
-- document holds no personal field any more, and an import naming the id is refused.
CREATE TABLE hq_member_erasures (
  member_id text PRIMARY KEY,
  erased_at timestamptz NOT NULL DEFAULT now(),
  erased_by text NOT NULL
);

-- Consent to keep and use the member's personal data (name, phone, e-mail). Withdrawn, the replicated member
-- document carries none of them (no lane shows the person or finds them by phone; the card still earns
-- points), and HQ keeps them here only, for the member's own export and for a consent given again.
CREATE TABLE hq_member_consents (
  member_id text PRIMARY KEY,
  personal_data boolean NOT NULL,
  withheld jsonb,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL
);
