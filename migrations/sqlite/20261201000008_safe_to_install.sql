-- Security fixes before the portal faces citizens (issue 12).

-- Acquirers with orders (Viva) answer about an order: the payment remembers its order.
ALTER TABLE payments ADD COLUMN provider_order TEXT;
CREATE INDEX payments_provider_order ON payments (provider_order);
-- A purpose paid by two payers at once: the second payment is kept, flagged for a refund.
ALTER TABLE payments ADD COLUMN paid_twice BIGINT NOT NULL DEFAULT 0;
-- One unfinished payment per purpose *and payer*: another payer's payment no longer locks
-- the owner of a ticket out until it expires.
DROP INDEX payments_one_open;
CREATE UNIQUE INDEX payments_one_open_per_payer ON payments (purpose_kind, purpose_id, payer_id)
    WHERE state IN ('created', 'started');

-- Secrets generated for this database when none is configured (demonstration mode only:
-- the sandbox bank's signing key).
CREATE TABLE instance_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);

-- Who proved a ticket with its full details (number, plate, date, time): with its payer and
-- staff, the only ones who may see it.
CREATE TABLE fine_access (
    fine_id TEXT NOT NULL REFERENCES fines (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    granted_at_ms BIGINT NOT NULL,
    PRIMARY KEY (fine_id, user_id)
);

-- The police's record of a ticket a citizen registered first: kept whole, and what differs
-- from what the citizen typed is flagged for staff.
ALTER TABLE fines ADD COLUMN police_record TEXT;
ALTER TABLE fines ADD COLUMN discrepancy TEXT;

-- Imported tickets had ids derived from their numbers (`t-<number>`): guessable. New,
-- random ids, and the payments of those tickets follow them.
ALTER TABLE fines ADD COLUMN new_id TEXT;
UPDATE fines SET new_id = lower(hex(randomblob(16))) WHERE id LIKE 't-%';
UPDATE payments SET purpose_id = (SELECT f.new_id FROM fines f WHERE f.id = payments.purpose_id)
    WHERE purpose_kind = 'fine' AND purpose_id LIKE 't-%';
UPDATE fines SET id = new_id WHERE new_id IS NOT NULL;
ALTER TABLE fines DROP COLUMN new_id;

-- A form sent back with errors keeps what the user typed here, briefly, under a random
-- token; the address carries only the token (never the values).
CREATE TABLE form_replies (
    token TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    payload TEXT NOT NULL,
    expires_at_ms BIGINT NOT NULL
);
CREATE INDEX form_replies_expiry ON form_replies (expires_at_ms);
ALTER TABLE fine_imports ADD COLUMN reconciled TEXT;
