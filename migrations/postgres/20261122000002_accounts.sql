-- Accounts: profile fields, e-mail confirmation, verification by staff, sessions,
-- one-time e-mail tokens and business profiles.
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN email_confirmed_at_ms BIGINT;
ALTER TABLE users ADD COLUMN afm TEXT;
ALTER TABLE users ADD COLUMN address TEXT;
ALTER TABLE users ADD COLUMN father_name TEXT;
ALTER TABLE users ADD COLUMN verification TEXT NOT NULL DEFAULT 'unverified';
ALTER TABLE users ADD COLUMN verification_note TEXT;
ALTER TABLE users ADD COLUMN verification_at_ms BIGINT;
ALTER TABLE users ADD COLUMN verification_by TEXT;

-- The token itself never reaches the database: only its SHA-256.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset')),
    expires_at_ms BIGINT NOT NULL,
    used_at_ms BIGINT
);

CREATE TABLE businesses (
    id TEXT PRIMARY KEY,
    afm TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    legal_form TEXT NOT NULL,
    activity TEXT NOT NULL,
    vat_period TEXT NOT NULL CHECK (vat_period IN ('monthly', 'quarterly')),
    representative_id TEXT NOT NULL REFERENCES users (id),
    verification TEXT NOT NULL DEFAULT 'unverified',
    verification_note TEXT,
    verification_at_ms BIGINT,
    verification_by TEXT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX businesses_representative ON businesses (representative_id);
