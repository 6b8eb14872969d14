-- Notices with an RF payment code (issue 16). A notice holds one or more debts at the
-- amounts reckoned on its issue date; its RF is single-use. A debt is on one live notice at
-- a time (`debts.notice_id`): a newer notice for it replaces the older one.
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    -- The portal's own numbering (NULL for a notice imported from the financial system,
    -- which carries its own reference and RF).
    number BIGINT UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('debts', 'fee')),
    rf TEXT NOT NULL UNIQUE,
    afm TEXT NOT NULL,
    debtor_name TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    pay_by TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    state TEXT NOT NULL CHECK (state IN ('open', 'paid', 'replaced', 'cancelled')),
    source TEXT NOT NULL CHECK (source IN ('import', 'debtor', 'staff')),
    created_by TEXT,
    paid_by TEXT REFERENCES payments (id),
    municipality_ref TEXT UNIQUE,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX notices_afm ON notices (afm, created_at_ms);

-- The debts on a notice, each at what it owed on the notice's issue date.
CREATE TABLE notice_items (
    notice_id TEXT NOT NULL REFERENCES notices (id),
    debt_id TEXT NOT NULL REFERENCES debts (id),
    principal_cents BIGINT NOT NULL,
    interest_cents BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (notice_id, debt_id)
);
CREATE INDEX notice_items_debt ON notice_items (debt_id);

-- Debts gain the notice they were last put on, and a third source: a fee the debtor
-- issues for themselves.
ALTER TABLE debts ADD COLUMN notice_id TEXT REFERENCES notices (id);
ALTER TABLE debts DROP CONSTRAINT debts_source_check;
ALTER TABLE debts ADD CONSTRAINT debts_source_check CHECK (source IN ('import', 'staff', 'debtor'));

-- Fees on request (παράβολα): each type's amount by the day it is in force from; a change
-- is a new version, so an issued fee keeps the amount of its day.
CREATE TABLE fee_types (
    code TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    -- 0: withdrawn from this day (no longer issued).
    active BIGINT NOT NULL CHECK (active IN (0, 1)),
    created_at_ms BIGINT NOT NULL,
    created_by TEXT,
    PRIMARY KEY (code, valid_from)
);
INSERT INTO fee_types (code, valid_from, name_el, name_en, amount_cents, active, created_at_ms) VALUES
('registry_certificate', '2026-01-01', 'Πιστοποιητικό δημοτολογίου', 'Registry certificate', 200, 1, 0),
('street_works', '2026-01-01', 'Άδεια τομής οδοστρωμάτων', 'Road-opening permit', 5000, 1, 0),
('public_space_permit', '2026-01-01', 'Άδεια χρήσης κοινόχρηστου χώρου', 'Permit to use public space', 3000, 1, 0);
