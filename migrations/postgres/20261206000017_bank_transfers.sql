-- Bank transfers quoting a notice's RF, from the bank's camt.054 files (issue 17). Each
-- transfer is recorded once, by the bank's own reference: the same file, or an overlapping
-- one, imported again changes nothing. An exact, timely transfer pays its notice; any other
-- waits in the cashier's queue with its reason.
CREATE TABLE bank_files (
    id TEXT PRIMARY KEY,
    actor TEXT NOT NULL,
    file_name TEXT,
    transfers BIGINT NOT NULL DEFAULT 0,
    paid BIGINT NOT NULL DEFAULT 0,
    queued BIGINT NOT NULL DEFAULT 0,
    known BIGINT NOT NULL DEFAULT 0,
    imported_at_ms BIGINT NOT NULL
);

CREATE TABLE bank_transfers (
    id TEXT PRIMARY KEY,
    bank_ref TEXT NOT NULL UNIQUE,
    file_id TEXT NOT NULL REFERENCES bank_files (id),
    amount_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    credit BIGINT NOT NULL CHECK (credit IN (0, 1)),
    reversal BIGINT NOT NULL CHECK (reversal IN (0, 1)),
    booked_on TEXT,
    reference TEXT,
    payer TEXT,
    notice_id TEXT REFERENCES notices (id),
    payment_id TEXT REFERENCES payments (id),
    state TEXT NOT NULL CHECK (state IN ('paid', 'queued', 'resolved')),
    reason TEXT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX bank_transfers_state ON bank_transfers (state, created_at_ms);

-- How a payment was made: by card through the gateway, a bank transfer quoting an RF, or a
-- card on the cash desk's POS terminal (the cash desk takes no cash).
ALTER TABLE payments ADD COLUMN method TEXT NOT NULL DEFAULT 'card'
    CHECK (method IN ('card', 'bank_transfer', 'pos'));
