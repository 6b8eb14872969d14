//! ΑΦΜ, the Greek tax identification number: nine digits, the last a check digit.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A ΑΦΜ whose check digit is right. Only [`Afm::parse`] makes one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Afm(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AfmError {
    #[error("the tax number is empty")]
    Empty,
    #[error("a tax number has only digits")]
    NotDigits,
    #[error("a tax number has 9 digits, this one has {0}")]
    WrongLength(usize),
    #[error("000000000 is not a tax number")]
    AllZeros,
    #[error("the last digit does not match the others: check for a typing error")]
    CheckDigit,
}

impl Afm {
    /// Parses what a person typed: spaces are ignored, and an `EL`/`GR` VAT prefix is allowed.
    pub fn parse(input: &str) -> Result<Afm, AfmError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let upper = compact.to_ascii_uppercase();
        let digits = upper
            .strip_prefix("EL")
            .or_else(|| upper.strip_prefix("GR"))
            .unwrap_or(&upper);
        if digits.is_empty() {
            return Err(AfmError::Empty);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(AfmError::NotDigits);
        }
        if digits.len() != 9 {
            return Err(AfmError::WrongLength(digits.len()));
        }
        if digits.bytes().all(|b| b == b'0') {
            return Err(AfmError::AllZeros);
        }
        let bytes = digits.as_bytes();
        if check_digit(&bytes[..8]) != bytes[8] - b'0' {
            return Err(AfmError::CheckDigit);
        }
        Ok(Afm(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// (Σ dᵢ·2^(9−i) mod 11) mod 10 over the first eight digits (python-stdnum `gr.vat`).
pub fn check_digit(first_eight: &[u8]) -> u8 {
    let sum: u32 = first_eight
        .iter()
        .zip((1..=8).rev())
        .map(|(d, power)| u32::from(d - b'0') << power)
        .sum();
    ((sum % 11) % 10) as u8
}

impl fmt::Display for Afm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Afm {
    type Error = AfmError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Afm::parse(&value)
    }
}

impl From<Afm> for String {
    fn from(value: Afm) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers() {
        assert_eq!(
            Afm::parse("090000045").map(|a| a.to_string()),
            Ok("090000045".into())
        );
        assert!(Afm::parse("EL 090 000 045").is_ok());
        assert_eq!(Afm::parse("090000046"), Err(AfmError::CheckDigit));
        assert_eq!(Afm::parse("000000000"), Err(AfmError::AllZeros));
        assert_eq!(Afm::parse("09000004"), Err(AfmError::WrongLength(8)));
        assert_eq!(Afm::parse("09000004A"), Err(AfmError::NotDigits));
        assert_eq!(Afm::parse("  "), Err(AfmError::Empty));
    }

    fn with_check(first_eight: &str) -> String {
        format!("{first_eight}{}", check_digit(first_eight.as_bytes()))
    }

    proptest! {
        #[test]
        fn every_number_with_its_check_digit_parses(body in "[0-9]{8}") {
            let afm = with_check(&body);
            prop_assume!(afm != "000000000");
            prop_assert_eq!(Afm::parse(&afm).map(|a| a.to_string()), Ok(afm.clone()));
        }

        #[test]
        fn a_wrong_last_digit_is_refused(body in "[0-9]{8}", wrong in 0u8..10) {
            let right = check_digit(body.as_bytes());
            prop_assume!(wrong != right);
            let afm = format!("{body}{wrong}");
            prop_assume!(afm != "000000000");
            prop_assert_eq!(Afm::parse(&afm), Err(AfmError::CheckDigit));
        }

        #[test]
        fn serde_round_trips(body in "[0-9]{8}") {
            let afm = with_check(&body);
            prop_assume!(afm != "000000000");
            let parsed = Afm::parse(&afm).unwrap();
            let back: Afm = serde_json_like(&parsed);
            prop_assert_eq!(back, parsed);
        }
    }

    // Round-trips through the String form serde uses, without a JSON dependency.
    fn serde_json_like(afm: &Afm) -> Afm {
        Afm::try_from(String::from(afm.clone())).unwrap()
    }
}
