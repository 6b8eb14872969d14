//! A receipt's check code: ten characters anyone can read aloud or type (Crockford's
//! base 32: no I, L, O or U to confuse), printed on the receipt with its QR code, and
//! looked up on the public page that says whether the receipt is genuine.

use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReceiptCode(String);

impl ReceiptCode {
    /// A code from 50 random bits (the caller supplies them: the domain does no I/O).
    pub fn from_random(bits: u64) -> ReceiptCode {
        let code = (0..LENGTH)
            .map(|i| ALPHABET[((bits >> (5 * i)) & 31) as usize] as char)
            .collect();
        ReceiptCode(code)
    }

    /// Reads a code as typed: any case, with or without the dash or spaces, and with the
    /// letters people mistake for digits (O for 0, I and L for 1).
    pub fn parse(text: &str) -> Option<ReceiptCode> {
        let code: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\u{a0}'))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        (code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b)))
            .then_some(ReceiptCode(code))
    }

    /// As stored and as it goes in the check address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As printed: two groups of five, `7KQ2M-9XD4T`.
    pub fn grouped(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_read_as_people_type_them() {
        let code = ReceiptCode::from_random(0x3_1234_5678_9abc);
        let printed = code.grouped();
        assert_eq!(printed.len(), 11);
        assert_eq!(ReceiptCode::parse(&printed), Some(code.clone()));
        assert_eq!(
            ReceiptCode::parse(&printed.to_lowercase()),
            Some(code.clone())
        );
        assert_eq!(ReceiptCode::parse(&printed.replace('-', " ")), Some(code));
        assert_eq!(
            ReceiptCode::parse("o1lI0-abcde").map(|c| c.as_str().to_owned()),
            Some("0111 0ABCDE".replace(' ', ""))
        );
        for bad in [
            "",
            "ABCDE",
            "ABCDE-FGHJKM",
            "ABCDE-FGHJU",
            "ΑΒΓΔΕ-ΖΗΘΙΚ",
            "<script>",
        ] {
            assert_eq!(ReceiptCode::parse(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_generated_code_reads_back(bits in any::<u64>()) {
            let code = ReceiptCode::from_random(bits);
            prop_assert_eq!(ReceiptCode::parse(&code.grouped()), Some(code.clone()));
            prop_assert_eq!(ReceiptCode::parse(code.as_str()), Some(code));
        }
    }
}
