-- Comments, requests, complaints and proposals. Anonymous comments have no user and keep no
-- trace of who sent them (no address, no agent, no session).
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('comment', 'request', 'complaint', 'proposal')),
    user_id TEXT REFERENCES users (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    desired_action TEXT,
    -- Subject and text folded for search (lower case, no accents) in Rust: SQLite's LOWER()
    -- knows only ASCII, and both engines must match Greek the same way.
    search_text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    response TEXT,
    department TEXT,
    spam BIGINT NOT NULL DEFAULT 0,
    protocol_state TEXT NOT NULL DEFAULT 'none' CHECK (protocol_state IN ('none', 'awaiting', 'registered')),
    protocol_number TEXT,
    protocol_at_ms BIGINT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX submissions_user ON submissions (user_id, created_at_ms);
CREATE INDEX submissions_inbox ON submissions (status, created_at_ms);

-- What happened to a submission, by whom and when: the history the citizen sees and the
-- staff's record of every action.
CREATE TABLE submission_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    status TEXT,
    note TEXT
);
CREATE INDEX submission_events_submission ON submission_events (submission_id, at_ms);

-- Gapless counters (submission numbers, protocol numbers per year): incremented inside the
-- transaction that uses the number, so a rollback gives it back.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

-- Background jobs written in the same transaction as the change that needs them; retried
-- with backoff; claimed with a lease so several server instances can share the queue.
CREATE TABLE jobs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    run_at_ms BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    locked_until_ms BIGINT,
    last_error TEXT,
    done_at_ms BIGINT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (done_at_ms, run_at_ms);
