-- Payments made without an account (bank transfers, counter payments, guests) and those no
-- card acquirer has an order for are never looked up by payer or by order: the two indexes
-- keep only the rows they can find (a 100,000-transfer bank file writes 200,000 index
-- entries fewer). `payer_id = $1` and `provider_order = $1` imply NOT NULL, so both engines
-- still use them for those lookups.
DROP INDEX payments_payer;
CREATE INDEX payments_payer ON payments (payer_id, created_at_ms) WHERE payer_id IS NOT NULL;
DROP INDEX payments_provider_order;
CREATE INDEX payments_provider_order ON payments (provider_order) WHERE provider_order IS NOT NULL;
