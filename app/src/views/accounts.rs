//! Accounts as their pages show them: a person's profile and the businesses they represent.

use crate::domain::account::{Role, Verification};
use serde::{Deserialize, Serialize};

/// Everything the account page shows about a user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Profile {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub phone: Option<String>,
    pub afm: Option<String>,
    pub address: Option<String>,
    pub father_name: Option<String>,
    pub email_confirmed_at_ms: Option<i64>,
    pub verification: Verification,
    pub verification_note: Option<String>,
    pub verification_at_ms: Option<i64>,
}

/// A business profile: a company's ΑΦΜ, name, legal form, activity, VAT period type and
/// the user who represents it; verified by staff like people are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Business {
    pub id: String,
    pub afm: String,
    pub name: String,
    pub legal_form: String,
    pub activity: String,
    pub vat_period: String,
    pub representative_id: String,
    pub verification: Verification,
    pub verification_note: Option<String>,
    pub verification_at_ms: Option<i64>,
}

/// What the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub profile: Profile,
    pub businesses: Vec<Business>,
}
