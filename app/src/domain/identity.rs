//! Identities proved by an outside provider (TAXISnet): the taxpayer it vouches for, read
//! strictly, and the outcomes of a sign-in or link that the person is told about.

use super::afm::{Afm, AfmError};
use serde::{Deserialize, Serialize};

/// Longest provider user id kept (GSIS's are short login names).
pub const MAX_SUBJECT_CHARS: usize = 100;
/// Longest name kept from the provider.
pub const MAX_NAME_CHARS: usize = 100;

/// A person as the provider proved them: who they are there, and whose ΑΦΜ is theirs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxpayer {
    /// The provider's own id for the person (`userid`): what finds the account later.
    pub subject: String,
    pub afm: Afm,
    pub first_name: String,
    pub last_name: String,
    pub father_name: Option<String>,
    pub mother_name: Option<String>,
    pub birth_year: Option<u16>,
}

/// What a provider's answer lacked or got wrong; nothing is created from such an answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TaxpayerError {
    #[error("the provider's answer has no {0}")]
    Missing(&'static str),
    #[error("the provider's {0} is too long or holds control characters")]
    Malformed(&'static str),
    #[error("the provider's tax number is not valid: {0}")]
    Afm(AfmError),
}

/// The fields of a provider's answer, as text, before they are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaxpayerFields {
    pub subject: Option<String>,
    pub afm: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub father_name: Option<String>,
    pub mother_name: Option<String>,
    pub birth_year: Option<String>,
}

impl TaxpayerFields {
    /// The taxpayer, if the answer names one fully: user id, a valid ΑΦΜ, first and last
    /// name. Parents' names and birth year are kept when present and sound.
    pub fn parse(self) -> Result<Taxpayer, TaxpayerError> {
        let subject = required(self.subject, "userid", MAX_SUBJECT_CHARS)?;
        let afm_text = required(self.afm, "taxid", 20)?;
        let afm = Afm::parse(&afm_text).map_err(TaxpayerError::Afm)?;
        Ok(Taxpayer {
            subject,
            afm,
            first_name: required(self.first_name, "firstname", MAX_NAME_CHARS)?,
            last_name: required(self.last_name, "lastname", MAX_NAME_CHARS)?,
            father_name: optional(self.father_name, "fathername")?,
            mother_name: optional(self.mother_name, "mothername")?,
            birth_year: self
                .birth_year
                .and_then(|y| y.trim().parse::<u16>().ok())
                .filter(|y| (1900..=2100).contains(y)),
        })
    }
}

fn required(
    value: Option<String>,
    name: &'static str,
    max_chars: usize,
) -> Result<String, TaxpayerError> {
    let text = value.as_deref().map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(TaxpayerError::Missing(name));
    }
    if text.chars().count() > max_chars || text.chars().any(char::is_control) {
        return Err(TaxpayerError::Malformed(name));
    }
    Ok(text.to_owned())
}

fn optional(value: Option<String>, name: &'static str) -> Result<Option<String>, TaxpayerError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(_) => required(value, name, MAX_NAME_CHARS).map(Some),
    }
}

impl Taxpayer {
    /// The name an account shows: first name, then last name.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

text_enum! {
    /// Why a sign-in or link with the provider ended without its purpose; the sign-in and
    /// account pages say it in words (it travels as this code, never as free text).
    pub enum IdentityOutcome {
        /// The person pressed "cancel" at the provider.
        Cancelled = "cancelled",
        /// The answer did not belong to a sign-in begun in this browser, or came too late.
        Expired = "expired",
        /// The provider could not be reached, timed out or failed.
        Unavailable = "unavailable",
        /// The provider refused the portal's request (a used or expired code, wrong keys).
        Refused = "refused",
        /// The provider's answer about the person was incomplete or invalid.
        Invalid = "invalid",
        /// Another account holds this ΑΦΜ proved: sign in to it and link from there.
        AfmTaken = "afm_taken",
        /// This TAXISnet user is linked to another account already.
        LinkedElsewhere = "linked_elsewhere",
        /// The account's ΑΦΜ, verified by a clerk, is not the one TAXISnet proved.
        AfmDiffers = "afm_differs",
        /// The account's e-mail address is not confirmed yet.
        Unconfirmed = "unconfirmed",
        /// TAXISnet is now linked (the account page's confirmation).
        Linked = "linked",
    }
}

/// Whether an account may take the ΑΦΜ the provider proved: yes unless a clerk verified
/// another one on it (TAXISnet does not overwrite a clerk's decision).
pub fn may_link(verified_afm: Option<&str>, proved: &Afm) -> Result<(), IdentityOutcome> {
    match verified_afm {
        Some(afm) if afm != proved.as_str() => Err(IdentityOutcome::AfmDiffers),
        _ => Ok(()),
    }
}

text_enum! {
    /// What a flow begun at the portal is for.
    pub enum FlowPurpose {
        SignIn = "sign_in",
        Link = "link",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> TaxpayerFields {
        TaxpayerFields {
            subject: Some("User064".into()),
            afm: Some("090000045".into()),
            first_name: Some("ΜΑΡΙΑ".into()),
            last_name: Some("ΠΑΠΑΔΟΠΟΥΛΟΥ".into()),
            father_name: Some("ΓΕΩΡΓΙΟΣ".into()),
            mother_name: None,
            birth_year: Some("1980".into()),
        }
    }

    #[test]
    fn a_full_answer_is_a_taxpayer() {
        let taxpayer = fields().parse().expect("valid");
        assert_eq!(taxpayer.afm.as_str(), "090000045");
        assert_eq!(taxpayer.full_name(), "ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ");
        assert_eq!(taxpayer.birth_year, Some(1980));
        assert_eq!(taxpayer.mother_name, None);
    }

    #[test]
    fn incomplete_or_wrong_answers_are_refused() {
        let mut no_afm = fields();
        no_afm.afm = Some("  ".into());
        assert_eq!(no_afm.parse(), Err(TaxpayerError::Missing("taxid")));
        let mut bad_afm = fields();
        bad_afm.afm = Some("123456789".into());
        assert!(matches!(bad_afm.parse(), Err(TaxpayerError::Afm(_))));
        let mut no_user = fields();
        no_user.subject = None;
        assert_eq!(no_user.parse(), Err(TaxpayerError::Missing("userid")));
        let mut long_name = fields();
        long_name.last_name = Some("Α".repeat(MAX_NAME_CHARS + 1));
        assert_eq!(long_name.parse(), Err(TaxpayerError::Malformed("lastname")));
        let mut control = fields();
        control.father_name = Some("Γ\u{7}".into());
        assert_eq!(control.parse(), Err(TaxpayerError::Malformed("fathername")));
        let mut odd_year = fields();
        odd_year.birth_year = Some("19x0".into());
        assert_eq!(odd_year.parse().expect("still valid").birth_year, None);
    }

    #[test]
    fn a_clerks_other_afm_is_not_overwritten() {
        let proved = Afm::parse("100000015").expect("valid");
        assert_eq!(may_link(None, &proved), Ok(()));
        assert_eq!(may_link(Some("100000015"), &proved), Ok(()));
        assert_eq!(
            may_link(Some("100000027"), &proved),
            Err(IdentityOutcome::AfmDiffers)
        );
    }

    #[test]
    fn outcome_codes_round_trip() {
        for outcome in IdentityOutcome::ALL {
            assert_eq!(IdentityOutcome::parse(outcome.as_str()), Some(*outcome));
        }
    }
}
