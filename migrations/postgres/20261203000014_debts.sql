-- One register of everything owed to the municipality (issue 15): debts of every kind and
-- revenue category, each change an event, late-payment interest from dated rates. The
-- municipality's own reference (its id in the financial system) is unique, so the nightly
-- export of the whole register updates rows instead of duplicating them.
CREATE TABLE debt_categories (
    code TEXT PRIMARY KEY,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
INSERT INTO debt_categories (code, name_el, name_en, created_at_ms) VALUES
('tap', 'Τέλος ακίνητης περιουσίας (ΤΑΠ)', 'Property fee (TAP)', 0),
('cleaning_lighting', 'Τέλη καθαριότητας και φωτισμού', 'Cleaning and lighting fees', 0),
('police_fines', 'Πρόστιμα δημοτικής αστυνομίας', 'Municipal police fines', 0),
('public_space', 'Τέλη χρήσης κοινόχρηστων χώρων', 'Fees for the use of public space', 0),
('municipal_tax', 'Δημοτικός φόρος', 'Municipal tax', 0),
('water', 'Ύδρευση', 'Water', 0),
('fees', 'Παράβολα', 'Fees on request', 0);

CREATE TABLE debts (
    id TEXT PRIMARY KEY,
    afm TEXT NOT NULL,
    debtor_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('certified', 'settlement', 'uncertified', 'assessment_note', 'fee')),
    category TEXT NOT NULL REFERENCES debt_categories (code),
    description TEXT NOT NULL,
    principal_cents BIGINT NOT NULL CHECK (principal_cents > 0),
    due_date TEXT NOT NULL,
    certified_on TEXT,
    municipality_ref TEXT UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('open', 'partly_paid', 'paid', 'in_settlement', 'cancelled')),
    paid_by TEXT REFERENCES payments (id),
    source TEXT NOT NULL CHECK (source IN ('import', 'staff')),
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX debts_afm ON debts (afm, state);

-- Every change of a debt, with its actor and time.
CREATE TABLE debt_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debt_id TEXT NOT NULL REFERENCES debts (id),
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX debt_events_debt ON debt_events (debt_id, at_ms);

-- Late-payment interest per month, by the day it is in force from (facts.md: 0.73 % a month
-- on debts certified since 21.3.2015; configurable).
CREATE TABLE debt_interest_rates (
    valid_from TEXT PRIMARY KEY,
    percent_per_month TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by TEXT
);
INSERT INTO debt_interest_rates (valid_from, percent_per_month, created_at_ms) VALUES ('2015-03-21', '0.73', 0);
