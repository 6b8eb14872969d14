-- ΑΦΜ claims: a business ΑΦΜ was UNIQUE, so one account's claim (even a rejected one)
-- blocked the real business for good. Now any number may claim an ΑΦΜ, one claim per
-- account; only one claim per ΑΦΜ can be verified. SQLite cannot drop a column's UNIQUE:
-- the table is rebuilt (migrations run with foreign keys off, then checked: `Db::migrate`).
CREATE TABLE businesses_new (
    id TEXT PRIMARY KEY,
    afm TEXT NOT NULL,
    name TEXT NOT NULL,
    legal_form TEXT NOT NULL,
    activity TEXT NOT NULL,
    vat_period TEXT NOT NULL CHECK (vat_period IN ('monthly', 'quarterly')),
    representative_id TEXT NOT NULL REFERENCES users (id),
    verification TEXT NOT NULL DEFAULT 'unverified',
    verification_note TEXT,
    verification_at_ms BIGINT,
    verification_by TEXT,
    created_at_ms BIGINT NOT NULL,
    search_key TEXT
);
INSERT INTO businesses_new (id, afm, name, legal_form, activity, vat_period, representative_id,
    verification, verification_note, verification_at_ms, verification_by, created_at_ms, search_key)
SELECT id, afm, name, legal_form, activity, vat_period, representative_id,
    verification, verification_note, verification_at_ms, verification_by, created_at_ms, search_key
FROM businesses;
DROP TABLE businesses;
ALTER TABLE businesses_new RENAME TO businesses;
CREATE INDEX businesses_representative ON businesses (representative_id);
CREATE INDEX businesses_afm ON businesses (afm);
CREATE UNIQUE INDEX businesses_one_claim ON businesses (afm, representative_id);
CREATE UNIQUE INDEX businesses_verified_afm ON businesses (afm) WHERE verification = 'verified';
-- A person's ΑΦΜ, likewise: only one account can hold it verified.
CREATE UNIQUE INDEX users_verified_afm ON users (afm) WHERE verification = 'verified';
