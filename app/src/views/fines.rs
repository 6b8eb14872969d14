//! Traffic fines as their pages show them: the catalogue's ticket types, a ticket, and the
//! types a citizen chooses from.

use crate::domain::fine::{FineRules, Review, TicketStatus};
use crate::domain::{Flag, Lang, Money};
use serde::{Deserialize, Serialize};

/// One version of a ticket type in the catalogue (a ticket uses the version in force on
/// its date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FineType {
    pub id: String,
    pub code: String,
    pub valid_from: String,
    pub description_el: String,
    pub description_en: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    /// Paid to this municipality (offered online), or to the State.
    pub payable: Flag,
    pub discount_days: i64,
    pub discount_percent: i64,
    pub surcharge_after_days: i64,
    pub surcharge_percent: i64,
    pub max_age_days: i64,
}

impl FineType {
    pub fn rules(&self) -> FineRules {
        FineRules {
            amount: self.amount,
            discount_days: self.discount_days,
            discount_percent: self.discount_percent,
            surcharge_after_days: self.surcharge_after_days,
            surcharge_percent: self.surcharge_percent,
            max_age_days: self.max_age_days,
        }
    }

    pub fn description(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.description_el,
            Lang::En => &self.description_en,
        }
    }
}

/// A ticket type as the citizen chooses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketTypeLine {
    pub code: String,
    pub description: String,
    pub amount: Money,
}

/// A ticket as its page (and the staff registry) shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    pub id: String,
    pub ticket_number: String,
    pub type_description: String,
    pub plate: String,
    pub offence_date: String,
    pub offence_time: String,
    pub location: Option<String>,
    pub principal: Money,
    /// Today's discount (negative) or surcharge; `None` when it can no longer be paid.
    pub adjustment: Option<Money>,
    pub total: Option<Money>,
    /// How many days after the offence the type can be paid online.
    pub payable_days: i64,
    pub status: TicketStatus,
    pub receipt: Option<String>,
    pub paid_by: Option<String>,
    pub registered_by_citizen: bool,
    pub review: Review,
    pub review_note: Option<String>,
    /// Where the police's record differed from what the citizen typed (field codes).
    pub discrepancy: Vec<String>,
    /// The police's amount, when it differs from the ticket's.
    pub police_amount: Option<Money>,
}
