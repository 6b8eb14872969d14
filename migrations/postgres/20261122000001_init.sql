-- Audit log: who did what, when. Times are Unix milliseconds (UTC) on both engines.
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT,
    detail TEXT
);
CREATE INDEX audit_log_at ON audit_log (at_ms);

-- Portal users. Money never lives here; ids are UUID text so both engines agree.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'business', 'clerk', 'cashier', 'admin')),
    created_at_ms BIGINT NOT NULL
);

