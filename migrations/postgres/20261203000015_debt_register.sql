-- The debts register grows into one model (issue 15): the municipality's record of each
-- debtor, imports run as background jobs with their report, payments that pay several
-- debts at once with the amount each was paid, the debtor a payment was for, and the
-- certified municipal-tax debts moved in from their parallel table.

-- The municipality's record of a debtor, by ΑΦΜ; the id is what URLs carry.
CREATE TABLE debtors (
    id TEXT PRIMARY KEY,
    afm TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    address TEXT,
    email TEXT,
    phone TEXT,
    search_key TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);

-- Each import of the financial system's export: who, when, how far it has got, and at the
-- end what it did with every row (problems as JSON).
CREATE TABLE debt_imports (
    id TEXT PRIMARY KEY,
    actor TEXT NOT NULL,
    file_name TEXT,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    total_rows BIGINT NOT NULL DEFAULT 0,
    added BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    left_out BIGINT NOT NULL DEFAULT 0,
    problems TEXT NOT NULL DEFAULT '[]',
    failure TEXT,
    started_at_ms BIGINT NOT NULL,
    finished_at_ms BIGINT
);

-- A debt added by an import names it (its creation event: the import's actor and time);
-- a cancelled debt keeps its reason.
ALTER TABLE debts ADD COLUMN import_id TEXT REFERENCES debt_imports (id);
ALTER TABLE debts ADD COLUMN cancel_reason TEXT;
CREATE INDEX debts_category_certified ON debts (category, certified_on);

-- What one payment pays: one or several debts of one debtor, each with the amount fixed
-- when the payment was created.
CREATE TABLE debt_payments (
    id TEXT PRIMARY KEY,
    afm TEXT NOT NULL,
    payer_id TEXT REFERENCES users (id),
    created_at_ms BIGINT NOT NULL
);
CREATE TABLE debt_payment_items (
    debt_payment_id TEXT NOT NULL REFERENCES debt_payments (id),
    debt_id TEXT NOT NULL REFERENCES debts (id),
    principal_cents BIGINT NOT NULL,
    interest_cents BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (debt_payment_id, debt_id)
);
CREATE INDEX debt_payment_items_debt ON debt_payment_items (debt_id);

-- The debtor (ΑΦΜ) a payment was for: the debtor's card lists every payment of every kind.
ALTER TABLE payments ADD COLUMN debtor_afm TEXT;
CREATE INDEX payments_debtor ON payments (debtor_afm, created_at_ms);

-- The certified municipal-tax debts become debts of the register.
INSERT INTO debtors (id, afm, name, search_key, created_at_ms, updated_at_ms)
SELECT 'migrated-' || t.afm, t.afm,
       COALESCE((SELECT b.name FROM businesses b WHERE b.afm = t.afm
                 ORDER BY (b.verification = 'verified') DESC, b.created_at_ms LIMIT 1), t.afm),
       t.afm, MIN(t.created_at_ms), MIN(t.created_at_ms)
FROM tax_debts t GROUP BY t.afm;
INSERT INTO debts (id, afm, debtor_name, kind, category, description, principal_cents,
    due_date, certified_on, municipality_ref, state, paid_by, source, created_at_ms,
    updated_at_ms)
SELECT t.id, t.afm, d.name, 'certified', 'municipal_tax', t.description, t.principal_cents,
       t.due_date, t.certified_on, t.debt_number,
       CASE WHEN t.paid_by IS NULL THEN 'open' ELSE 'paid' END, t.paid_by, t.source,
       t.created_at_ms, t.created_at_ms
FROM tax_debts t JOIN debtors d ON d.afm = t.afm;
INSERT INTO debt_events (debt_id, at_ms, actor, action, detail)
SELECT t.id, t.created_at_ms, COALESCE('user:' || t.created_by, 'system'), 'created',
       'moved from the municipal-tax debts'
FROM tax_debts t;
-- Their payments pay a one-debt set each (the set's id is the payment's).
INSERT INTO debt_payments (id, afm, payer_id, created_at_ms)
SELECT p.id, t.afm, p.payer_id, p.created_at_ms
FROM payments p JOIN tax_debts t ON t.id = p.purpose_id WHERE p.purpose_kind = 'tax_debt';
INSERT INTO debt_payment_items (debt_payment_id, debt_id, principal_cents, interest_cents,
    amount_cents)
SELECT p.id, t.id, t.principal_cents, p.amount_cents - t.principal_cents, p.amount_cents
FROM payments p JOIN tax_debts t ON t.id = p.purpose_id WHERE p.purpose_kind = 'tax_debt';
UPDATE payments SET debtor_afm = (SELECT t.afm FROM tax_debts t WHERE t.id = payments.purpose_id),
    purpose_kind = 'debts', purpose_id = id
WHERE purpose_kind = 'tax_debt';
-- A declaration's payment is for its business's ΑΦΜ.
UPDATE payments SET debtor_afm = (SELECT b.afm FROM tax_declarations d
    JOIN businesses b ON b.id = d.business_id WHERE d.id = payments.purpose_id)
WHERE purpose_kind = 'tax';
DROP TABLE tax_debts;
