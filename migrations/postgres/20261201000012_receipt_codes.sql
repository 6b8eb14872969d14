-- Every receipt gets a check code (ten characters, printed with a QR code) that anyone can
-- look up on the public page saying whether the receipt is genuine. Receipts issued before
-- get one here (hexadecimal digits are valid code characters).
ALTER TABLE receipts ADD COLUMN check_code TEXT;
UPDATE receipts SET check_code = upper(substr(md5(random()::text || number), 1, 10))
WHERE check_code IS NULL;
CREATE UNIQUE INDEX receipts_check_code ON receipts (check_code);
