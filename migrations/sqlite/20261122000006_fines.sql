-- Traffic fines collected by the municipality.

-- The catalogue of ticket types, versioned: a ticket uses the version in force on its date
-- (the one with the latest `valid_from` not after it). Admins add versions; none is edited.
CREATE TABLE fine_types (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    description_el TEXT NOT NULL,
    description_en TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    payable BIGINT NOT NULL CHECK (payable IN (0, 1)),
    discount_days BIGINT NOT NULL DEFAULT 0,
    discount_percent BIGINT NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    surcharge_after_days BIGINT NOT NULL DEFAULT 0,
    surcharge_percent BIGINT NOT NULL DEFAULT 0 CHECK (surcharge_percent BETWEEN 0 AND 200),
    max_age_days BIGINT NOT NULL CHECK (max_age_days > 0),
    created_at_ms BIGINT NOT NULL,
    created_by TEXT,
    UNIQUE (code, valid_from)
);

-- The fines registry: tickets imported from the municipal police, or registered by a
-- citizen paying one not yet imported (then reviewed by staff).
CREATE TABLE fines (
    id TEXT PRIMARY KEY,
    ticket_number TEXT NOT NULL UNIQUE,
    municipality_code TEXT NOT NULL,
    type_code TEXT NOT NULL,
    plate TEXT NOT NULL,
    offence_date TEXT NOT NULL,
    offence_time TEXT NOT NULL,
    location TEXT,
    officer TEXT,
    principal_cents BIGINT NOT NULL CHECK (principal_cents > 0),
    source TEXT NOT NULL CHECK (source IN ('import', 'citizen')),
    review TEXT NOT NULL CHECK (review IN ('none', 'pending', 'confirmed', 'rejected')),
    review_note TEXT,
    registered_by TEXT REFERENCES users (id),
    paid_by TEXT REFERENCES payments (id),
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX fines_plate ON fines (plate);
CREATE INDEX fines_review ON fines (review, created_at_ms);

-- Each import of issued tickets: who, when, how many rows went in, and every bad row with
-- its line number and reason (JSON), for the staff member to fix and send again.
CREATE TABLE fine_imports (
    id TEXT PRIMARY KEY,
    actor_id TEXT REFERENCES users (id),
    at_ms BIGINT NOT NULL,
    file_name TEXT,
    imported BIGINT NOT NULL,
    rejected BIGINT NOT NULL,
    report TEXT NOT NULL
);

-- The shipped catalogue (ν.5209/2025, in force from 13 September 2025). Amounts besides
-- controlled parking and pavement parking are illustrative: the municipality sets its own.
-- The earlier controlled-parking amount stays as the version for older tickets.
INSERT INTO fine_types (id, code, valid_from, description_el, description_en, amount_cents, payable, discount_days, discount_percent, surcharge_after_days, surcharge_percent, max_age_days, created_at_ms) VALUES
('ft-p01-2000', 'P01', '2000-01-01', 'Στάθμευση σε ελεγχόμενη θέση χωρίς έγκυρη κάρτα', 'Controlled parking without a valid ticket', 1000, 1, 0, 0, 0, 0, 365, 0),
('ft-p01-2025', 'P01', '2025-09-13', 'Στάθμευση σε ελεγχόμενη θέση χωρίς έγκυρη κάρτα', 'Controlled parking without a valid ticket', 3000, 1, 0, 0, 0, 0, 365, 0),
('ft-p02-2025', 'P02', '2025-09-13', 'Στάθμευση σε πεζοδρόμιο ή πλατεία', 'Parking on a pavement or square', 15000, 1, 0, 0, 0, 0, 365, 0),
('ft-p03-2025', 'P03', '2025-09-13', 'Στάθμευση σε θέση φορτοεκφόρτωσης', 'Parking in a loading bay', 4000, 1, 0, 0, 0, 0, 365, 0),
('ft-p04-2025', 'P04', '2025-09-13', 'Στάθμευση σε στάση λεωφορείου', 'Parking at a bus stop', 8000, 1, 0, 0, 0, 0, 365, 0),
('ft-p05-2025', 'P05', '2025-09-13', 'Στάθμευση σε θέση ατόμων με αναπηρία', 'Parking in a disabled bay', 8000, 1, 0, 0, 0, 0, 365, 0),
('ft-k01-2025', 'K01', '2025-09-13', 'Υπέρβαση ορίου ταχύτητας (καταβάλλεται στο Δημόσιο)', 'Speeding (paid to the State, not the municipality)', 15000, 0, 0, 0, 0, 0, 365, 0);
