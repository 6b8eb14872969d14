-- Sign-in with TAXISnet (GSIS OAuth 2.0). An account may hold one identity per provider;
-- the provider's user id finds the account at later sign-ins. The ΑΦΜ the provider proved
-- is kept with the link (what was proved, and when), and the account's own ΑΦΜ becomes
-- verified (one verified holder per ΑΦΜ: `users_verified_afm`).
CREATE TABLE user_identities (
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    afm TEXT NOT NULL,
    linked_at_ms BIGINT NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE UNIQUE INDEX user_identities_one_per_provider ON user_identities (user_id, provider);

-- A sign-in or link begun at the portal and not yet back from the provider: the `state`
-- (only its hash) ties the answer to the browser that asked; the PKCE verifier stays here.
CREATE TABLE identity_flows (
    state_hash TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('sign_in', 'link')),
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT,
    expires_at_ms BIGINT NOT NULL
);

-- A person proved by the provider who has no account yet: while they give an e-mail
-- address (the provider gives none), then until they open the link sent there
-- (`confirm_hash`). Nothing is created before the mailbox is proved.
CREATE TABLE pending_identities (
    token_hash TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    afm TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    father_name TEXT,
    mother_name TEXT,
    birth_year INTEGER,
    email TEXT,
    confirm_hash TEXT,
    expires_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX pending_identities_confirm ON pending_identities (confirm_hash);

-- How the session was begun: a TAXISnet session also signs out at the provider.
ALTER TABLE sessions ADD COLUMN provider TEXT;
