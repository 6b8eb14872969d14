//! The EPC QR code's text (EPC069-12, "SEPA credit transfer"): what a banking app scans to
//! pay a notice — the municipality's BIC, name and IBAN, the amount and the RF reference.

use super::rf::{in_groups_of_four, mod97, RfReference};
use super::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest beneficiary name, in characters.
pub const MAX_NAME_CHARS: usize = 70;
/// Longest structured reference (an RF reference is at most 25).
pub const MAX_REFERENCE_CHARS: usize = 35;
/// Longest text for the payer, in characters.
pub const MAX_NOTE_CHARS: usize = 70;
/// Longest payload, in bytes (the code's capacity at error correction M).
pub const MAX_PAYLOAD_BYTES: usize = 331;
/// Largest amount a transfer by the code may carry.
pub const MAX_CENTS: i64 = 99_999_999_999;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum EpcError {
    #[error("an IBAN has 15 to 34 Latin letters and digits and starts with the country code")]
    IbanShape,
    #[error("the IBAN does not add up: check for a typing error")]
    IbanCheckDigits,
    #[error("a BIC has 8 or 11 Latin letters and digits (bank, country, place, branch)")]
    BicShape,
    #[error("the beneficiary's name is empty, has a line break or is longer than 70 characters")]
    Name,
    #[error("the amount must be between 0.01 and 999,999,999.99 euros")]
    Amount,
    #[error("the note to the payer has a line break or is longer than 70 characters")]
    Note,
    #[error("the payment's text would be longer than a QR code of this kind holds (331 bytes)")]
    TooLong,
    #[error("this is not the text of an EPC QR code for a SEPA credit transfer")]
    NotEpc,
}

/// An IBAN, stored upper-case without spaces; the check digits hold.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

impl Iban {
    /// Reads a typed IBAN: spaces ignored, any case.
    pub fn parse(input: &str) -> Result<Iban, EpcError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let shaped = (15..=34).contains(&compact.len())
            && compact.chars().all(|c| c.is_ascii_alphanumeric())
            && compact[..2].chars().all(|c| c.is_ascii_alphabetic())
            && compact[2..4].chars().all(|c| c.is_ascii_digit());
        if !shaped {
            return Err(EpcError::IbanShape);
        }
        if mod97(compact[4..].chars().chain(compact[..4].chars())) != 1 {
            return Err(EpcError::IbanCheckDigits);
        }
        Ok(Iban(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form: groups of four (`GR16 0110 1250 …`).
    pub fn grouped(&self) -> String {
        in_groups_of_four(&self.0)
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

impl TryFrom<String> for Iban {
    type Error = EpcError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Iban::parse(&value)
    }
}

impl From<Iban> for String {
    fn from(value: Iban) -> String {
        value.0
    }
}

/// A BIC (SWIFT code): bank (4 letters), country (2 letters), place (2), branch (3, optional).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bic(String);

impl Bic {
    pub fn parse(input: &str) -> Result<Bic, EpcError> {
        let code = input.trim().to_ascii_uppercase();
        let shaped = matches!(code.len(), 8 | 11)
            && code.chars().all(|c| c.is_ascii_alphanumeric())
            && code[..6].chars().all(|c| c.is_ascii_alphabetic());
        if !shaped {
            return Err(EpcError::BicShape);
        }
        Ok(Bic(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Bic {
    type Error = EpcError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Bic::parse(&value)
    }
}

impl From<Bic> for String {
    fn from(value: Bic) -> String {
        value.0
    }
}

/// A credit transfer as the code carries it. Built only by `new`, so its payload always fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpcTransfer {
    bic: Bic,
    name: String,
    iban: Iban,
    amount: Money,
    reference: RfReference,
    note: String,
}

fn one_line_within(text: &str, max_chars: usize) -> bool {
    !text.contains(['\n', '\r']) && text.chars().count() <= max_chars
}

impl EpcTransfer {
    /// A transfer of `amount` to the municipality (`name`, `iban`, `bic`) quoting `reference`,
    /// with an optional short `note` the payer's app may show.
    pub fn new(
        bic: Bic,
        name: &str,
        iban: Iban,
        amount: Money,
        reference: RfReference,
        note: &str,
    ) -> Result<EpcTransfer, EpcError> {
        let name = name.trim();
        if name.is_empty() || !one_line_within(name, MAX_NAME_CHARS) {
            return Err(EpcError::Name);
        }
        if !(1..=MAX_CENTS).contains(&amount.cents()) {
            return Err(EpcError::Amount);
        }
        let note = note.trim();
        if !one_line_within(note, MAX_NOTE_CHARS) {
            return Err(EpcError::Note);
        }
        let transfer = EpcTransfer {
            bic,
            name: name.to_owned(),
            iban,
            amount,
            reference,
            note: note.to_owned(),
        };
        if transfer.payload().len() > MAX_PAYLOAD_BYTES {
            return Err(EpcError::TooLong);
        }
        Ok(transfer)
    }

    pub fn bic(&self) -> &Bic {
        &self.bic
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn iban(&self) -> &Iban {
        &self.iban
    }
    pub fn amount(&self) -> Money {
        self.amount
    }
    pub fn reference(&self) -> &RfReference {
        &self.reference
    }
    pub fn note(&self) -> &str {
        &self.note
    }

    /// The code's text, lines joined by LF: service tag, version 002, UTF-8, SCT, BIC,
    /// name, IBAN, amount (`EUR1234.56`), purpose (none), the RF reference, no free text
    /// (a structured reference excludes it), and the note when there is one.
    pub fn payload(&self) -> String {
        let cents = self.amount.cents();
        let mut lines = vec![
            "BCD".to_owned(),
            "002".to_owned(),
            "1".to_owned(),
            "SCT".to_owned(),
            self.bic.as_str().to_owned(),
            self.name.clone(),
            self.iban.as_str().to_owned(),
            format!("EUR{}.{:02}", cents / 100, cents % 100),
            String::new(),
            self.reference.as_str().to_owned(),
        ];
        if !self.note.is_empty() {
            lines.push(String::new());
            lines.push(self.note.clone());
        }
        lines.join("\n")
    }

    /// Reads a payload as `payload` writes it (what a test decodes from the printed code).
    pub fn parse_payload(text: &str) -> Result<EpcTransfer, EpcError> {
        let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
        if lines.len() < 10 || lines[..4] != ["BCD", "002", "1", "SCT"] {
            return Err(EpcError::NotEpc);
        }
        let amount = lines[7]
            .strip_prefix("EUR")
            .and_then(|a| a.split_once('.'))
            .filter(|(whole, cents)| {
                cents.len() == 2
                    && !whole.is_empty()
                    && !(whole.len() > 1 && whole.starts_with('0'))
            })
            .and_then(|(whole, cents)| {
                Some(whole.parse::<i64>().ok()? * 100 + cents.parse::<i64>().ok()?)
            })
            .ok_or(EpcError::NotEpc)?;
        let reference = RfReference::parse(lines[9]).map_err(|_| EpcError::NotEpc)?;
        let note = match lines.get(10..) {
            Some([]) | None => "",
            Some(["", note]) => note,
            Some(_) => return Err(EpcError::NotEpc),
        };
        if !lines[8].is_empty() {
            return Err(EpcError::NotEpc);
        }
        EpcTransfer::new(
            Bic::parse(lines[4])?,
            lines[5],
            Iban::parse(lines[6])?,
            Money::from_cents(amount),
            reference,
            note,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn iban() -> Iban {
        // The Bank of Greece's published example IBAN.
        Iban::parse("GR16 0110 1250 0000 0001 2300 695").unwrap()
    }

    fn bic() -> Bic {
        Bic::parse("ETHNGRAA").unwrap()
    }

    #[test]
    fn iban_and_bic_read_as_typed_and_refuse_typing_errors() {
        assert_eq!(iban().as_str(), "GR1601101250000000012300695");
        assert_eq!(iban().grouped(), "GR16 0110 1250 0000 0001 2300 695");
        assert_eq!(
            Iban::parse("gr16 0110 1250 0000 0001 2300 696"),
            Err(EpcError::IbanCheckDigits)
        );
        assert_eq!(Iban::parse("GR16-0110"), Err(EpcError::IbanShape));
        assert_eq!(
            Iban::parse("1601101250000000012300695"),
            Err(EpcError::IbanShape)
        );
        assert_eq!(
            Bic::parse("ethngraa").map(|b| b.as_str().to_owned()),
            Ok("ETHNGRAA".into())
        );
        assert!(Bic::parse("ETHNGRAAXXX").is_ok());
        assert_eq!(Bic::parse("ETHNGRA"), Err(EpcError::BicShape));
        assert_eq!(Bic::parse("ETH1GRAA"), Err(EpcError::BicShape));
    }

    #[test]
    fn payload_has_every_line_in_order() {
        let rf = RfReference::create("7300000123").unwrap();
        let transfer = EpcTransfer::new(
            bic(),
            "Δήμος Δοκιμής",
            iban(),
            Money::from_cents(123_456),
            rf.clone(),
            "",
        )
        .unwrap();
        assert_eq!(
            transfer.payload(),
            format!(
                "BCD\n002\n1\nSCT\nETHNGRAA\nΔήμος Δοκιμής\nGR1601101250000000012300695\nEUR1234.56\n\n{}",
                rf.as_str()
            )
        );
        assert_eq!(
            EpcTransfer::parse_payload(&transfer.payload()),
            Ok(transfer)
        );
    }

    #[test]
    fn limits_are_refused_with_a_reason() {
        let rf = RfReference::create("1").unwrap();
        let make = |name: &str, cents: i64, note: &str| {
            EpcTransfer::new(
                bic(),
                name,
                iban(),
                Money::from_cents(cents),
                rf.clone(),
                note,
            )
        };
        assert!(make(&"Δ".repeat(70), 1, "").is_ok());
        assert_eq!(make(&"Δ".repeat(71), 1, ""), Err(EpcError::Name));
        assert_eq!(make("", 1, ""), Err(EpcError::Name));
        assert_eq!(make("A\nB", 1, ""), Err(EpcError::Name));
        assert_eq!(make("Δήμος", 0, ""), Err(EpcError::Amount));
        assert_eq!(make("Δήμος", -5, ""), Err(EpcError::Amount));
        assert!(make("Δήμος", MAX_CENTS, "").is_ok());
        assert_eq!(make("Δήμος", MAX_CENTS + 1, ""), Err(EpcError::Amount));
        assert_eq!(make("Δήμος", 1, &"x".repeat(71)), Err(EpcError::Note));
        assert_eq!(make("Δήμος", 1, "a\nb"), Err(EpcError::Note));
        // Greek takes two bytes a letter: the longest name and note do not fit together.
        assert_eq!(
            make(&"Δ".repeat(70), 1, &"Σ".repeat(70)),
            Err(EpcError::TooLong)
        );
        assert_eq!(
            make("Δήμος", 1, "").unwrap().payload().lines().nth(7),
            Some("EUR0.01")
        );
    }

    #[test]
    fn foreign_texts_are_not_read_as_transfers() {
        for text in ["", "BCD\n001\n1\nSCT", "hello", "BCD\n002\n1\nSCT\nETHNGRAA\nX\nGR1601101250000000012300695\nEUR01.00\n\nRF18539007547034"] {
            assert_eq!(EpcTransfer::parse_payload(text), Err(EpcError::NotEpc), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn every_transfer_that_is_built_fits_and_reads_back(
            name in "[Α-Ωα-ωA-Za-z .&-]{1,70}",
            cents in 1i64..=MAX_CENTS,
            payload in "[0-9A-Z]{1,21}",
            note in "[Α-Ωα-ωa-z0-9 ]{0,70}",
        ) {
            let rf = RfReference::create(&payload).unwrap();
            match EpcTransfer::new(bic(), &name, iban(), Money::from_cents(cents), rf, &note) {
                Ok(transfer) => {
                    let text = transfer.payload();
                    prop_assert!(text.len() <= MAX_PAYLOAD_BYTES);
                    prop_assert!(transfer.reference().as_str().len() <= MAX_REFERENCE_CHARS);
                    prop_assert!(transfer.name().chars().count() <= MAX_NAME_CHARS);
                    let amount = text.lines().nth(7).unwrap_or_default();
                    prop_assert_eq!(amount, format!("EUR{}.{:02}", cents / 100, cents % 100));
                    prop_assert_eq!(EpcTransfer::parse_payload(&text), Ok(transfer));
                }
                Err(e) => {
                    // Only a blank name (spaces only) or a payload past the limit is refused.
                    prop_assert!(matches!(e, EpcError::Name | EpcError::TooLong), "{e:?}");
                }
            }
        }
    }
}
