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
    /// When it was registered here: the periods to declare start then.
    pub created_at_ms: i64,
}

/// What the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub profile: Profile,
    pub businesses: Vec<Business>,
    /// The account has TAXISnet linked (its ΑΦΜ was proved there).
    pub taxisnet_linked: bool,
}

/// A business the resident represents, with what it owes the municipality now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessStanding {
    pub business: Business,
    /// Certified debts not yet paid (only known once the business is verified).
    pub unpaid_debts: usize,
}

/// "My town hall": where a resident lands after signing in — what is open with the
/// municipality and what they paid lately.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTownHall {
    pub full_name: String,
    pub verification: Verification,
    /// Submissions not yet closed or rejected, newest first.
    pub open_submissions: Vec<crate::views::submissions::Summary>,
    /// The five newest payments.
    pub recent_payments: Vec<crate::views::payments::PaymentLine>,
    pub businesses: Vec<BusinessStanding>,
}
