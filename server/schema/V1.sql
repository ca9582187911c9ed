-- pos-syncd schema, migration 1. Applied by `pos-syncd admin migrate` as pos_owner (see
-- docs/sync.md, "Tenancy on the server"). Every tenant table: company_id, ENABLE + FORCE row
-- level security, policies over pos.company() / pos.stores() only (STABLE, no VOLATILE function).
-- The server's login role (granted pos_app) owns nothing and gets only the grants below.

CREATE SCHEMA IF NOT EXISTS pos;

CREATE FUNCTION pos.company() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('pos.company_id', true), '')::uuid $$;
CREATE FUNCTION pos.stores() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT string_to_array(nullif(current_setting('pos.store_ids', true), ''), ',')::uuid[] $$;
CREATE FUNCTION pos.enrol_hash() RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT decode(nullif(current_setting('pos.enrol_hash', true), ''), 'hex') $$;

CREATE TABLE pos.companies (
    id         uuid PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pos.stores (
    company_id uuid NOT NULL REFERENCES pos.companies (id),
    id         uuid PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, id)
);

-- Staff. Credential hashes use core/auth/CredentialHash's format (scrypt); never plain.
CREATE TABLE pos.users (
    company_id         uuid NOT NULL REFERENCES pos.companies (id),
    id                 uuid PRIMARY KEY,
    code               text NOT NULL,
    name               text NOT NULL,
    role               text NOT NULL CHECK (role IN ('owner', 'manager', 'cashier', 'auditor')),
    pin_hash           text,
    password_hash      text,
    active             boolean NOT NULL DEFAULT true,
    discount_limit_ppm integer NOT NULL DEFAULT 100000 CHECK (discount_limit_ppm BETWEEN 0 AND 1000000),
    version            bigint NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, code),
    CHECK (pin_hash IS NOT NULL OR password_hash IS NOT NULL)
);

CREATE TABLE pos.user_stores (
    company_id uuid NOT NULL,
    user_id    uuid NOT NULL REFERENCES pos.users (id),
    store_id   uuid NOT NULL,
    PRIMARY KEY (user_id, store_id),
    FOREIGN KEY (company_id, store_id) REFERENCES pos.stores (company_id, id)
);

CREATE TABLE pos.role_overrides (
    company_id uuid NOT NULL,
    store_id   uuid NOT NULL,
    role       text NOT NULL CHECK (role IN ('manager', 'cashier', 'auditor')),
    permission text NOT NULL,
    allowed    boolean NOT NULL,
    version    bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (store_id, role, permission),
    FOREIGN KEY (company_id, store_id) REFERENCES pos.stores (company_id, id)
);

-- Registers (devices). id is the register's own UUID, the one its audit genesis names.
CREATE TABLE pos.devices (
    company_id     uuid NOT NULL,
    store_id       uuid NOT NULL,
    id             uuid PRIMARY KEY,
    name           text NOT NULL,
    signing_key    bytea NOT NULL CHECK (length(signing_key) = 32),
    device_key     bytea NOT NULL CHECK (length(device_key) = 32),
    enrolled_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    revoked_reason text,
    FOREIGN KEY (company_id, store_id) REFERENCES pos.stores (company_id, id)
);

CREATE TABLE pos.enrol_codes (
    company_id uuid NOT NULL,
    store_id   uuid NOT NULL,
    code_hash  bytea PRIMARY KEY CHECK (length(code_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    used_by    uuid,
    FOREIGN KEY (company_id, store_id) REFERENCES pos.stores (company_id, id)
);

CREATE TABLE pos.request_nonces (
    company_id uuid NOT NULL,
    device_id  uuid NOT NULL REFERENCES pos.devices (id),
    nonce      text NOT NULL,
    seen_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, nonce)
);
CREATE INDEX request_nonces_seen ON pos.request_nonces (seen_at);

CREATE TABLE pos.user_tokens (
    company_id uuid NOT NULL,
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id    uuid NOT NULL REFERENCES pos.users (id),
    device_id  uuid NOT NULL REFERENCES pos.devices (id),
    expires_at timestamptz NOT NULL
);

-- Pushed records. The whole JSON as sent is kept in `body` for equality checks on resend.
CREATE TABLE pos.push_batches (
    company_id  uuid NOT NULL,
    store_id    uuid NOT NULL,
    device_id   uuid NOT NULL REFERENCES pos.devices (id),
    id          uuid PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now(),
    result      jsonb NOT NULL
);

CREATE TABLE pos.shifts (
    company_id  uuid NOT NULL,
    store_id    uuid NOT NULL,
    register_id uuid NOT NULL,
    id          uuid PRIMARY KEY,
    opened_at   timestamptz NOT NULL,
    closed_at   timestamptz,
    body        jsonb NOT NULL
);

CREATE TABLE pos.sales (
    company_id     uuid NOT NULL,
    store_id       uuid NOT NULL,
    register_id    uuid NOT NULL,
    id             uuid PRIMARY KEY,
    receipt_no     bigint NOT NULL CHECK (receipt_no > 0),
    shift_id       uuid,
    cashier_id     uuid,
    cashier        text NOT NULL,
    currency       text NOT NULL,
    subtotal_minor bigint NOT NULL,
    discount_minor bigint NOT NULL,
    tax_minor      bigint NOT NULL,
    total_minor    bigint NOT NULL,
    paid_minor     bigint NOT NULL,
    change_minor   bigint NOT NULL CHECK (change_minor >= 0),
    started_at     timestamptz NOT NULL,
    completed_at   timestamptz NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (register_id, receipt_no)
);
CREATE INDEX sales_store_completed ON pos.sales (store_id, completed_at);

CREATE TABLE pos.sale_lines (
    company_id           uuid NOT NULL,
    store_id             uuid NOT NULL,
    sale_id              uuid NOT NULL REFERENCES pos.sales (id),
    line_no              integer NOT NULL,
    product_sku          text NOT NULL,
    name                 text NOT NULL,
    qty_milli            bigint NOT NULL CHECK (qty_milli > 0),
    unit_price_minor     bigint NOT NULL CHECK (unit_price_minor >= 0),
    line_discount_minor  bigint NOT NULL,
    order_discount_minor bigint NOT NULL,
    net_minor            bigint NOT NULL,
    tax_minor            bigint NOT NULL,
    total_minor          bigint NOT NULL,
    tax_code             text NOT NULL,
    tax_rate_ppm         integer NOT NULL,
    tax_inclusive        boolean NOT NULL,
    PRIMARY KEY (sale_id, line_no)
);

CREATE TABLE pos.sale_tenders (
    company_id      uuid NOT NULL,
    store_id        uuid NOT NULL,
    sale_id         uuid NOT NULL REFERENCES pos.sales (id),
    seq             integer NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('cash', 'card')),
    amount_minor    bigint NOT NULL CHECK (amount_minor > 0),
    tendered_minor  bigint NOT NULL,
    reference       text,
    idempotency_key text NOT NULL UNIQUE,
    PRIMARY KEY (sale_id, seq)
);

CREATE TABLE pos.refunds (
    company_id       uuid NOT NULL,
    store_id         uuid NOT NULL,
    register_id      uuid NOT NULL,
    id               uuid PRIMARY KEY,
    original_sale_id uuid,
    created_at       timestamptz NOT NULL,
    total_minor      bigint NOT NULL CHECK (total_minor > 0),
    body             jsonb NOT NULL
);

-- Lines and tenders of refunds travel inside refunds.body; this child table carries the tenant
-- ids like every other (ISO-1) and exists for reporting per line.
CREATE TABLE pos.refund_lines (
    company_id   uuid NOT NULL,
    store_id     uuid NOT NULL,
    refund_id    uuid NOT NULL REFERENCES pos.refunds (id),
    line_no      integer NOT NULL,
    product_sku  text NOT NULL,
    qty_milli    bigint NOT NULL CHECK (qty_milli > 0),
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    tax_minor    bigint NOT NULL,
    PRIMARY KEY (refund_id, line_no)
);

CREATE TABLE pos.approvals (
    company_id  uuid NOT NULL,
    store_id    uuid NOT NULL,
    register_id uuid NOT NULL,
    id          uuid PRIMARY KEY,
    status      text NOT NULL,
    body        jsonb NOT NULL
);

CREATE TABLE pos.cash_movements (
    company_id  uuid NOT NULL,
    store_id    uuid NOT NULL,
    register_id uuid NOT NULL,
    id          uuid PRIMARY KEY,
    body        jsonb NOT NULL
);

-- Audit chains as the registers signed them (docs/audit-format.md). Never updated or deleted.
CREATE TABLE pos.audit_rows (
    company_id  uuid NOT NULL,
    store_id    uuid NOT NULL,
    register_id uuid NOT NULL REFERENCES pos.devices (id),
    seq         bigint NOT NULL CHECK (seq >= 0),
    at          text NOT NULL,
    actor       text NOT NULL,
    approver    text NOT NULL,
    action      text NOT NULL,
    entity      text NOT NULL,
    before_json text NOT NULL,
    after_json  text NOT NULL,
    app_version text NOT NULL,
    host        text NOT NULL,
    prev_hash   bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash        bytea NOT NULL CHECK (length(hash) = 32),
    signature   bytea NOT NULL CHECK (length(signature) = 64),
    PRIMARY KEY (register_id, seq)
);

CREATE TABLE pos.audit_checkpoints (
    company_id        uuid NOT NULL,
    store_id          uuid NOT NULL,
    register_id       uuid NOT NULL REFERENCES pos.devices (id),
    row_count         bigint NOT NULL CHECK (row_count > 0),
    head_hash         bytea NOT NULL CHECK (length(head_hash) = 32),
    at                text NOT NULL,
    reason            text NOT NULL,
    signature         bytea NOT NULL CHECK (length(signature) = 64),
    witness_signature bytea NOT NULL CHECK (length(witness_signature) = 64),
    witnessed_at      text NOT NULL,
    PRIMARY KEY (register_id, row_count)
);

-- The server's view of each chain's end: moved forward in the push transaction only.
CREATE TABLE pos.audit_heads (
    company_id  uuid NOT NULL,
    store_id    uuid NOT NULL,
    register_id uuid PRIMARY KEY REFERENCES pos.devices (id),
    row_count   bigint NOT NULL CHECK (row_count >= 0),
    head_hash   bytea NOT NULL CHECK (length(head_hash) = 32)
);

CREATE FUNCTION pos.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_rows_immutable BEFORE UPDATE OR DELETE ON pos.audit_rows
    FOR EACH ROW EXECUTE FUNCTION pos.refuse_change();
CREATE TRIGGER audit_checkpoints_immutable BEFORE UPDATE OR DELETE ON pos.audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION pos.refuse_change();
CREATE TRIGGER sales_immutable BEFORE UPDATE OR DELETE ON pos.sales
    FOR EACH ROW EXECUTE FUNCTION pos.refuse_change();
CREATE TRIGGER sale_lines_immutable BEFORE UPDATE OR DELETE ON pos.sale_lines
    FOR EACH ROW EXECUTE FUNCTION pos.refuse_change();
CREATE TRIGGER sale_tenders_immutable BEFORE UPDATE OR DELETE ON pos.sale_tenders
    FOR EACH ROW EXECUTE FUNCTION pos.refuse_change();

-- Server-authoritative data that registers pull. Every change bumps `version` and appends to
-- change_log, whose seq is the pull cursor.
CREATE TABLE pos.tax_classes (
    company_id uuid NOT NULL REFERENCES pos.companies (id),
    id         uuid PRIMARY KEY,
    code       text NOT NULL,
    name       text NOT NULL,
    rate_ppm   integer NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    inclusive  boolean NOT NULL,
    version    bigint NOT NULL DEFAULT 1,
    UNIQUE (company_id, code)
);

CREATE TABLE pos.categories (
    company_id uuid NOT NULL REFERENCES pos.companies (id),
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    version    bigint NOT NULL DEFAULT 1,
    UNIQUE (company_id, name)
);

CREATE TABLE pos.products (
    company_id     uuid NOT NULL REFERENCES pos.companies (id),
    id             uuid PRIMARY KEY,
    sku            text NOT NULL,
    name           text NOT NULL CHECK (length(name) > 0),
    price_minor    bigint NOT NULL CHECK (price_minor >= 0),
    cost_minor     bigint NOT NULL DEFAULT 0 CHECK (cost_minor >= 0),
    tax_class_id   uuid NOT NULL REFERENCES pos.tax_classes (id),
    category_id    uuid REFERENCES pos.categories (id),
    barcodes       text[] NOT NULL DEFAULT '{}',
    active         boolean NOT NULL DEFAULT true,
    sold_by_weight boolean NOT NULL DEFAULT false,
    version        bigint NOT NULL DEFAULT 1,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, sku)
);

CREATE TABLE pos.store_prices (
    company_id  uuid NOT NULL,
    store_id    uuid NOT NULL,
    product_id  uuid NOT NULL REFERENCES pos.products (id),
    price_minor bigint NOT NULL CHECK (price_minor >= 0),
    version     bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (store_id, product_id),
    FOREIGN KEY (company_id, store_id) REFERENCES pos.stores (company_id, id)
);

-- store_id NULL: a company-wide setting.
CREATE TABLE pos.settings (
    company_id uuid NOT NULL REFERENCES pos.companies (id),
    store_id   uuid,
    key        text NOT NULL,
    value      text NOT NULL,
    version    bigint NOT NULL DEFAULT 1,
    UNIQUE NULLS NOT DISTINCT (company_id, store_id, key)
);

-- store_id NULL: visible to every store of the company.
CREATE TABLE pos.change_log (
    company_id uuid NOT NULL REFERENCES pos.companies (id),
    store_id   uuid,
    seq        bigserial PRIMARY KEY,
    kind       text NOT NULL,
    entity_id  text NOT NULL,
    version    bigint NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_company_seq ON pos.change_log (company_id, seq);

-- A row's seq is taken under a lock per company held until its transaction ends, so within a
-- company seq order is commit order: a pull that has read up to seq n never misses a row that
-- commits later with a seq below n. Writers append their change_log rows after their other
-- writes (the lock is held from the first row to the commit).
CREATE FUNCTION pos.change_log_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('pos.change_log:' || NEW.company_id::text, 0));
    NEW.seq := nextval('pos.change_log_seq_seq');
    RETURN NEW;
END $$;
CREATE TRIGGER change_log_seq BEFORE INSERT ON pos.change_log
    FOR EACH ROW EXECUTE FUNCTION pos.change_log_seq();

-- Commands from owners' and managers' desktops, kept so a resent command is answered the same.
CREATE TABLE pos.commands (
    company_id uuid NOT NULL REFERENCES pos.companies (id),
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES pos.users (id),
    device_id  uuid NOT NULL REFERENCES pos.devices (id),
    kind       text NOT NULL,
    result     jsonb NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);

-- Row-level security: ENABLE + FORCE on every tenant table.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['companies', 'stores', 'users', 'user_stores', 'role_overrides',
        'devices', 'enrol_codes', 'request_nonces', 'user_tokens', 'push_batches', 'shifts',
        'sales', 'sale_lines', 'sale_tenders', 'refunds', 'refund_lines', 'approvals',
        'cash_movements', 'audit_rows', 'audit_checkpoints', 'audit_heads', 'tax_classes',
        'categories', 'products', 'store_prices', 'settings', 'change_log', 'commands']
    LOOP
        EXECUTE format('ALTER TABLE pos.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE pos.%I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;

-- Company-wide tables: the company setting decides.
CREATE POLICY tenant ON pos.companies USING (id = pos.company()) WITH CHECK (id = pos.company());
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stores', 'users', 'user_stores', 'devices', 'request_nonces',
        'user_tokens', 'tax_classes', 'categories', 'products', 'commands']
    LOOP
        EXECUTE format('CREATE POLICY tenant ON pos.%I USING (company_id = pos.company()) '
                       'WITH CHECK (company_id = pos.company())', t);
    END LOOP;
END $$;

-- Store-owned tables: the company and one of the stores of this request.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['role_overrides', 'push_batches', 'shifts', 'sales', 'sale_lines',
        'sale_tenders', 'refunds', 'refund_lines', 'approvals', 'cash_movements', 'audit_rows',
        'audit_checkpoints', 'audit_heads', 'store_prices']
    LOOP
        EXECUTE format('CREATE POLICY tenant ON pos.%I '
                       'USING (company_id = pos.company() AND store_id = ANY (pos.stores())) '
                       'WITH CHECK (company_id = pos.company() AND store_id = ANY (pos.stores()))', t);
    END LOOP;
END $$;

-- Company-wide or one of this request's stores.
CREATE POLICY tenant ON pos.settings
    USING (company_id = pos.company() AND (store_id IS NULL OR store_id = ANY (pos.stores())))
    WITH CHECK (company_id = pos.company() AND (store_id IS NULL OR store_id = ANY (pos.stores())));
CREATE POLICY tenant ON pos.change_log
    USING (company_id = pos.company() AND (store_id IS NULL OR store_id = ANY (pos.stores())))
    WITH CHECK (company_id = pos.company() AND (store_id IS NULL OR store_id = ANY (pos.stores())));

-- Enrolment: the company's own codes, or the one code whose hash this request typed.
CREATE POLICY tenant ON pos.enrol_codes
    USING (company_id = pos.company() OR code_hash = pos.enrol_hash())
    WITH CHECK (company_id = pos.company());

-- The server's role: no ownership, only what the API needs. No DELETE except expired nonces and
-- tokens; no UPDATE on pushed sales or audit rows.
GRANT USAGE ON SCHEMA pos TO pos_app;
GRANT EXECUTE ON FUNCTION pos.company(), pos.stores(), pos.enrol_hash() TO pos_app;
GRANT SELECT ON ALL TABLES IN SCHEMA pos TO pos_app;
GRANT INSERT ON pos.request_nonces, pos.user_tokens, pos.push_batches, pos.shifts, pos.sales,
    pos.sale_lines, pos.sale_tenders, pos.refunds, pos.refund_lines, pos.approvals,
    pos.cash_movements, pos.audit_rows, pos.audit_checkpoints, pos.audit_heads, pos.devices,
    pos.change_log, pos.commands, pos.products, pos.categories, pos.tax_classes,
    pos.store_prices, pos.settings, pos.users, pos.user_stores, pos.role_overrides TO pos_app;
GRANT UPDATE ON pos.shifts, pos.approvals, pos.audit_heads, pos.enrol_codes, pos.products,
    pos.categories, pos.tax_classes, pos.store_prices, pos.settings, pos.users,
    pos.role_overrides TO pos_app;
-- store_prices, settings and role_overrides: a command that sets a store price, setting or
-- override back to the default deletes the row (the change_log row says `deleted`).
GRANT DELETE ON pos.request_nonces, pos.user_tokens, pos.user_stores, pos.store_prices,
    pos.settings, pos.role_overrides TO pos_app;
GRANT USAGE ON SEQUENCE pos.change_log_seq_seq TO pos_app;
REVOKE ALL ON pos.schema_migrations FROM pos_app;
