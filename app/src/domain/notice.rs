//! Notices (ειδοποιητήρια) and their RF payment codes: how a notice's RF is built from the
//! municipality's prefix, the notice's kind and number (the bank's layout, in one place), and
//! when an RF is refused.

use super::rf::RfReference;
use super::time::{civil_from_days, days_from_civil, Date};
use super::Money;
use serde::{Deserialize, Serialize};

text_enum! {
    /// What a notice was issued for; its digit in the RF tells the cashier at a glance.
    pub enum NoticeKind {
        /// Debts of the register: issued by the municipality or grouped by the debtor.
        Debts = "debts",
        /// A fee on request (παράβολο), issued for oneself.
        Fee = "fee",
    }
}

impl NoticeKind {
    /// The kind's digit in the RF's payload.
    pub fn digit(self) -> char {
        match self {
            NoticeKind::Debts => '1',
            NoticeKind::Fee => '2',
        }
    }

    fn from_digit(digit: char) -> Option<NoticeKind> {
        NoticeKind::ALL.iter().copied().find(|k| k.digit() == digit)
    }
}

text_enum! {
    /// Where a notice stands.
    pub enum NoticeState {
        Open = "open",
        Paid = "paid",
        /// A newer notice holds one of its debts: this one is no longer payable.
        Replaced = "replaced",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// Who issued a notice.
    pub enum NoticeSource {
        /// The municipality's financial system, by import (its own RF).
        Import = "import",
        /// The debtor, grouping debts of theirs or issuing a fee.
        Debtor = "debtor",
        /// A clerk or cashier, on the debtor's behalf (e.g. at the counter).
        Staff = "staff",
    }
}

/// Longest a notice may stay payable (configuration is checked against it).
pub const MAX_DAYS_VALID: u32 = 366;

/// The last day a notice issued `issued` is payable, `days_valid` days later (its amount,
/// interest included, is fixed until then).
pub fn pay_by(issued: Date, days_valid: u32) -> Date {
    civil_from_days(days_from_civil(issued) + i64::from(days_valid.min(MAX_DAYS_VALID)))
}

/// A version of a fee type's amount, in force from a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeVersion {
    pub valid_from: Date,
    pub amount: Money,
    /// `false`: withdrawn from that day.
    pub active: bool,
}

/// The amount of a fee on `on`: its newest version from that day or before, unless that
/// version withdrew it; `None` before its first version.
pub fn fee_amount(versions: &[FeeVersion], on: Date) -> Option<Money> {
    versions
        .iter()
        .filter(|v| v.valid_from <= on)
        .max_by_key(|v| v.valid_from)
        .filter(|v| v.active)
        .map(|v| v.amount)
}

/// Why an RF is not accepted for payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RfRefusal {
    /// The notice is paid: paying again would pay twice.
    AlreadyPaid,
    /// A newer notice replaced it; that one's RF is the one to pay.
    Replaced,
    Cancelled,
    /// Its pay-by date has passed; a new notice is needed (interest has grown).
    Expired,
}

/// Whether a notice in `state`, payable until `pay_by` (inclusive), takes a payment `on`.
/// Expiry is reckoned from the date, so no job has to mark notices expired first.
pub fn rf_accepted(state: NoticeState, pay_by: Date, on: Date) -> Result<(), RfRefusal> {
    match state {
        NoticeState::Paid => Err(RfRefusal::AlreadyPaid),
        NoticeState::Replaced => Err(RfRefusal::Replaced),
        NoticeState::Cancelled => Err(RfRefusal::Cancelled),
        NoticeState::Open if on > pay_by => Err(RfRefusal::Expired),
        NoticeState::Open => Ok(()),
    }
}

/// The state a notice shows its debtor: an open one past its date is "expired".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeShown {
    Open,
    Paid,
    Replaced,
    Cancelled,
    Expired,
}

pub fn notice_shown(state: NoticeState, pay_by: Date, on: Date) -> NoticeShown {
    match rf_accepted(state, pay_by, on) {
        Ok(()) => NoticeShown::Open,
        Err(RfRefusal::AlreadyPaid) => NoticeShown::Paid,
        Err(RfRefusal::Replaced) => NoticeShown::Replaced,
        Err(RfRefusal::Cancelled) => NoticeShown::Cancelled,
        Err(RfRefusal::Expired) => NoticeShown::Expired,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RfLayoutError {
    #[error("the RF prefix must be 1 to 8 digits (the municipality's code at its bank)")]
    Prefix,
    #[error("the notice number's width must be 6 to 12 digits and fit the RF with the prefix")]
    Width,
    #[error("notice number {0} has more digits than the configured width")]
    NumberTooLong(u64),
}

/// The payload layout of the municipality's RF codes (configuration: the bank or DIAS
/// assigns it): prefix, the notice kind's digit, the notice number zero-padded to a fixed
/// width — digits only, so every bank's form and app accepts it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RfLayout {
    prefix: String,
    width: usize,
}

impl RfLayout {
    pub fn new(prefix: &str, width: usize) -> Result<RfLayout, RfLayoutError> {
        let prefix = prefix.trim();
        if !(1..=8).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_digit()) {
            return Err(RfLayoutError::Prefix);
        }
        if !(6..=12).contains(&width) || prefix.len() + 1 + width > super::rf::MAX_PAYLOAD {
            return Err(RfLayoutError::Width);
        }
        Ok(RfLayout {
            prefix: prefix.to_owned(),
            width,
        })
    }

    /// The largest notice number the layout holds.
    pub fn max_number(&self) -> u64 {
        10u64.pow(self.width as u32) - 1
    }

    /// The RF of notice `number` of `kind`.
    pub fn rf(&self, kind: NoticeKind, number: u64) -> Result<RfReference, RfLayoutError> {
        if number > self.max_number() {
            return Err(RfLayoutError::NumberTooLong(number));
        }
        let payload = format!(
            "{}{}{:0width$}",
            self.prefix,
            kind.digit(),
            number,
            width = self.width
        );
        RfReference::create(&payload).map_err(|_| RfLayoutError::Width)
    }

    /// The notice an RF of this layout names (kind and number); `None` for another body's
    /// or another layout's RF.
    pub fn notice_of(&self, rf: &RfReference) -> Option<(NoticeKind, u64)> {
        let payload = rf.as_str().get(4..)?;
        let rest = payload.strip_prefix(self.prefix.as_str())?;
        let mut chars = rest.chars();
        let kind = NoticeKind::from_digit(chars.next()?)?;
        let digits = chars.as_str();
        if digits.len() != self.width || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some((kind, digits.parse().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i64, m: u32, d: u32) -> Date {
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn an_rf_names_its_notice_and_reads_back() {
        let layout = RfLayout::new("5301", 8).unwrap();
        let rf = layout.rf(NoticeKind::Debts, 1234).unwrap();
        assert_eq!(&rf.as_str()[4..], "5301100001234");
        assert_eq!(layout.notice_of(&rf), Some((NoticeKind::Debts, 1234)));
        let fee = layout.rf(NoticeKind::Fee, 7).unwrap();
        assert_eq!(layout.notice_of(&fee), Some((NoticeKind::Fee, 7)));
        // Another municipality's RF, or any RF not of this layout, names no notice here.
        let other = RfLayout::new("5302", 8).unwrap();
        assert_eq!(other.notice_of(&rf), None);
        assert_eq!(
            layout.notice_of(&RfReference::create("2348231").unwrap()),
            None
        );
    }

    #[test]
    fn layouts_that_cannot_hold_a_notice_are_refused() {
        assert_eq!(RfLayout::new("", 8), Err(RfLayoutError::Prefix));
        assert_eq!(RfLayout::new("53A1", 8), Err(RfLayoutError::Prefix));
        assert_eq!(RfLayout::new("123456789", 8), Err(RfLayoutError::Prefix));
        assert_eq!(RfLayout::new("5301", 5), Err(RfLayoutError::Width));
        assert_eq!(RfLayout::new("5301", 13), Err(RfLayoutError::Width));
        // The longest layout fills the RF's 21 characters: 8 + the kind's digit + 12.
        let longest = RfLayout::new("12345678", 12).unwrap();
        let rf = longest.rf(NoticeKind::Fee, longest.max_number()).unwrap();
        assert_eq!(rf.as_str().len(), 25);
        let layout = RfLayout::new("53", 6).unwrap();
        assert_eq!(
            layout.rf(NoticeKind::Debts, 1_000_000),
            Err(RfLayoutError::NumberTooLong(1_000_000))
        );
    }

    #[test]
    fn a_paid_replaced_cancelled_or_late_notice_refuses_its_rf() {
        let pay_by = day(2026, 12, 31);
        let open = |on| rf_accepted(NoticeState::Open, pay_by, on);
        assert_eq!(open(day(2026, 12, 31)), Ok(()));
        assert_eq!(open(day(2027, 1, 1)), Err(RfRefusal::Expired));
        assert_eq!(
            rf_accepted(NoticeState::Paid, pay_by, day(2026, 12, 1)),
            Err(RfRefusal::AlreadyPaid)
        );
        assert_eq!(
            rf_accepted(NoticeState::Replaced, pay_by, day(2026, 12, 1)),
            Err(RfRefusal::Replaced)
        );
        assert_eq!(
            rf_accepted(NoticeState::Cancelled, pay_by, day(2026, 12, 1)),
            Err(RfRefusal::Cancelled)
        );
        assert_eq!(
            notice_shown(NoticeState::Open, pay_by, day(2027, 1, 1)),
            NoticeShown::Expired
        );
        // A paid notice stays "paid" after its date, not "expired".
        assert_eq!(
            notice_shown(NoticeState::Paid, pay_by, day(2027, 1, 1)),
            NoticeShown::Paid
        );
    }

    #[test]
    fn a_notice_is_payable_for_its_days_across_months_and_years() {
        assert_eq!(pay_by(day(2026, 12, 6), 30), day(2027, 1, 5));
        assert_eq!(pay_by(day(2028, 2, 15), 14), day(2028, 2, 29));
        assert_eq!(pay_by(day(2026, 12, 6), 0), day(2026, 12, 6));
        assert_eq!(pay_by(day(2026, 1, 1), 10_000), day(2027, 1, 2));
    }

    #[test]
    fn a_fee_costs_what_its_version_of_the_day_says() {
        let version = |d, cents, active| FeeVersion {
            valid_from: d,
            amount: Money::from_cents(cents),
            active,
        };
        let versions = [
            version(day(2026, 1, 1), 200, true),
            version(day(2026, 7, 1), 300, true),
            version(day(2027, 1, 1), 300, false),
        ];
        assert_eq!(fee_amount(&versions, day(2025, 12, 31)), None);
        assert_eq!(
            fee_amount(&versions, day(2026, 6, 30)),
            Some(Money::from_cents(200))
        );
        assert_eq!(
            fee_amount(&versions, day(2026, 7, 1)),
            Some(Money::from_cents(300))
        );
        assert_eq!(fee_amount(&versions, day(2027, 1, 1)), None, "withdrawn");
        // Order of the versions does not matter.
        let mut reversed = versions.clone();
        reversed.reverse();
        assert_eq!(
            fee_amount(&reversed, day(2026, 8, 1)),
            Some(Money::from_cents(300))
        );
    }

    proptest! {
        #[test]
        fn every_rf_of_a_layout_validates_and_names_its_notice(
            prefix in "[0-9]{1,8}",
            width in 6usize..=12,
            number in any::<u64>(),
            fee in any::<bool>(),
        ) {
            // The widest that fits with this prefix: 21 = prefix + kind + width.
            let layout = RfLayout::new(&prefix, width.min(20 - prefix.len())).unwrap();
            let number = number % (layout.max_number() + 1);
            let kind = if fee { NoticeKind::Fee } else { NoticeKind::Debts };
            let rf = layout.rf(kind, number).unwrap();
            prop_assert!(rf.as_str().len() <= 25);
            prop_assert_eq!(RfReference::parse(&rf.grouped().to_lowercase()), Ok(rf.clone()));
            prop_assert_eq!(layout.notice_of(&rf), Some((kind, number)));
        }
    }
}
