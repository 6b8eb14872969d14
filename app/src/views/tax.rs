//! Municipal tax as its pages show it: declarations, certified debts with today's interest,
//! warrants, and a business's whole file.

use crate::domain::payment::PaymentState;
use crate::domain::tax::{DeclarationState, WarrantState};
use crate::domain::Money;
use crate::views::accounts::Business;
use serde::{Deserialize, Serialize};

/// A declaration as stored, with its business and receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Declaration {
    pub id: String,
    pub business_id: String,
    pub period_kind: String,
    pub period_number: i64,
    pub period_year: i64,
    pub revision: i64,
    #[cfg_attr(feature = "ssr", sqlx(rename = "revenue_cents"))]
    pub revenue: Money,
    pub vat_filed_on: String,
    pub category: String,
    pub rate_percent: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "tax_cents"))]
    pub tax: Money,
    #[cfg_attr(feature = "ssr", sqlx(rename = "already_assessed_cents"))]
    pub already_assessed: Money,
    #[cfg_attr(feature = "ssr", sqlx(rename = "tax_due_cents"))]
    pub tax_due: Money,
    pub due_date: String,
    pub declared_on: String,
    pub late_months: i64,
    pub fine_percent: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "fine_cents"))]
    pub fine: Money,
    #[cfg_attr(feature = "ssr", sqlx(rename = "total_cents"))]
    pub total: Money,
    pub state: DeclarationState,
    /// The payment's outcome that rejected it.
    pub rejected_because: Option<PaymentState>,
    pub payment_id: Option<String>,
    pub created_at_ms: i64,
    pub receipt: Option<String>,
    pub business_name: String,
    pub business_afm: String,
    pub representative_id: String,
}

/// A payment the municipality has warranted to a business.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Warrant {
    pub id: String,
    pub afm: String,
    pub warrant_number: String,
    pub warrant_date: String,
    pub description: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    pub state: WarrantState,
    pub paid_on: Option<String>,
}

/// A version of a rule in force from a date (ISO), as the preview picks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleVersion {
    pub valid_from: String,
    /// Rate of the category, or fine per month.
    pub percent: String,
    /// Fine cap (settings only).
    pub cap_percent: String,
}

/// Everything about a business's municipal tax, for its representative or for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxFile {
    pub business: Business,
    /// The business's category in the page's language.
    pub activity_label: String,
    /// The category's rate versions and the fine settings versions, newest first: the form's
    /// preview uses the ones in force on the period's last day, as the server does.
    pub rates: Vec<RuleVersion>,
    pub fines: Vec<RuleVersion>,
    pub interest_percent: String,
    /// Today in the municipality (ISO): the day a declaration made now is dated.
    pub today: String,
    pub declarations: Vec<Declaration>,
    /// Periods that have ended with no accepted declaration, oldest first (as labels).
    pub to_declare: Vec<String>,
    /// The register's municipal-tax debts of the business's ΑΦΜ.
    pub debts: Vec<crate::views::debts::DebtLine>,
    pub warrants: Vec<Warrant>,
}

/// What the business pages get: the businesses the user represents, and the chosen one's
/// file when it is verified (`None` otherwise: the page says to get verified first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTaxView {
    pub businesses: Vec<Business>,
    pub chosen: Option<Business>,
    pub file: Option<TaxFile>,
}

/// A business category of the municipal tax.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TaxCategory {
    pub code: String,
    pub name_el: String,
    pub name_en: String,
}

impl TaxCategory {
    /// The name in the page's language.
    pub fn name(&self, lang: crate::domain::Lang) -> &str {
        match lang {
            crate::domain::Lang::El => &self.name_el,
            crate::domain::Lang::En => &self.name_en,
        }
    }
}

/// One version of a category's rate (a decimal percent as text), in force from a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RateVersion {
    pub category: String,
    pub valid_from: String,
    pub rate_percent: String,
}

/// One version of the late-filing fine and interest settings (decimal percents as text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SettingsVersion {
    pub valid_from: String,
    pub fine_percent_per_month: String,
    pub fine_cap_percent: String,
    pub interest_percent_per_month: String,
}

/// Categories, rates and settings with every version, newest first, for the staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTable {
    pub categories: Vec<TaxCategory>,
    pub rates: Vec<RateVersion>,
    pub settings: Vec<SettingsVersion>,
}
