#include "store/Migrations.h"

namespace pos {

namespace {

// Conventions: money in integer minor units (*_minor), quantities in thousandths (*_milli), tax
// rates in parts per million (*_ppm: 19% = 190000), times as ISO 8601 UTC text, ids of records
// that leave the register as UUID text.
constexpr const char* V1 = R"SQL(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE tax_classes (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    rate_ppm  INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    inclusive INTEGER NOT NULL CHECK (inclusive IN (0, 1))
);

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    sku            TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL CHECK (length(name) > 0),
    price_minor    INTEGER NOT NULL CHECK (price_minor >= 0),
    cost_minor     INTEGER NOT NULL DEFAULT 0 CHECK (cost_minor >= 0),
    tax_class_id   INTEGER NOT NULL REFERENCES tax_classes (id),
    category_id    INTEGER REFERENCES categories (id),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sold_by_weight INTEGER NOT NULL DEFAULT 0 CHECK (sold_by_weight IN (0, 1))
);
CREATE INDEX products_category ON products (category_id);

CREATE TABLE barcodes (
    code       TEXT PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id)
) WITHOUT ROWID;
CREATE INDEX barcodes_product ON barcodes (product_id);

-- As-you-type search over name and SKU: an FTS4 index with prefix indexes, kept in step with
-- products by triggers (external content: the text is stored once, in products).
CREATE VIRTUAL TABLE product_search USING fts4 (content="products", name, sku, prefix="1,2,3");
CREATE TRIGGER products_search_ai AFTER INSERT ON products BEGIN
    INSERT INTO product_search (docid, name, sku) VALUES (new.id, new.name, new.sku);
END;
CREATE TRIGGER products_search_bu BEFORE UPDATE ON products BEGIN
    DELETE FROM product_search WHERE docid = old.id;
END;
CREATE TRIGGER products_search_au AFTER UPDATE ON products BEGIN
    INSERT INTO product_search (docid, name, sku) VALUES (new.id, new.name, new.sku);
END;
CREATE TRIGGER products_search_bd BEFORE DELETE ON products BEGIN
    DELETE FROM product_search WHERE docid = old.id;
END;

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    phone      TEXT,
    email      TEXT,
    notes      TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE shifts (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    register_id    TEXT NOT NULL,
    currency       TEXT NOT NULL,
    opened_at      TEXT NOT NULL,
    opened_by      TEXT NOT NULL,
    float_minor    INTEGER NOT NULL CHECK (float_minor >= 0),
    closed_at      TEXT,
    closed_by      TEXT,
    counted_minor  INTEGER,
    expected_minor INTEGER
);
CREATE UNIQUE INDEX shifts_one_open ON shifts (register_id) WHERE closed_at IS NULL;

CREATE TABLE cash_movements (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    shift_id     INTEGER NOT NULL REFERENCES shifts (id),
    kind         TEXT NOT NULL CHECK (kind IN ('in', 'out')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    reason       TEXT NOT NULL,
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX cash_movements_shift ON cash_movements (shift_id);

-- Gap-free receipt numbers: the counter moves in the same transaction that stores the sale.
CREATE TABLE receipt_sequence (
    register_id TEXT PRIMARY KEY,
    last_no     INTEGER NOT NULL CHECK (last_no >= 0)
);

CREATE TABLE sales (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    register_id    TEXT NOT NULL,
    receipt_no     INTEGER NOT NULL CHECK (receipt_no > 0),
    shift_id       INTEGER REFERENCES shifts (id),
    cashier        TEXT NOT NULL,
    customer_id    INTEGER REFERENCES customers (id),
    currency       TEXT NOT NULL,
    subtotal_minor INTEGER NOT NULL,
    discount_minor INTEGER NOT NULL,
    tax_minor      INTEGER NOT NULL,
    total_minor    INTEGER NOT NULL,
    paid_minor     INTEGER NOT NULL,
    change_minor   INTEGER NOT NULL CHECK (change_minor >= 0),
    started_at     TEXT NOT NULL,
    completed_at   TEXT NOT NULL,
    UNIQUE (register_id, receipt_no)
);
CREATE INDEX sales_shift ON sales (shift_id);
CREATE INDEX sales_completed ON sales (completed_at);

CREATE TABLE sale_lines (
    sale_id               INTEGER NOT NULL REFERENCES sales (id),
    line_no               INTEGER NOT NULL,
    product_id            INTEGER REFERENCES products (id),
    sku                   TEXT NOT NULL,
    name                  TEXT NOT NULL,
    qty_milli             INTEGER NOT NULL CHECK (qty_milli > 0),
    unit_price_minor      INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    line_discount_minor   INTEGER NOT NULL CHECK (line_discount_minor >= 0),
    order_discount_minor  INTEGER NOT NULL CHECK (order_discount_minor >= 0),
    net_minor             INTEGER NOT NULL,
    tax_minor             INTEGER NOT NULL,
    total_minor           INTEGER NOT NULL,
    tax_code              TEXT NOT NULL,
    tax_rate_ppm          INTEGER NOT NULL,
    tax_inclusive         INTEGER NOT NULL,
    PRIMARY KEY (sale_id, line_no)
);

CREATE TABLE sale_tenders (
    sale_id          INTEGER NOT NULL REFERENCES sales (id),
    seq              INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('cash', 'card')),
    amount_minor     INTEGER NOT NULL CHECK (amount_minor > 0),
    tendered_minor   INTEGER NOT NULL CHECK (tendered_minor >= amount_minor),
    reference        TEXT,
    idempotency_key  TEXT NOT NULL UNIQUE,
    PRIMARY KEY (sale_id, seq)
);

-- A completed sale is immutable: corrections are new records (returns, voids) in later issues.
CREATE TRIGGER sales_immutable_u BEFORE UPDATE ON sales
    BEGIN SELECT RAISE(ABORT, 'a completed sale cannot be changed'); END;
CREATE TRIGGER sales_immutable_d BEFORE DELETE ON sales
    BEGIN SELECT RAISE(ABORT, 'a completed sale cannot be deleted'); END;
CREATE TRIGGER sale_lines_immutable_u BEFORE UPDATE ON sale_lines
    BEGIN SELECT RAISE(ABORT, 'a completed sale cannot be changed'); END;
CREATE TRIGGER sale_lines_immutable_d BEFORE DELETE ON sale_lines
    BEGIN SELECT RAISE(ABORT, 'a completed sale cannot be deleted'); END;
CREATE TRIGGER sale_tenders_immutable_u BEFORE UPDATE ON sale_tenders
    BEGIN SELECT RAISE(ABORT, 'a completed sale cannot be changed'); END;
CREATE TRIGGER sale_tenders_immutable_d BEFORE DELETE ON sale_tenders
    BEGIN SELECT RAISE(ABORT, 'a completed sale cannot be deleted'); END;

-- Parked sales: the cart as JSON, until resumed (then deleted) or completed.
CREATE TABLE held_sales (
    id       INTEGER PRIMARY KEY,
    uuid     TEXT NOT NULL UNIQUE,
    label    TEXT NOT NULL,
    cashier  TEXT NOT NULL,
    held_at  TEXT NOT NULL,
    cart     BLOB NOT NULL
);
)SQL";

// Version 2: a sale line records whether it was weighed (so a product later switched between
// weighed and counted still reprints its old receipts right), and the store itself refuses edits
// to money records that are final: cash movements, closed shifts, and the receipt counter, which
// may only move forward by one.
constexpr const char* V2 = R"SQL(
ALTER TABLE sale_lines ADD COLUMN sold_by_weight INTEGER NOT NULL DEFAULT 0
    CHECK (sold_by_weight IN (0, 1));
UPDATE sale_lines SET sold_by_weight = 1 WHERE qty_milli % 1000 <> 0
    OR product_id IN (SELECT id FROM products WHERE sold_by_weight = 1);

CREATE TRIGGER cash_movements_immutable_u BEFORE UPDATE ON cash_movements
    BEGIN SELECT RAISE(ABORT, 'a cash movement cannot be changed'); END;
CREATE TRIGGER cash_movements_immutable_d BEFORE DELETE ON cash_movements
    BEGIN SELECT RAISE(ABORT, 'a cash movement cannot be deleted'); END;
CREATE TRIGGER shifts_closed_immutable BEFORE UPDATE ON shifts WHEN old.closed_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a closed shift cannot be changed'); END;
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
    BEGIN SELECT RAISE(ABORT, 'a shift cannot be deleted'); END;
CREATE TRIGGER receipt_sequence_forward BEFORE UPDATE ON receipt_sequence
    WHEN new.last_no <> old.last_no + 1 OR new.register_id <> old.register_id
    BEGIN SELECT RAISE(ABORT, 'receipt numbers only move forward by one'); END;
CREATE TRIGGER receipt_sequence_no_delete BEFORE DELETE ON receipt_sequence
    BEGIN SELECT RAISE(ABORT, 'the receipt counter cannot be deleted'); END;
)SQL";

// Version 3: staff, sessions, permissions and manager approvals (issue 3, controls AUTH and RBAC).
// Users belong to a company and are assigned to stores; a role's permissions are defaults in code
// (core/staff/Permissions.cpp) with per-store overrides here. Records of who did and who approved
// what are append-only: approvals may only move forward (pending -> approved/refused/cancelled,
// approved -> used) and nothing else in them may change.
constexpr const char* V3 = R"SQL(
CREATE TABLE companies (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE stores (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE registers (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    store_id   INTEGER NOT NULL REFERENCES stores (id),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE,
    company_id         INTEGER NOT NULL REFERENCES companies (id),
    code               TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    role               TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'cashier', 'auditor')),
    pin_hash           TEXT,
    password_hash      TEXT,
    totp_secret        BLOB,
    totp_last_step     INTEGER NOT NULL DEFAULT 0,
    active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    discount_limit_ppm INTEGER NOT NULL DEFAULT 100000
        CHECK (discount_limit_ppm BETWEEN 0 AND 1000000),
    lockout            TEXT NOT NULL DEFAULT '{}',
    credentials_at     TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    CHECK (pin_hash IS NOT NULL OR password_hash IS NOT NULL)
);

CREATE TABLE user_stores (
    user_id  INTEGER NOT NULL REFERENCES users (id),
    store_id INTEGER NOT NULL REFERENCES stores (id),
    PRIMARY KEY (user_id, store_id)
);

CREATE TABLE role_overrides (
    store_id   INTEGER NOT NULL REFERENCES stores (id),
    role       TEXT NOT NULL CHECK (role IN ('manager', 'cashier', 'auditor')),
    permission TEXT NOT NULL,
    allowed    INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    PRIMARY KEY (store_id, role, permission)
);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    store_id    INTEGER NOT NULL REFERENCES stores (id),
    register_id TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    end_reason  TEXT
);
CREATE INDEX sessions_open ON sessions (user_id) WHERE ended_at IS NULL;
CREATE TRIGGER sessions_ended_final BEFORE UPDATE ON sessions WHEN old.ended_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'an ended session cannot be changed'); END;
CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
    BEGIN SELECT RAISE(ABORT, 'a session record cannot be deleted'); END;

-- Sign-in successes, failures and lockouts (AUTH-3), for owners to review.
CREATE TABLE auth_events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id),
    register_id TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('sign_in', 'sign_out', 'failure', 'locked',
                                              'refused', 'password_changed', 'pin_changed')),
    purpose     TEXT NOT NULL CHECK (purpose IN ('session', 'approval', 'unlock', 'change')),
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_events_user ON auth_events (user_id, at);
CREATE TRIGGER auth_events_immutable_u BEFORE UPDATE ON auth_events
    BEGIN SELECT RAISE(ABORT, 'a sign-in record cannot be changed'); END;
CREATE TRIGGER auth_events_immutable_d BEFORE DELETE ON auth_events
    BEGIN SELECT RAISE(ABORT, 'a sign-in record cannot be deleted'); END;

-- RBAC-4: every change to staff, roles, store assignments and role overrides, with before and
-- after as JSON. An undo is a change of its own that names the change it undoes (once only).
CREATE TABLE access_changes (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    at             TEXT NOT NULL,
    actor_id       INTEGER NOT NULL REFERENCES users (id),
    target_user_id INTEGER REFERENCES users (id),
    store_id       INTEGER REFERENCES stores (id),
    kind           TEXT NOT NULL,
    before_json    TEXT NOT NULL,
    after_json     TEXT NOT NULL,
    undoes         INTEGER UNIQUE REFERENCES access_changes (id)
);
CREATE TRIGGER access_changes_immutable_u BEFORE UPDATE ON access_changes
    BEGIN SELECT RAISE(ABORT, 'a staff change record cannot be changed'); END;
CREATE TRIGGER access_changes_immutable_d BEFORE DELETE ON access_changes
    BEGIN SELECT RAISE(ABORT, 'a staff change record cannot be deleted'); END;

-- RBAC-5: a request for a manager's approval and its outcome. Expiry is requested_at + 5 minutes,
-- computed by the reader; status only moves forward.
CREATE TABLE approvals (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('line_void', 'sale_void', 'refund',
                                               'return_no_receipt', 'discount', 'price_override',
                                               'no_sale', 'cash_out')),
    store_id     INTEGER NOT NULL REFERENCES stores (id),
    register_id  TEXT NOT NULL,
    requester_id INTEGER NOT NULL REFERENCES users (id),
    approver_id  INTEGER REFERENCES users (id),
    reason       TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    subject      TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    decided_at   TEXT,
    decision_note TEXT,
    used_at      TEXT,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'used',
                                                 'cancelled')),
    CHECK (approver_id IS NULL OR approver_id <> requester_id)
);
CREATE INDEX approvals_pending ON approvals (store_id, status);
CREATE TRIGGER approvals_forward BEFORE UPDATE ON approvals
    WHEN new.uuid <> old.uuid OR new.kind <> old.kind OR new.store_id <> old.store_id
      OR new.register_id <> old.register_id OR new.requester_id <> old.requester_id
      OR new.reason <> old.reason OR new.amount_minor <> old.amount_minor
      OR new.subject <> old.subject OR new.requested_at <> old.requested_at
      OR new.expires_at <> old.expires_at
      OR (old.approver_id IS NOT NULL AND new.approver_id IS NOT old.approver_id)
      OR (old.decision_note IS NOT NULL AND new.decision_note IS NOT old.decision_note)
      OR (old.decided_at IS NOT NULL AND new.decided_at IS NOT old.decided_at)
      OR NOT ((old.status = 'pending' AND new.status IN ('approved', 'refused', 'cancelled'))
              OR (old.status = 'approved' AND new.status = 'used'))
    BEGIN SELECT RAISE(ABORT, 'an approval can only move forward'); END;
CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
    BEGIN SELECT RAISE(ABORT, 'an approval record cannot be deleted'); END;

-- What was done at the counter that needed a permission beyond ringing up: line and sale voids,
-- discounts over the limit, price overrides, no-sale drawer opens.
CREATE TABLE counter_events (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('line_void', 'sale_void', 'discount',
                                               'price_override', 'no_sale')),
    register_id  TEXT NOT NULL,
    shift_id     INTEGER REFERENCES shifts (id),
    actor_id     INTEGER NOT NULL REFERENCES users (id),
    approval_id  INTEGER UNIQUE REFERENCES approvals (id),
    cart_uuid    TEXT,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    detail       TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX counter_events_at ON counter_events (at);
CREATE TRIGGER counter_events_immutable_u BEFORE UPDATE ON counter_events
    BEGIN SELECT RAISE(ABORT, 'a counter record cannot be changed'); END;
CREATE TRIGGER counter_events_immutable_d BEFORE DELETE ON counter_events
    BEGIN SELECT RAISE(ABORT, 'a counter record cannot be deleted'); END;

ALTER TABLE cash_movements ADD COLUMN approval_id INTEGER REFERENCES approvals (id);

-- Refunds and returns: with a receipt they point at the original sale and its lines; money goes
-- back to the original tenders. Immutable like sales.
CREATE TABLE refunds (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    register_id      TEXT NOT NULL,
    shift_id         INTEGER REFERENCES shifts (id),
    original_sale_id INTEGER REFERENCES sales (id),
    actor_id         INTEGER NOT NULL REFERENCES users (id),
    approval_id      INTEGER UNIQUE REFERENCES approvals (id),
    reason           TEXT NOT NULL,
    currency         TEXT NOT NULL,
    total_minor      INTEGER NOT NULL CHECK (total_minor > 0),
    tax_minor        INTEGER NOT NULL CHECK (tax_minor >= 0),
    created_at       TEXT NOT NULL
);
CREATE INDEX refunds_original ON refunds (original_sale_id);
CREATE INDEX refunds_shift ON refunds (shift_id);
CREATE INDEX refunds_created ON refunds (created_at);

CREATE TABLE refund_lines (
    refund_id        INTEGER NOT NULL REFERENCES refunds (id),
    line_no          INTEGER NOT NULL,
    original_line_no INTEGER,
    product_id       INTEGER REFERENCES products (id),
    sku              TEXT NOT NULL,
    name             TEXT NOT NULL,
    qty_milli        INTEGER NOT NULL CHECK (qty_milli > 0),
    amount_minor     INTEGER NOT NULL CHECK (amount_minor > 0),
    tax_minor        INTEGER NOT NULL CHECK (tax_minor >= 0),
    PRIMARY KEY (refund_id, line_no)
);

CREATE TABLE refund_tenders (
    refund_id       INTEGER NOT NULL REFERENCES refunds (id),
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('cash', 'card')),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    original_seq    INTEGER,
    reference       TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    PRIMARY KEY (refund_id, seq)
);

CREATE TRIGGER refunds_immutable_u BEFORE UPDATE ON refunds
    BEGIN SELECT RAISE(ABORT, 'a refund cannot be changed'); END;
CREATE TRIGGER refunds_immutable_d BEFORE DELETE ON refunds
    BEGIN SELECT RAISE(ABORT, 'a refund cannot be deleted'); END;
CREATE TRIGGER refund_lines_immutable_u BEFORE UPDATE ON refund_lines
    BEGIN SELECT RAISE(ABORT, 'a refund cannot be changed'); END;
CREATE TRIGGER refund_lines_immutable_d BEFORE DELETE ON refund_lines
    BEGIN SELECT RAISE(ABORT, 'a refund cannot be deleted'); END;
CREATE TRIGGER refund_tenders_immutable_u BEFORE UPDATE ON refund_tenders
    BEGIN SELECT RAISE(ABORT, 'a refund cannot be changed'); END;
CREATE TRIGGER refund_tenders_immutable_d BEFORE DELETE ON refund_tenders
    BEGIN SELECT RAISE(ABORT, 'a refund cannot be deleted'); END;

ALTER TABLE sales ADD COLUMN cashier_id INTEGER REFERENCES users (id);
ALTER TABLE held_sales ADD COLUMN cashier_id INTEGER REFERENCES users (id);
)SQL";

// AUD-2/3: every register's signed, hash-chained audit rows (byte layout in docs/audit-format.md)
// and its signed checkpoints; ENC-5: integration credentials sealed field by field.
constexpr const char* V4 = R"SQL(
CREATE TABLE audit_log (
    register_id TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    approver    TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    app_version TEXT NOT NULL,
    host        TEXT NOT NULL,
    prev_hash   BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash        BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    signature   BLOB NOT NULL CHECK (length(signature) = 64),
    PRIMARY KEY (register_id, seq)
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_entity ON audit_log (entity, at);
CREATE TRIGGER audit_log_immutable_u BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'an audit row cannot be changed'); END;
CREATE TRIGGER audit_log_immutable_d BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'an audit row cannot be deleted'); END;

CREATE TABLE audit_checkpoints (
    register_id TEXT NOT NULL,
    row_count   INTEGER NOT NULL CHECK (row_count > 0),
    head_hash   BLOB NOT NULL CHECK (length(head_hash) = 32),
    at          TEXT NOT NULL,
    reason      TEXT NOT NULL,
    signature   BLOB NOT NULL CHECK (length(signature) = 64),
    PRIMARY KEY (register_id, row_count)
);
CREATE TRIGGER audit_checkpoints_immutable_u BEFORE UPDATE ON audit_checkpoints
    BEGIN SELECT RAISE(ABORT, 'an audit checkpoint cannot be changed'); END;
CREATE TRIGGER audit_checkpoints_immutable_d BEFORE DELETE ON audit_checkpoints
    BEGIN SELECT RAISE(ABORT, 'an audit checkpoint cannot be deleted'); END;

CREATE TABLE integration_credentials (
    integration TEXT NOT NULL,
    field       TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (integration, field)
);
)SQL";

// Sync (docs/sync.md): an outbox filled by triggers in the transaction of each record the register
// pushes, uuids and versions on the server-authoritative catalog so pulls can match rows, and the
// server's witness signatures on this register's checkpoints (AUD-3).
#define POS_NEW_UUID                                                                               \
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "                            \
    "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "       \
    "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
constexpr const char* V5 = R"SQL(
CREATE TABLE sync_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'shift', 'approval',
                                             'cash_movement', 'audit_row', 'audit_checkpoint')),
    record_key TEXT NOT NULL,
    queued_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    sent_at    TEXT,
    batch_id   TEXT
);
CREATE INDEX sync_outbox_pending ON sync_outbox (seq) WHERE sent_at IS NULL;

CREATE TRIGGER sync_outbox_sale AFTER INSERT ON sales
    BEGIN INSERT INTO sync_outbox (kind, record_key) VALUES ('sale', new.uuid); END;
CREATE TRIGGER sync_outbox_refund AFTER INSERT ON refunds
    BEGIN INSERT INTO sync_outbox (kind, record_key) VALUES ('refund', new.uuid); END;
CREATE TRIGGER sync_outbox_shift_open AFTER INSERT ON shifts
    BEGIN INSERT INTO sync_outbox (kind, record_key) VALUES ('shift', new.uuid); END;
CREATE TRIGGER sync_outbox_shift_close AFTER UPDATE OF closed_at ON shifts
    WHEN new.closed_at IS NOT NULL AND old.closed_at IS NULL
    BEGIN INSERT INTO sync_outbox (kind, record_key) VALUES ('shift', new.uuid); END;
CREATE TRIGGER sync_outbox_approval_new AFTER INSERT ON approvals
    BEGIN INSERT INTO sync_outbox (kind, record_key) VALUES ('approval', new.uuid); END;
CREATE TRIGGER sync_outbox_approval_step AFTER UPDATE OF status ON approvals
    WHEN new.status <> old.status
    BEGIN INSERT INTO sync_outbox (kind, record_key) VALUES ('approval', new.uuid); END;
CREATE TRIGGER sync_outbox_cash AFTER INSERT ON cash_movements
    BEGIN INSERT INTO sync_outbox (kind, record_key) VALUES ('cash_movement', new.uuid); END;
CREATE TRIGGER sync_outbox_audit_row AFTER INSERT ON audit_log
    BEGIN INSERT INTO sync_outbox (kind, record_key)
          VALUES ('audit_row', new.register_id || ':' || new.seq); END;
CREATE TRIGGER sync_outbox_audit_checkpoint AFTER INSERT ON audit_checkpoints
    BEGIN INSERT INTO sync_outbox (kind, record_key)
          VALUES ('audit_checkpoint', new.register_id || ':' || new.row_count); END;

-- Rows already in the store before this migration go out with the first push.
INSERT INTO sync_outbox (kind, record_key) SELECT 'shift', uuid FROM shifts ORDER BY id;
INSERT INTO sync_outbox (kind, record_key) SELECT 'sale', uuid FROM sales ORDER BY id;
INSERT INTO sync_outbox (kind, record_key) SELECT 'refund', uuid FROM refunds ORDER BY id;
INSERT INTO sync_outbox (kind, record_key) SELECT 'approval', uuid FROM approvals ORDER BY id;
INSERT INTO sync_outbox (kind, record_key) SELECT 'cash_movement', uuid FROM cash_movements
    ORDER BY id;
INSERT INTO sync_outbox (kind, record_key)
    SELECT 'audit_row', register_id || ':' || seq FROM audit_log ORDER BY register_id, seq;
INSERT INTO sync_outbox (kind, record_key)
    SELECT 'audit_checkpoint', register_id || ':' || row_count FROM audit_checkpoints
    ORDER BY register_id, row_count;

-- Key/value state of the sync engine: server address, company/store ids, pins, pull cursor,
-- last success and last error. Never a key or a token.
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The checkpoint's own time and reason are kept with its witness signature (they are part of the
-- message the server signed), so the witness can be checked even when the checkpoint is gone.
CREATE TABLE audit_witness (
    register_id   TEXT NOT NULL,
    row_count     INTEGER NOT NULL,
    head_hash     BLOB NOT NULL CHECK (length(head_hash) = 32),
    checkpoint_at TEXT NOT NULL,
    reason        TEXT NOT NULL,
    witnessed_at  TEXT NOT NULL,
    signature     BLOB NOT NULL CHECK (length(signature) = 64),
    PRIMARY KEY (register_id, row_count)
);
CREATE TRIGGER audit_witness_immutable_u BEFORE UPDATE ON audit_witness
    BEGIN SELECT RAISE(ABORT, 'a witness signature cannot be changed'); END;
CREATE TRIGGER audit_witness_immutable_d BEFORE DELETE ON audit_witness
    BEGIN SELECT RAISE(ABORT, 'a witness signature cannot be deleted'); END;

-- Server-authoritative rows get the server's uuid and version on their first pull; rows made
-- here before this migration get a uuid now, later local rows when they are first synced.
ALTER TABLE products ADD COLUMN uuid TEXT;
ALTER TABLE products ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tax_classes ADD COLUMN uuid TEXT;
ALTER TABLE tax_classes ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN uuid TEXT;
ALTER TABLE categories ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
UPDATE products SET uuid = )SQL" POS_NEW_UUID R"SQL(;
UPDATE tax_classes SET uuid = )SQL" POS_NEW_UUID R"SQL(;
UPDATE categories SET uuid = )SQL" POS_NEW_UUID R"SQL(;
CREATE UNIQUE INDEX products_uuid ON products (uuid);
CREATE UNIQUE INDEX tax_classes_uuid ON tax_classes (uuid);
CREATE UNIQUE INDEX categories_uuid ON categories (uuid);
)SQL";
#undef POS_NEW_UUID

// The owner's desktop remembers every register whose chain it fetched from the sync server and
// verified (AUD-7, trust on first use): the signing key as first seen and the newest verified
// head. A register's key never changes (enrolling again means a new register id), so the key is
// never updated here and the head only moves forward; nothing is deleted.
constexpr const char* V6 = R"SQL(
CREATE TABLE known_registers (
    register_id   TEXT PRIMARY KEY,
    signing_key   BLOB NOT NULL CHECK (length(signing_key) = 32),
    fingerprint   TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    row_count     INTEGER NOT NULL CHECK (row_count > 0),
    head_hash     BLOB NOT NULL CHECK (length(head_hash) = 32),
    head_seen_at  TEXT NOT NULL
);
CREATE TRIGGER known_registers_key_fixed BEFORE UPDATE ON known_registers
    WHEN new.register_id IS NOT old.register_id OR new.signing_key IS NOT old.signing_key
         OR new.fingerprint IS NOT old.fingerprint OR new.first_seen_at IS NOT old.first_seen_at
    BEGIN SELECT RAISE(ABORT, 'a remembered register key cannot be changed'); END;
CREATE TRIGGER known_registers_head_forward BEFORE UPDATE ON known_registers
    WHEN new.row_count < old.row_count
         OR (new.row_count = old.row_count AND new.head_hash IS NOT old.head_hash)
    BEGIN SELECT RAISE(ABORT, 'a remembered register head only moves forward'); END;
CREATE TRIGGER known_registers_kept BEFORE DELETE ON known_registers
    BEGIN SELECT RAISE(ABORT, 'a remembered register cannot be forgotten'); END;
)SQL";

constexpr Migration All[] = {
    {1, "catalog, customers, sales, shifts", V1},
    {2, "weighed sale lines; final money records are immutable", V2},
    {3, "staff, sessions, permissions, approvals, refunds", V3},
    {4, "signed audit log and checkpoints; sealed integration credentials", V4},
    {5, "sync outbox, sync state, witness signatures; uuids and versions on the catalog", V5},
    {6, "registers the owner's desktop has verified from the sync server: key and head", V6},
};

} // namespace

std::span<const Migration> storeMigrations()
{
    return All;
}

} // namespace pos
