-- The cashier resolves the bank transfers that did not pay a notice by themselves (issue
-- 17): assigns one to a debtor's debts, records it as part payment of a debt, marks it for
-- refund, or sets aside a debit or reversal that brought no money. Each is an event with
-- its actor and time.
ALTER TABLE bank_transfers ADD COLUMN resolution TEXT
    CHECK (resolution IN ('assigned', 'partial', 'refund', 'dismissed'));
CREATE TABLE bank_transfer_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transfer_id TEXT NOT NULL REFERENCES bank_transfers (id),
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX bank_transfer_events_transfer ON bank_transfer_events (transfer_id, at_ms);

-- Part payments: the principal a debt has been paid so far. A part payment is split
-- between principal and interest in proportion to what the debt owed that day, so the
-- remaining principal goes on bearing interest from the original due date.
ALTER TABLE debts ADD COLUMN paid_principal_cents BIGINT NOT NULL DEFAULT 0;
-- Whether an item pays its debt in full (1) or in part (0), and the principal the debt had
-- left when the item was made: paying it checks the debt still has that much left.
ALTER TABLE debt_payment_items ADD COLUMN settles BIGINT NOT NULL DEFAULT 1;
ALTER TABLE debt_payment_items ADD COLUMN remaining_cents BIGINT;
UPDATE debt_payment_items SET remaining_cents = principal_cents;

-- The debts on a notice, found from the notice: paying notices in bulk (a bank file) marks
-- their debts by it.
CREATE INDEX debts_notice ON debts (notice_id);
