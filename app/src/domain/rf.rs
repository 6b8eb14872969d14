//! RF creditor references (ISO 11649): create, validate, print in groups of four.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid RF reference, stored upper-case without spaces (`RF712348231`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RfReference(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RfError {
    #[error("the payment code is empty")]
    Empty,
    #[error("a payment code starts with RF")]
    MissingPrefix,
    #[error("a payment code has only Latin letters and digits")]
    InvalidCharacter,
    #[error("a payment code has 5 to 25 characters")]
    WrongLength,
    #[error("the payment code does not add up: check for a typing error")]
    CheckDigits,
}

/// Longest reference part: 25 characters minus `RF` and two check digits.
pub const MAX_PAYLOAD: usize = 21;

impl RfReference {
    /// Builds the reference for a payload of 1–21 letters or digits (case-insensitive).
    pub fn create(payload: &str) -> Result<RfReference, RfError> {
        let payload = payload.trim().to_ascii_uppercase();
        if payload.is_empty() {
            return Err(RfError::Empty);
        }
        if payload.len() > MAX_PAYLOAD {
            return Err(RfError::WrongLength);
        }
        if !payload.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(RfError::InvalidCharacter);
        }
        let remainder = mod97(payload.chars().chain("RF00".chars()));
        Ok(RfReference(format!("RF{:02}{payload}", 98 - remainder)))
    }

    /// Validates a typed reference: spaces ignored, any case.
    pub fn parse(input: &str) -> Result<RfReference, RfError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(RfError::Empty);
        }
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(RfError::InvalidCharacter);
        }
        if !compact.starts_with("RF") {
            return Err(RfError::MissingPrefix);
        }
        if !(5..=25).contains(&compact.len()) {
            return Err(RfError::WrongLength);
        }
        if !compact[2..4].chars().all(|c| c.is_ascii_digit()) {
            return Err(RfError::CheckDigits);
        }
        let rotated = compact[4..].chars().chain(compact[..4].chars());
        if mod97(rotated) != 1 {
            return Err(RfError::CheckDigits);
        }
        Ok(RfReference(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form: groups of four (`RF71 2348 231`).
    pub fn grouped(&self) -> String {
        in_groups_of_four(&self.0)
    }
}

/// Letters and digits in groups of four, as references and IBANs are printed.
pub(crate) fn in_groups_of_four(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    for (i, c) in compact.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The number spelled by the characters (A=10 … Z=35), mod 97, without big integers.
pub(crate) fn mod97(chars: impl Iterator<Item = char>) -> u32 {
    chars.fold(0u32, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value < 10 {
            (acc * 10 + value) % 97
        } else {
            (acc * 100 + value) % 97
        }
    })
}

impl fmt::Display for RfReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

impl TryFrom<String> for RfReference {
    type Error = RfError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        RfReference::parse(&value)
    }
}

impl From<RfReference> for String {
    fn from(value: RfReference) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn standard_example() {
        let rf = RfReference::create("2348231").unwrap();
        assert_eq!(rf.as_str(), "RF712348231");
        assert_eq!(rf.grouped(), "RF71 2348 231");
        assert_eq!(RfReference::parse("rf71 2348 231"), Ok(rf));
        assert_eq!(
            RfReference::parse("RF18539007547034").map(|r| r.grouped()),
            Ok("RF18 5390 0754 7034".into())
        );
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(RfReference::parse("RF722348231"), Err(RfError::CheckDigits));
        assert_eq!(
            RfReference::parse("XX712348231"),
            Err(RfError::MissingPrefix)
        );
        assert_eq!(RfReference::parse("RF71"), Err(RfError::WrongLength));
        assert_eq!(
            RfReference::parse("RF71-2348"),
            Err(RfError::InvalidCharacter)
        );
        assert_eq!(RfReference::parse(""), Err(RfError::Empty));
        assert_eq!(
            RfReference::create("1234567890123456789012"),
            Err(RfError::WrongLength)
        );
    }

    proptest! {
        #[test]
        fn created_references_validate(payload in "[0-9A-Za-z]{1,21}") {
            let rf = RfReference::create(&payload).unwrap();
            prop_assert!(rf.as_str().len() <= 25);
            prop_assert_eq!(RfReference::parse(&rf.grouped()), Ok(rf.clone()));
            prop_assert_eq!(RfReference::parse(&rf.as_str().to_lowercase()), Ok(rf));
        }

        #[test]
        fn one_changed_digit_is_caught(payload in "[0-9]{1,21}", at in 0usize..25, replacement in "[0-9]") {
            let rf = RfReference::create(&payload).unwrap();
            let mut chars: Vec<char> = rf.as_str().chars().collect();
            let at = 2 + at % (chars.len() - 2);
            let new = replacement.chars().next().unwrap();
            prop_assume!(chars[at] != new);
            chars[at] = new;
            let tampered: String = chars.into_iter().collect();
            prop_assert!(RfReference::parse(&tampered).is_err());
        }
    }
}
