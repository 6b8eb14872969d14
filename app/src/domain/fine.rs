//! Traffic fines: ticket numbers and times as printed, and the amount rules of a ticket
//! type (early-payment discount, late surcharge, deadline) applied on a given day.

use crate::domain::time::{days_from_civil, Date};
use crate::domain::Money;
use serde::{Deserialize, Serialize};

/// A ticket number as printed: digits only, 6 to 20 of them (spaces typed are dropped).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TicketNumber(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TicketNumberError {
    #[error("enter the ticket number")]
    Empty,
    #[error("a ticket number has only digits")]
    NotDigits,
    #[error("a ticket number has 6 to 20 digits")]
    Length,
}

impl TicketNumber {
    pub fn parse(input: &str) -> Result<TicketNumber, TicketNumberError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(TicketNumberError::Empty);
        }
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(TicketNumberError::NotDigits);
        }
        if !(6..=20).contains(&compact.len()) {
            return Err(TicketNumberError::Length);
        }
        Ok(TicketNumber(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A time of day as `HH:MM` (24-hour).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
}

impl TimeOfDay {
    /// Accepts `9:05`, `09:05` and `09.05`.
    pub fn parse(input: &str) -> Option<TimeOfDay> {
        let (h, m) = input.trim().split_once([':', '.'])?;
        let (hour, minute): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (hour < 24 && minute < 60 && m.len() == 2 && !h.is_empty() && h.len() <= 2)
            .then_some(TimeOfDay { hour, minute })
    }

    pub fn hh_mm(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

text_enum! {
    /// Where a ticket stands for the citizen: paid, rejected by staff, being paid right now,
    /// or unpaid. Paid wins: a ticket paid before a rejection stays paid.
    pub enum TicketStatus {
        Paid = "paid",
        Rejected = "rejected",
        Processing = "processing",
        Unpaid = "unpaid",
    }
}

impl TicketStatus {
    pub fn of(paid: bool, rejected: bool, payment_in_progress: bool) -> TicketStatus {
        match (paid, rejected, payment_in_progress) {
            (true, _, _) => TicketStatus::Paid,
            (false, true, _) => TicketStatus::Rejected,
            (false, false, true) => TicketStatus::Processing,
            (false, false, false) => TicketStatus::Unpaid,
        }
    }
}

text_enum! {
    /// Staff review of a ticket: imported tickets need none; citizen-registered ones (and
    /// ones whose police record differs) wait for a decision.
    pub enum Review {
        NotNeeded = "none",
        Pending = "pending",
        Confirmed = "confirmed",
        Rejected = "rejected",
    }
}

text_enum! {
    /// A staff decision on a ticket under review.
    pub enum ReviewDecision {
        Confirm = "confirm",
        Reject = "reject",
    }
}

impl ReviewDecision {
    /// The review state the decision leads to.
    pub fn outcome(self) -> Review {
        match self {
            ReviewDecision::Confirm => Review::Confirmed,
            ReviewDecision::Reject => Review::Rejected,
        }
    }
}

text_enum! {
    /// Where a ticket in the registry came from.
    pub enum Source {
        /// The municipal police's file.
        Import = "import",
        /// A citizen paying a ticket not yet imported.
        Citizen = "citizen",
    }
}

/// The amount rules of a ticket type, as the catalogue holds them for a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FineRules {
    pub amount: Money,
    /// Paid within this many days of the offence (the offence day is day 0): discount.
    pub discount_days: i64,
    pub discount_percent: i64,
    /// Paid after this many days: surcharge (0 = never).
    pub surcharge_after_days: i64,
    pub surcharge_percent: i64,
    /// Older tickets can no longer be paid or registered online.
    pub max_age_days: i64,
}

/// What a ticket costs on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountDue {
    pub principal: Money,
    /// Negative for a discount, positive for a surcharge, zero otherwise.
    pub adjustment: Money,
    pub total: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum FineDateError {
    #[error("the date of the offence is in the future")]
    InFuture,
    #[error("the ticket is older than {max_days} days and can no longer be paid online")]
    TooOld { max_days: i64 },
}

/// Days from the offence to `today` (0 on the day itself).
pub fn age_in_days(offence: Date, today: Date) -> i64 {
    days_from_civil(today) - days_from_civil(offence)
}

/// Checks an offence date against today and the type's deadline.
pub fn check_offence_date(
    rules: &FineRules,
    offence: Date,
    today: Date,
) -> Result<i64, FineDateError> {
    let age = age_in_days(offence, today);
    if age < 0 {
        return Err(FineDateError::InFuture);
    }
    if age > rules.max_age_days {
        return Err(FineDateError::TooOld {
            max_days: rules.max_age_days,
        });
    }
    Ok(age)
}

/// The amount due today for a ticket of `principal` under `rules`: a discount while
/// `age <= discount_days`, a surcharge once `age > surcharge_after_days`, rounded half-up
/// to the cent.
pub fn amount_due(
    rules: &FineRules,
    principal: Money,
    offence: Date,
    today: Date,
) -> Result<AmountDue, FineDateError> {
    let age = check_offence_date(rules, offence, today)?;
    let percent = if rules.discount_percent > 0 && age <= rules.discount_days {
        -rules.discount_percent
    } else if rules.surcharge_percent > 0
        && rules.surcharge_after_days > 0
        && age > rules.surcharge_after_days
    {
        rules.surcharge_percent
    } else {
        0
    };
    let adjustment = principal
        .percent(rust_decimal::Decimal::from(percent))
        .unwrap_or(Money::ZERO);
    let total = principal.checked_add(adjustment).unwrap_or(principal);
    Ok(AmountDue {
        principal,
        adjustment,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::civil_from_days;
    use proptest::prelude::*;

    fn rules() -> FineRules {
        FineRules {
            amount: Money::from_cents(3000),
            discount_days: 10,
            discount_percent: 50,
            surcharge_after_days: 60,
            surcharge_percent: 20,
            max_age_days: 365,
        }
    }

    fn day(offset: i64) -> Date {
        civil_from_days(
            days_from_civil(Date {
                year: 2026,
                month: 10,
                day: 1,
            }) + offset,
        )
    }

    fn total_on(age: i64) -> Result<i64, FineDateError> {
        amount_due(&rules(), Money::from_cents(3000), day(0), day(age)).map(|a| a.total.cents())
    }

    #[test]
    fn amounts_around_every_deadline() {
        assert_eq!(total_on(-1), Err(FineDateError::InFuture));
        assert_eq!(total_on(0), Ok(1500), "discount on the day itself");
        assert_eq!(total_on(10), Ok(1500), "last day of the discount");
        assert_eq!(total_on(11), Ok(3000), "full amount the day after");
        assert_eq!(total_on(60), Ok(3000), "last day without surcharge");
        assert_eq!(total_on(61), Ok(3600), "surcharge from the next day");
        assert_eq!(total_on(365), Ok(3600), "last day it can be paid online");
        assert_eq!(total_on(366), Err(FineDateError::TooOld { max_days: 365 }));
    }

    #[test]
    fn no_rules_means_the_principal() {
        let plain = FineRules {
            discount_percent: 0,
            surcharge_percent: 0,
            ..rules()
        };
        let due = amount_due(&plain, Money::from_cents(15000), day(0), day(200)).unwrap();
        assert_eq!((due.adjustment.cents(), due.total.cents()), (0, 15000));
    }

    #[test]
    fn discounts_round_half_up_to_the_cent() {
        let third = FineRules {
            discount_percent: 33,
            ..rules()
        };
        let due = amount_due(&third, Money::from_cents(1001), day(0), day(1)).unwrap();
        // 10.01 × 0.33 = 3.3033 → 3.30 off.
        assert_eq!((due.adjustment.cents(), due.total.cents()), (-330, 671));
    }

    #[test]
    fn ticket_numbers_and_times_parse_as_printed() {
        assert_eq!(
            TicketNumber::parse(" 2026 000001 ").unwrap().as_str(),
            "2026000001"
        );
        assert_eq!(
            TicketNumber::parse("2026-01"),
            Err(TicketNumberError::NotDigits)
        );
        assert_eq!(TicketNumber::parse("123"), Err(TicketNumberError::Length));
        assert_eq!(TicketNumber::parse(""), Err(TicketNumberError::Empty));
        assert_eq!(TimeOfDay::parse("9:05").unwrap().hh_mm(), "09:05");
        assert_eq!(TimeOfDay::parse("09.05").unwrap().hh_mm(), "09:05");
        assert_eq!(TimeOfDay::parse("25:15"), None);
        assert_eq!(TimeOfDay::parse("10:60"), None);
        assert_eq!(TimeOfDay::parse("10:5"), None);
    }

    proptest! {
        #[test]
        fn the_total_is_principal_plus_adjustment_and_never_negative(
            cents in 1i64..10_000_000, age in 0i64..400, discount in 0i64..=100, surcharge in 0i64..=200,
        ) {
            let r = FineRules { discount_percent: discount, surcharge_percent: surcharge, ..rules() };
            if let Ok(due) = amount_due(&r, Money::from_cents(cents), day(0), day(age)) {
                prop_assert_eq!(due.total.cents(), due.principal.cents() + due.adjustment.cents());
                prop_assert!(due.total.cents() >= 0);
            }
        }
    }

    #[test]
    fn a_tickets_status() {
        use TicketStatus::*;
        assert_eq!(TicketStatus::of(true, true, true), Paid);
        assert_eq!(TicketStatus::of(false, true, true), Rejected);
        assert_eq!(TicketStatus::of(false, false, true), Processing);
        assert_eq!(TicketStatus::of(false, false, false), Unpaid);
        assert_eq!(Processing.as_str(), "processing");
    }
}
