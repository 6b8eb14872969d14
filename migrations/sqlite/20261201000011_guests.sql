-- Paying without an account: a visitor who proves a ticket gets a guest pass, a random
-- token in an HttpOnly cookie (only its hash is kept here), which lets them see that
-- ticket and the payments they start for it, until it expires.
CREATE TABLE guest_passes (
    token_hash TEXT PRIMARY KEY,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL
);
CREATE INDEX guest_passes_expiry ON guest_passes (expires_at_ms);
CREATE TABLE guest_grants (
    token_hash TEXT NOT NULL REFERENCES guest_passes (token_hash) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('fine', 'payment')),
    subject_id TEXT NOT NULL,
    granted_at_ms BIGINT NOT NULL,
    PRIMARY KEY (token_hash, subject_kind, subject_id)
);
-- A guest's e-mail address, where the receipt goes (an account holder's comes from the
-- account).
ALTER TABLE payments ADD COLUMN payer_email TEXT;
-- What was paid, in words, in both languages, written when the payment opens: "my
-- payments" and receipts say it without asking each purpose again.
ALTER TABLE payments ADD COLUMN description_el TEXT;
ALTER TABLE payments ADD COLUMN description_en TEXT;
