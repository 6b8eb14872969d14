-- Refunds of successful payments, whole or part, asked by a cashier through the bank.
-- A refund is `pending` while the bank is asked; its amount is reserved so that two
-- refunds at once can never return more than was paid. Refund notes are numbered
-- sequentially per year when the bank confirms.
CREATE TABLE payment_refunds (
    id TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL REFERENCES payments (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    reason TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
    number TEXT UNIQUE,
    provider_ref TEXT,
    failure_message TEXT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX payment_refunds_payment ON payment_refunds (payment_id);

-- The cashier's list filters and sorts by date.
CREATE INDEX payments_created ON payments (created_at_ms);

-- The sandbox bank's record of refunds (idempotent by the portal's refund id).
CREATE TABLE sandbox_bank_refunds (
    refund_id TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    provider_ref TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);

-- Who paid, folded for search (name, e-mail, ΑΦΜ as they were when the payment was made).
ALTER TABLE payments ADD COLUMN payer_search TEXT;
