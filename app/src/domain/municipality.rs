//! The municipality code (κωδικός δήμου) printed on traffic tickets.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A municipality code: 1–8 digits, kept as typed (leading zeros matter).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MunicipalityCode(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum MunicipalityCodeError {
    #[error("enter the municipality code printed on the ticket")]
    Empty,
    #[error("a municipality code has only digits")]
    NotDigits,
    #[error("a municipality code has 1 to 8 digits")]
    TooLong,
}

impl MunicipalityCode {
    pub fn parse(input: &str) -> Result<MunicipalityCode, MunicipalityCodeError> {
        let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if code.is_empty() {
            return Err(MunicipalityCodeError::Empty);
        }
        if !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(MunicipalityCodeError::NotDigits);
        }
        if code.len() > 8 {
            return Err(MunicipalityCodeError::TooLong);
        }
        Ok(MunicipalityCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = MunicipalityCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        MunicipalityCode::parse(&value)
    }
}

impl From<MunicipalityCode> for String {
    fn from(value: MunicipalityCode) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_codes() {
        assert_eq!(
            MunicipalityCode::parse(" 1234 ").map(|c| c.to_string()),
            Ok("1234".into())
        );
        assert_eq!(
            MunicipalityCode::parse("0042").map(|c| c.to_string()),
            Ok("0042".into())
        );
        assert_eq!(
            MunicipalityCode::parse(""),
            Err(MunicipalityCodeError::Empty)
        );
        assert_eq!(
            MunicipalityCode::parse("12a4"),
            Err(MunicipalityCodeError::NotDigits)
        );
        assert_eq!(
            MunicipalityCode::parse("123456789"),
            Err(MunicipalityCodeError::TooLong)
        );
    }

    proptest! {
        #[test]
        fn digit_strings_round_trip(code in "[0-9]{1,8}") {
            prop_assert_eq!(MunicipalityCode::parse(&code).map(|c| c.to_string()), Ok(code));
        }
    }
}
