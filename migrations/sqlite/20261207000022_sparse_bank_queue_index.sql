-- The cashier's queue lists the transfers waiting for them (state 'queued') oldest first;
-- a paid or resolved transfer is found by its id. The index keeps only the waiting ones, in
-- the queue's order: a bank file's paid transfers write no entry in it (100,000 fewer for a
-- 100,000-transfer file). The queue's `state = 'queued'` matches its condition, so both
-- engines still use it there.
DROP INDEX bank_transfers_state;
CREATE INDEX bank_transfers_queue ON bank_transfers (created_at_ms, bank_ref) WHERE state = 'queued';
