//! What the campaign pages show: a campaign with its progress, and the debtors it could
//! not e-mail with why.

use crate::domain::campaign::{CampaignCounts, CampaignState};
use serde::{Deserialize, Serialize};

/// A campaign and how far it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignView {
    pub id: String,
    /// The revenue category e-mailed (its code and names); `None`: every open debt.
    pub category: Option<String>,
    pub category_el: Option<String>,
    pub category_en: Option<String>,
    pub state: CampaignState,
    pub created_at_ms: i64,
    pub finished_at_ms: Option<i64>,
    pub counts: CampaignCounts,
}

/// A debtor the campaign could not e-mail (or had no address for).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CampaignFailure {
    pub afm: String,
    pub name: String,
    pub email: Option<String>,
    /// `failed` or `no_email`.
    pub state: String,
    /// The mail server's answer or what went wrong, in English as logged.
    pub error: Option<String>,
    pub attempts: i64,
}

/// The campaign pages' list and the categories a new campaign may choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignsView {
    pub campaigns: Vec<CampaignView>,
    pub categories: Vec<crate::views::debts::DebtCategory>,
}
