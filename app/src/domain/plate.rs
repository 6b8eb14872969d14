//! Greek licence plates: Latin and Greek look-alike letters normalised to one form.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A car plate in its one normal form: three Greek capitals and four digits (`ΝΑΒ1234`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Plate(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PlateError {
    #[error("enter the licence plate")]
    Empty,
    #[error("the letter {0} is not used on Greek plates (only Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ)")]
    UnusedLetter(char),
    #[error("a plate has three letters and four digits, like ΝΑΒ 1234")]
    Malformed,
}

/// Maps a typed letter (Latin or Greek, any case, with or without accent) to the Greek
/// capital used on plates, or `None` if plates never use it.
fn plate_letter(c: char) -> Option<char> {
    let greek = match c.to_uppercase().next().unwrap_or(c) {
        'A' | 'Α' | 'Ά' => 'Α',
        'B' | 'Β' => 'Β',
        'E' | 'Ε' | 'Έ' => 'Ε',
        'Z' | 'Ζ' => 'Ζ',
        'H' | 'Η' | 'Ή' => 'Η',
        'I' | 'Ι' | 'Ί' | 'Ϊ' => 'Ι',
        'K' | 'Κ' => 'Κ',
        'M' | 'Μ' => 'Μ',
        'N' | 'Ν' => 'Ν',
        'O' | 'Ο' | 'Ό' => 'Ο',
        'P' | 'Ρ' => 'Ρ',
        'T' | 'Τ' => 'Τ',
        'Y' | 'Υ' | 'Ύ' | 'Ϋ' => 'Υ',
        'X' | 'Χ' => 'Χ',
        _ => return None,
    };
    Some(greek)
}

impl Plate {
    /// Normalises a typed plate: spaces, hyphens and dots dropped, case and alphabet ignored.
    pub fn parse(input: &str) -> Result<Plate, PlateError> {
        let compact: Vec<char> = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '\u{a0}'))
            .collect();
        if compact.is_empty() {
            return Err(PlateError::Empty);
        }
        let mut normal = String::with_capacity(14);
        for &c in &compact {
            if c.is_ascii_digit() {
                normal.push(c);
            } else if c.is_alphabetic() {
                normal.push(plate_letter(c).ok_or(PlateError::UnusedLetter(c))?);
            } else {
                return Err(PlateError::Malformed);
            }
        }
        let chars: Vec<char> = normal.chars().collect();
        let shape_ok = chars.len() == 7
            && chars[..3].iter().all(|c| !c.is_ascii_digit())
            && chars[3..].iter().all(|c| c.is_ascii_digit());
        if !shape_ok {
            return Err(PlateError::Malformed);
        }
        Ok(Plate(normal))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form with a space: `ΝΑΒ 1234`.
    pub fn spaced(&self) -> String {
        let letters: String = self.0.chars().take(3).collect();
        let digits: String = self.0.chars().skip(3).collect();
        format!("{letters} {digits}")
    }
}

impl fmt::Display for Plate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spaced())
    }
}

impl TryFrom<String> for Plate {
    type Error = PlateError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Plate::parse(&value)
    }
}

impl From<Plate> for String {
    fn from(value: Plate) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn look_alikes_are_one_plate() {
        let expected = Plate::parse("ΝΑΒ1234").unwrap();
        for typed in [
            "NAB1234",
            "ναβ 1234",
            "ΝΑΒ-1234",
            "nab 1234",
            "Νάβ1234",
            " N A B 1 2 3 4 ",
        ] {
            assert_eq!(Plate::parse(typed).as_ref(), Ok(&expected), "{typed}");
        }
        assert_eq!(expected.spaced(), "ΝΑΒ 1234");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(Plate::parse(""), Err(PlateError::Empty));
        assert_eq!(Plate::parse("ΝΑΒ12"), Err(PlateError::Malformed));
        assert_eq!(Plate::parse("ΓΑΒ1234"), Err(PlateError::UnusedLetter('Γ')));
        assert_eq!(Plate::parse("QAB1234"), Err(PlateError::UnusedLetter('Q')));
        assert_eq!(Plate::parse("1234ΝΑΒ"), Err(PlateError::Malformed));
        assert_eq!(Plate::parse("ΝΑΒ_1234"), Err(PlateError::Malformed));
    }

    const LATIN: &str = "ABEZHIKMNOPTYX";
    const GREEK: &str = "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";

    fn letters() -> impl Strategy<Value = Vec<usize>> {
        proptest::collection::vec(0usize..14, 3)
    }

    proptest! {
        #[test]
        fn latin_greek_case_and_spacing_do_not_matter(idx in letters(), digits in "[0-9]{4}", lower in any::<bool>(), sep in "[ -]?") {
            let latin: String = idx.iter().map(|&i| LATIN.chars().nth(i).unwrap()).collect();
            let greek: String = idx.iter().map(|&i| GREEK.chars().nth(i).unwrap()).collect();
            let typed_latin = if lower { latin.to_lowercase() } else { latin };
            let typed_greek = if lower { greek.to_lowercase() } else { greek.clone() };
            let a = Plate::parse(&format!("{typed_latin}{sep}{digits}"));
            let b = Plate::parse(&format!("{typed_greek}{sep}{digits}"));
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.map(|p| p.as_str().to_owned()), Ok(format!("{greek}{digits}")));
        }

        #[test]
        fn normalising_is_idempotent(idx in letters(), digits in "[0-9]{4}") {
            let typed: String = idx.iter().map(|&i| LATIN.chars().nth(i).unwrap()).collect::<String>() + &digits;
            let once = Plate::parse(&typed).unwrap();
            prop_assert_eq!(Plate::parse(once.as_str()), Ok(once.clone()));
            prop_assert_eq!(Plate::parse(&once.spaced()), Ok(once));
        }

        #[test]
        fn arbitrary_input_never_panics(input in "\\PC{0,20}") {
            let _ = Plate::parse(&input);
        }
    }
}
