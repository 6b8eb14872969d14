-- The language the payer used when paying: the receipt e-mail is written in it (one
-- language, not both). Payments made before this say Greek, the portal's first language.
ALTER TABLE payments ADD COLUMN payer_lang TEXT NOT NULL DEFAULT 'el';
