-- pos-syncd schema, migration 2: the company's PIN pepper (docs/sync.md "POST /v1/enrol").
-- Every register of a company keys its PIN hashes with the same pepper, so a PIN set on one
-- register or desktop works on every register that pulls the user. The server makes it at the
-- company's first enrolment and hands it to each register in the enrolment answer. It is stored
-- sealed (AES-256-GCM, the company id as associated data) under a key derived from the witness
-- key file, which lives outside the database: a copy of the database alone holds no pepper.

CREATE TABLE pos.company_secrets (
    company_id        uuid PRIMARY KEY REFERENCES pos.companies (id),
    pin_pepper_sealed bytea NOT NULL CHECK (length(pin_pepper_sealed) = 12 + 32 + 16),
    created_at        timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE pos.company_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos.company_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON pos.company_secrets USING (company_id = pos.company())
    WITH CHECK (company_id = pos.company());

-- Made once, never changed or removed by the server.
GRANT SELECT, INSERT ON pos.company_secrets TO pos_app;
