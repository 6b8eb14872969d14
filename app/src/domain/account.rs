//! Accounts: roles, the staff-set verification state machine, and the values people type
//! when they register (e-mail, name, phone, password) or describe a business.

use serde::{Deserialize, Serialize};

text_enum! {
    /// What a user is to the portal. Business representatives are citizens with a business
    /// profile; staff roles are given by an administrator.
    pub enum Role {
        Citizen = "citizen",
        Clerk = "clerk",
        Cashier = "cashier",
        Admin = "admin",
    }
}

impl Role {
    pub const STAFF: [Role; 3] = [Role::Clerk, Role::Cashier, Role::Admin];

    pub fn is_staff(self) -> bool {
        Role::STAFF.contains(&self)
    }

    /// Where a person lands after signing in with nowhere else asked for: the staff home
    /// for staff, "my town hall" for residents.
    pub fn start_page(self) -> &'static str {
        if self.is_staff() {
            "/staff"
        } else {
            "/my"
        }
    }
}

text_enum! {
    /// Verification of a person or a business by staff who have seen documents in person.
    pub enum Verification {
        Unverified = "unverified",
        Pending = "pending",
        Verified = "verified",
        Rejected = "rejected",
    }
}

text_enum! {
    /// Whose proof a clerk checks: a person's own ΑΦΜ, or a business they represent.
    pub enum VerificationSubject {
        User = "user",
        Business = "business",
    }
}

text_enum! {
    /// What a clerk decides about a verification.
    pub enum VerificationDecision {
        Approve = "approve",
        Reject = "reject",
    }
}

impl VerificationDecision {
    pub fn step(self) -> VerificationStep {
        match self {
            VerificationDecision::Approve => VerificationStep::Approve,
            VerificationDecision::Reject => VerificationStep::Reject,
        }
    }
}

/// Who may move verification, and where to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerificationStep {
    /// The user asks to be verified (after filling in the profile).
    Request,
    /// A clerk has seen the documents and accepts them.
    Approve,
    /// A clerk refuses, with a reason the user will read.
    Reject,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum VerificationError {
    #[error("this step is not possible from the current state")]
    NotAllowed,
    #[error("a rejection needs a reason the user can act on")]
    ReasonRequired,
}

impl Verification {
    /// unverified → pending → verified | rejected; a rejected user may ask again.
    pub fn apply(
        self,
        step: VerificationStep,
        note: &str,
    ) -> Result<Verification, VerificationError> {
        use Verification::*;
        use VerificationStep::*;
        match (self, step) {
            (Unverified | Rejected, Request) => Ok(Pending),
            (Pending, Approve) => Ok(Verified),
            (Pending, Reject) if note.trim().is_empty() => Err(VerificationError::ReasonRequired),
            (Pending, Reject) => Ok(Rejected),
            _ => Err(VerificationError::NotAllowed),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TextError {
    #[error("this field is required")]
    Empty,
    #[error("too long")]
    TooLong(usize),
    #[error("not valid")]
    Invalid,
}

/// A trimmed e-mail address in lower case.
pub fn parse_email(input: &str) -> Result<String, TextError> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err(TextError::Empty);
    }
    if email.len() > 254 {
        return Err(TextError::TooLong(254));
    }
    let valid = !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(email)
    } else {
        Err(TextError::Invalid)
    }
}

/// Required free text (names, addresses), trimmed, with a length limit in characters.
pub fn parse_required(input: &str, max_chars: usize) -> Result<String, TextError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().count() > max_chars {
        return Err(TextError::TooLong(max_chars));
    }
    if text.chars().any(|c| c.is_control()) {
        return Err(TextError::Invalid);
    }
    Ok(text.to_owned())
}

/// Longest note staff write with a decision (a verification, a ticket review).
pub const MAX_NOTE_CHARS: usize = 500;

/// Optional free text (a decision's note): like [`parse_required`], but empty is `None`.
pub fn parse_optional(input: &str, max_chars: usize) -> Result<Option<String>, TextError> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    parse_required(input, max_chars).map(Some)
}

/// Required text of several paragraphs (a complaint, an answer): like [`parse_required`],
/// but line breaks stay (`\r\n` and `\r` become `\n`); tabs and other control characters
/// are still refused.
pub fn parse_multiline(input: &str, max_chars: usize) -> Result<String, TextError> {
    let text = input.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().count() > max_chars {
        return Err(TextError::TooLong(max_chars));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(TextError::Invalid);
    }
    Ok(text.to_owned())
}

/// An optional phone number: digits with an optional leading `+`, 10 to 15 digits.
pub fn parse_phone(input: &str) -> Result<Option<String>, TextError> {
    let compact: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let digits = compact.strip_prefix('+').unwrap_or(&compact);
    if digits.chars().all(|c| c.is_ascii_digit()) && (10..=15).contains(&digits.len()) {
        Ok(Some(compact))
    } else {
        Err(TextError::Invalid)
    }
}

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 128;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PasswordError {
    #[error("the password is too short")]
    TooShort,
    #[error("the password is too long")]
    TooLong,
    #[error("the two passwords differ")]
    Mismatch,
}

/// A new password: long enough, not absurdly long, typed the same twice.
pub fn check_new_password(password: &str, confirm: &str) -> Result<(), PasswordError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong);
    }
    if password != confirm {
        return Err(PasswordError::Mismatch);
    }
    Ok(())
}

/// How often the business files VAT returns, which sets its municipal-tax periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VatPeriodType {
    Monthly,
    Quarterly,
}

impl VatPeriodType {
    pub fn as_str(self) -> &'static str {
        match self {
            VatPeriodType::Monthly => "monthly",
            VatPeriodType::Quarterly => "quarterly",
        }
    }

    pub fn parse(text: &str) -> Option<VatPeriodType> {
        match text {
            "monthly" => Some(VatPeriodType::Monthly),
            "quarterly" => Some(VatPeriodType::Quarterly),
            _ => None,
        }
    }
}

/// Legal forms of Greek businesses, stored by code.
pub const LEGAL_FORMS: [&str; 7] = ["sole", "oe", "ee", "ike", "epe", "ae", "other"];

// Main activity categories are data (table `tax_categories`): the admin adds them, and
// municipal-tax rates are set per category.

#[cfg(test)]
mod tests {
    use super::*;
    use Verification::*;
    use VerificationStep::*;

    #[test]
    fn verification_follows_its_state_machine() {
        assert_eq!(Unverified.apply(Request, ""), Ok(Pending));
        assert_eq!(Pending.apply(Approve, ""), Ok(Verified));
        assert_eq!(Pending.apply(Reject, "bring your ID"), Ok(Rejected));
        assert_eq!(
            Pending.apply(Reject, "  "),
            Err(VerificationError::ReasonRequired)
        );
        assert_eq!(Rejected.apply(Request, ""), Ok(Pending));
        for (from, step) in [
            (Unverified, Approve),
            (Unverified, Reject),
            (Pending, Request),
            (Verified, Request),
            (Verified, Reject),
            (Verified, Approve),
            (Rejected, Approve),
        ] {
            assert_eq!(
                from.apply(step, "note"),
                Err(VerificationError::NotAllowed),
                "{from:?} {step:?}"
            );
        }
    }

    #[test]
    fn paragraphs_keep_their_line_breaks() {
        assert_eq!(
            parse_multiline("  First.\r\n\r\nSecond.\rThird.  ", 100),
            Ok("First.\n\nSecond.\nThird.".to_owned())
        );
        assert_eq!(parse_multiline("a\tb", 100), Err(TextError::Invalid));
        assert_eq!(parse_multiline("a\u{0}b", 100), Err(TextError::Invalid));
        assert_eq!(parse_multiline(" \n ", 100), Err(TextError::Empty));
        assert_eq!(parse_required("a\nb", 100), Err(TextError::Invalid));
    }

    #[test]
    fn typed_values_are_parsed() {
        assert_eq!(
            parse_email(" Maria@Example.GR "),
            Ok("maria@example.gr".into())
        );
        for bad in ["maria", "maria@", "@x.gr", "a@b", "a b@c.gr", "a@b@c.gr"] {
            assert_eq!(parse_email(bad), Err(TextError::Invalid), "{bad}");
        }
        assert_eq!(parse_email(" "), Err(TextError::Empty));
        assert_eq!(parse_phone(""), Ok(None));
        assert_eq!(
            parse_phone("+30 210 123 4567"),
            Ok(Some("+302101234567".into()))
        );
        assert_eq!(parse_phone("12345"), Err(TextError::Invalid));
        assert_eq!(parse_required("  Μαρία ", 10), Ok("Μαρία".into()));
        assert_eq!(
            parse_required("αβγδεζηθικλ", 10),
            Err(TextError::TooLong(10))
        );
        assert_eq!(
            check_new_password("short", "short"),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_new_password("long enough!", "long enough?"),
            Err(PasswordError::Mismatch)
        );
        assert_eq!(check_new_password("long enough!", "long enough!"), Ok(()));
    }

    #[test]
    fn codes_round_trip() {
        for role in [Role::Citizen, Role::Clerk, Role::Cashier, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for v in [Unverified, Pending, Verified, Rejected] {
            assert_eq!(Verification::parse(v.as_str()), Some(v));
        }
    }
}
