-- Business services: municipal tax declarations paid in the same act, certified
-- municipal-tax debts, and payments the municipality has warranted to suppliers.

-- Businesses found by name or ΑΦΜ regardless of case and accents (SQLite's LOWER knows only
-- ASCII): the same key as payments' payer search, set when a business is registered.
ALTER TABLE businesses ADD COLUMN search_key TEXT;

-- Business categories for the municipal tax (the activity of a business profile).
CREATE TABLE tax_categories (
    code TEXT PRIMARY KEY,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);

-- Tax rate of a category, versioned: a period uses the version in force on its last day.
-- Percentages are exact decimals kept as text ('0.5'), never floats.
CREATE TABLE tax_rates (
    id TEXT PRIMARY KEY,
    category TEXT NOT NULL REFERENCES tax_categories (code),
    valid_from TEXT NOT NULL,
    rate_percent TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by TEXT,
    UNIQUE (category, valid_from)
);

-- Late fine and late-payment interest, versioned like the rates.
CREATE TABLE tax_settings (
    id TEXT PRIMARY KEY,
    valid_from TEXT NOT NULL UNIQUE,
    fine_percent_per_month TEXT NOT NULL,
    fine_cap_percent TEXT NOT NULL,
    interest_percent_per_month TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by TEXT
);

-- A declaration and its payment are one act: saved 'awaiting_payment' with its payment,
-- 'accepted' in the transaction of the payment's success, 'rejected' in the transaction of
-- its failure, cancellation or expiry. Revision 0 is the declaration of the period; an
-- amendment is revision 1, 2… and pays only the difference.
CREATE TABLE tax_declarations (
    id TEXT PRIMARY KEY,
    business_id TEXT NOT NULL REFERENCES businesses (id),
    period_kind TEXT NOT NULL CHECK (period_kind IN ('monthly', 'quarterly')),
    period_number BIGINT NOT NULL,
    period_year BIGINT NOT NULL,
    revision BIGINT NOT NULL DEFAULT 0,
    revenue_cents BIGINT NOT NULL CHECK (revenue_cents >= 0),
    vat_filed_on TEXT NOT NULL,
    category TEXT NOT NULL,
    rate_percent TEXT NOT NULL,
    tax_cents BIGINT NOT NULL,
    already_assessed_cents BIGINT NOT NULL DEFAULT 0,
    tax_due_cents BIGINT NOT NULL,
    due_date TEXT NOT NULL,
    declared_on TEXT NOT NULL,
    late_months BIGINT NOT NULL,
    fine_percent TEXT NOT NULL,
    fine_cents BIGINT NOT NULL,
    total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
    state TEXT NOT NULL CHECK (state IN ('awaiting_payment', 'accepted', 'rejected')),
    rejected_because TEXT,
    payment_id TEXT REFERENCES payments (id),
    declared_by TEXT NOT NULL REFERENCES users (id),
    created_at_ms BIGINT NOT NULL,
    decided_at_ms BIGINT
);
-- One live declaration per period and revision: two submissions at once cannot both win.
CREATE UNIQUE INDEX tax_declarations_one_live ON tax_declarations
    (business_id, period_kind, period_number, period_year, revision) WHERE state <> 'rejected';
CREATE INDEX tax_declarations_business ON tax_declarations (business_id, period_year, period_number);
CREATE INDEX tax_declarations_state ON tax_declarations (state, created_at_ms);

-- Certified municipal-tax debts of a business (by ΑΦΜ), from the municipality's records.
CREATE TABLE tax_debts (
    id TEXT PRIMARY KEY,
    afm TEXT NOT NULL,
    debt_number TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    principal_cents BIGINT NOT NULL CHECK (principal_cents > 0),
    due_date TEXT NOT NULL,
    certified_on TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('import', 'staff')),
    paid_by TEXT REFERENCES payments (id),
    created_at_ms BIGINT NOT NULL,
    created_by TEXT
);
CREATE INDEX tax_debts_afm ON tax_debts (afm);

-- Payments the municipality has warranted to a supplier (by ΑΦΜ): what it can collect.
CREATE TABLE warrants (
    id TEXT PRIMARY KEY,
    afm TEXT NOT NULL,
    warrant_number TEXT NOT NULL UNIQUE,
    warrant_date TEXT NOT NULL,
    description TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    state TEXT NOT NULL CHECK (state IN ('warranted', 'paid')),
    paid_on TEXT,
    created_at_ms BIGINT NOT NULL,
    created_by TEXT
);
CREATE INDEX warrants_afm ON warrants (afm, warrant_date);

-- Each staff import of debts or warrants: who, when, how many rows went in, and every bad
-- row with its line number and reason (JSON).
CREATE TABLE tax_imports (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('debts', 'warrants')),
    actor_id TEXT REFERENCES users (id),
    at_ms BIGINT NOT NULL,
    file_name TEXT,
    imported BIGINT NOT NULL,
    rejected BIGINT NOT NULL,
    report TEXT NOT NULL
);

-- Shipped defaults (art. 20 ν.2539/1997 as replaced by art. 23 §2 ν.3756/2009): 0.5 %, 5 %
-- for night clubs; late fine 2 % a month capped at 100 %; interest 0.73 % a month.
INSERT INTO tax_categories (code, name_el, name_en, created_at_ms) VALUES
('catering', 'Εστίαση (κατάστημα με τραπεζοκαθίσματα ή πάγκο, μπαρ, κυλικείο)', 'Catering (tables or counter, bar, canteen)', 0),
('night_club', 'Κέντρο διασκέδασης', 'Night club', 0),
('hotel', 'Χώρος εστίασης ξενοδοχείου', 'Hotel food and drink outlet', 0),
('other', 'Άλλη δραστηριότητα (έτοιμα γεύματα κ.ά.)', 'Other activity (ready meals and the like)', 0);
INSERT INTO tax_rates (id, category, valid_from, rate_percent, created_at_ms) VALUES
('tr-catering-2000', 'catering', '2000-01-01', '0.5', 0),
('tr-night-club-2000', 'night_club', '2000-01-01', '5', 0),
('tr-hotel-2000', 'hotel', '2000-01-01', '0.5', 0),
('tr-other-2000', 'other', '2000-01-01', '0.5', 0);
INSERT INTO tax_settings (id, valid_from, fine_percent_per_month, fine_cap_percent, interest_percent_per_month, created_at_ms) VALUES
('ts-2000', '2000-01-01', '2', '100', '0.73', 0);
