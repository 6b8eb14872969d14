-- Card payments. The amount is fixed from the database when the payment is created; the
-- purpose (what is paid) is fulfilled in the transaction that records success.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    purpose_kind TEXT NOT NULL,
    purpose_id TEXT NOT NULL,
    payer_id TEXT REFERENCES users (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    currency TEXT NOT NULL DEFAULT 'EUR',
    state TEXT NOT NULL CHECK (state IN ('created', 'started', 'success', 'failed', 'cancelled', 'expired', 'error')),
    failure_code TEXT,
    failure_message TEXT,
    provider_ref TEXT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX payments_payer ON payments (payer_id, created_at_ms);
-- At most one unfinished payment per purpose.
CREATE UNIQUE INDEX payments_one_open ON payments (purpose_kind, purpose_id)
    WHERE state IN ('created', 'started');

-- Every report about a payment, kept even when it changed nothing (duplicates, late ones).
CREATE TABLE payment_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id TEXT NOT NULL REFERENCES payments (id),
    at_ms BIGINT NOT NULL,
    source TEXT NOT NULL,
    event TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX payment_events_payment ON payment_events (payment_id, at_ms);

-- Receipts: sequential per year, one per successful payment.
CREATE TABLE receipts (
    number TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL UNIQUE REFERENCES payments (id),
    issued_at_ms BIGINT NOT NULL
);

-- The purpose this issue ships for testing the payment path end to end.
CREATE TABLE payment_test_items (
    id TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    paid_by TEXT REFERENCES payments (id)
);

-- The built-in sandbox bank's own records (it plays an external acquirer inside the portal).
CREATE TABLE sandbox_bank_transactions (
    payment_id TEXT PRIMARY KEY,
    amount_cents BIGINT NOT NULL,
    status TEXT NOT NULL,
    provider_ref TEXT NOT NULL,
    failure_code TEXT,
    failure_message TEXT,
    return_url TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
