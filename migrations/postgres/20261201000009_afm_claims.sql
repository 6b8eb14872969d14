-- ΑΦΜ claims: a business ΑΦΜ was UNIQUE, so one account's claim (even a rejected one)
-- blocked the real business for good. Now any number may claim an ΑΦΜ, one claim per
-- account; only one claim per ΑΦΜ can be verified.
ALTER TABLE businesses DROP CONSTRAINT businesses_afm_key;
CREATE INDEX businesses_afm ON businesses (afm);
CREATE UNIQUE INDEX businesses_one_claim ON businesses (afm, representative_id);
CREATE UNIQUE INDEX businesses_verified_afm ON businesses (afm) WHERE verification = 'verified';
-- A person's ΑΦΜ, likewise: only one account can hold it verified.
CREATE UNIQUE INDEX users_verified_afm ON users (afm) WHERE verification = 'verified';
