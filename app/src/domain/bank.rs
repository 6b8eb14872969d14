//! Bank transfers quoting a notice's RF, as the bank's notification (camt.054) reports
//! them, and what reconciliation decides for each: pay the notice, or put the transfer in
//! the cashier's queue with the reason.

use super::notice::{rf_accepted, NoticeState, RfRefusal};
use super::time::Date;
use super::Money;
use serde::{Deserialize, Serialize};

text_enum! {
    /// Why a transfer waits for the cashier instead of paying a notice by itself.
    pub enum QueueReason {
        /// A well-formed RF that names no notice of this municipality.
        UnknownRf = "unknown_rf",
        /// No creditor reference, or one that is not a valid RF.
        MalformedRf = "malformed_rf",
        /// The notice is paid already: the money was paid twice.
        AlreadyPaid = "already_paid",
        /// Paid after the notice's date (its amount no longer holds).
        Expired = "expired",
        /// A newer notice replaced it.
        Replaced = "replaced",
        Cancelled = "cancelled",
        /// Less than the notice's amount.
        Short = "short",
        /// More than the notice's amount.
        Over = "over",
        NotEuro = "not_euro",
        /// The bank reversed an earlier entry.
        Reversal = "reversal",
        /// Money going out of the account, not a payment to the municipality.
        Debit = "debit",
    }
}

/// One transfer the bank reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankEntry {
    /// The bank's own reference for the transfer (entry and transaction): the same transfer
    /// in an overlapping file has the same one, so it is recorded once.
    pub bank_ref: String,
    pub amount: Money,
    /// ISO 4217 code as the bank wrote it.
    pub currency: String,
    /// Money into the account (`CRDT`), not out (`DBIT`).
    pub credit: bool,
    /// The bank reverses an earlier entry.
    pub reversal: bool,
    /// The day the bank booked it (the day the payer paid, for the notice's date).
    pub booked_on: Option<Date>,
    /// The structured creditor reference (an RF), as written.
    pub reference: Option<String>,
    /// The payer's name, when the bank gives it.
    pub payer: Option<String>,
}

/// What reconciliation needs of the notice an RF names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoticeFacts {
    pub state: NoticeState,
    pub pay_by: Date,
    pub amount: Money,
}

/// What happens to a transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// The exact amount for a notice that takes payment: it pays the notice.
    Pay,
    Queue(QueueReason),
}

/// What to do with `entry`: `notice` is the notice its RF names (`None`: none does, or the
/// reference is no RF — `rf_valid` tells which). A notice's date is reckoned on the day the
/// bank booked the transfer (`today` when the bank gives none): a debtor who paid in time is
/// not late because the file came late.
pub fn reconcile(
    entry: &BankEntry,
    rf_valid: bool,
    notice: Option<&NoticeFacts>,
    today: Date,
) -> Decision {
    if !entry.credit {
        return Decision::Queue(QueueReason::Debit);
    }
    if entry.reversal {
        return Decision::Queue(QueueReason::Reversal);
    }
    if !entry.currency.eq_ignore_ascii_case("EUR") {
        return Decision::Queue(QueueReason::NotEuro);
    }
    if entry.reference.is_none() || !rf_valid {
        return Decision::Queue(QueueReason::MalformedRf);
    }
    let Some(notice) = notice else {
        return Decision::Queue(QueueReason::UnknownRf);
    };
    let paid_on = entry.booked_on.unwrap_or(today);
    if let Err(refusal) = rf_accepted(notice.state, notice.pay_by, paid_on) {
        return Decision::Queue(match refusal {
            RfRefusal::AlreadyPaid => QueueReason::AlreadyPaid,
            RfRefusal::Replaced => QueueReason::Replaced,
            RfRefusal::Cancelled => QueueReason::Cancelled,
            RfRefusal::Expired => QueueReason::Expired,
        });
    }
    if entry.amount < notice.amount {
        Decision::Queue(QueueReason::Short)
    } else if entry.amount > notice.amount {
        Decision::Queue(QueueReason::Over)
    } else {
        Decision::Pay
    }
}

text_enum! {
    /// How the cashier settled a queued transfer.
    pub enum Resolution {
        /// Paid a debtor's chosen debts in full (they add up to the transfer).
        Assigned = "assigned",
        /// Paid part of one debt that owes more than the transfer.
        Partial = "partial",
        /// The money goes back to the payer (recorded here, sent by the bank).
        Refund = "refund",
        /// A debit or a reversal: no money came to the municipality, nothing to settle.
        Dismissed = "dismissed",
    }
}

impl Resolution {
    /// Whether it spends the money on debts (a payment with a receipt).
    pub fn pays_debts(self) -> bool {
        matches!(self, Resolution::Assigned | Resolution::Partial)
    }
}

/// What the cashier may do with a transfer queued for `reason`: money that came in may pay
/// debts (in full or in part) or go back; a foreign currency only goes back (its euro value
/// is the bank's to tell); a debit or reversal brought nothing, so it is only set aside.
pub fn resolutions_for(reason: QueueReason) -> &'static [Resolution] {
    match reason {
        QueueReason::Debit | QueueReason::Reversal => &[Resolution::Dismissed],
        QueueReason::NotEuro => &[Resolution::Refund],
        _ => &[
            Resolution::Assigned,
            Resolution::Partial,
            Resolution::Refund,
        ],
    }
}

/// An amount as ISO 20022 writes it (`1234.5`, `0.01`: a dot, at most two decimals for
/// euros, no sign, no grouping) in cents; `None` for anything else.
pub fn xml_amount(text: &str) -> Option<Money> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || whole.len() > 12
        || fraction.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || (text.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    Some(Money::from_cents(
        whole.checked_mul(100)?.checked_add(fraction)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> Date {
        Date {
            year: 2026,
            month: 12,
            day: d,
        }
    }

    fn entry(cents: i64) -> BankEntry {
        BankEntry {
            bank_ref: "E1/T1".into(),
            amount: Money::from_cents(cents),
            currency: "EUR".into(),
            credit: true,
            reversal: false,
            booked_on: Some(day(10)),
            reference: Some("RF18539007547034".into()),
            payer: None,
        }
    }

    fn open(cents: i64) -> NoticeFacts {
        NoticeFacts {
            state: NoticeState::Open,
            pay_by: day(15),
            amount: Money::from_cents(cents),
        }
    }

    #[test]
    fn the_exact_amount_in_time_pays_and_everything_else_waits_with_its_reason() {
        let today = day(20);
        let decide = |e: &BankEntry, n: Option<&NoticeFacts>| reconcile(e, true, n, today);
        assert_eq!(decide(&entry(1000), Some(&open(1000))), Decision::Pay);
        let queued = |reason| Decision::Queue(reason);
        assert_eq!(
            decide(&entry(999), Some(&open(1000))),
            queued(QueueReason::Short)
        );
        assert_eq!(
            decide(&entry(1001), Some(&open(1000))),
            queued(QueueReason::Over)
        );
        assert_eq!(decide(&entry(1000), None), queued(QueueReason::UnknownRf));
        assert_eq!(
            reconcile(&entry(1000), false, None, today),
            queued(QueueReason::MalformedRf)
        );
        let no_reference = BankEntry {
            reference: None,
            ..entry(1000)
        };
        assert_eq!(
            decide(&no_reference, None),
            queued(QueueReason::MalformedRf)
        );
        for (state, reason) in [
            (NoticeState::Paid, QueueReason::AlreadyPaid),
            (NoticeState::Replaced, QueueReason::Replaced),
            (NoticeState::Cancelled, QueueReason::Cancelled),
        ] {
            let notice = NoticeFacts {
                state,
                ..open(1000)
            };
            assert_eq!(decide(&entry(1000), Some(&notice)), queued(reason));
        }
        let usd = BankEntry {
            currency: "USD".into(),
            ..entry(1000)
        };
        assert_eq!(
            decide(&usd, Some(&open(1000))),
            queued(QueueReason::NotEuro)
        );
        let debit = BankEntry {
            credit: false,
            ..entry(1000)
        };
        assert_eq!(
            decide(&debit, Some(&open(1000))),
            queued(QueueReason::Debit)
        );
        let reversal = BankEntry {
            reversal: true,
            ..entry(1000)
        };
        assert_eq!(
            decide(&reversal, Some(&open(1000))),
            queued(QueueReason::Reversal)
        );
    }

    #[test]
    fn a_notice_s_date_is_reckoned_on_the_day_the_bank_booked_the_transfer() {
        // Booked on the last day, read from a file that came five days later: in time.
        let booked_last_day = BankEntry {
            booked_on: Some(day(15)),
            ..entry(1000)
        };
        assert_eq!(
            reconcile(&booked_last_day, true, Some(&open(1000)), day(20)),
            Decision::Pay
        );
        let booked_late = BankEntry {
            booked_on: Some(day(16)),
            ..entry(1000)
        };
        assert_eq!(
            reconcile(&booked_late, true, Some(&open(1000)), day(16)),
            Decision::Queue(QueueReason::Expired)
        );
        // No booking date: the day of the import.
        let undated = BankEntry {
            booked_on: None,
            ..entry(1000)
        };
        assert_eq!(
            reconcile(&undated, true, Some(&open(1000)), day(16)),
            Decision::Queue(QueueReason::Expired)
        );
    }

    #[test]
    fn only_money_that_came_in_pays_debts() {
        use QueueReason::*;
        for reason in [
            UnknownRf,
            MalformedRf,
            AlreadyPaid,
            Expired,
            Replaced,
            Cancelled,
            Short,
            Over,
        ] {
            assert!(
                resolutions_for(reason).contains(&Resolution::Partial),
                "{reason:?}"
            );
            assert!(
                resolutions_for(reason).contains(&Resolution::Refund),
                "{reason:?}"
            );
        }
        assert_eq!(resolutions_for(NotEuro), &[Resolution::Refund]);
        assert_eq!(resolutions_for(Debit), &[Resolution::Dismissed]);
        assert_eq!(resolutions_for(Reversal), &[Resolution::Dismissed]);
    }

    #[test]
    fn amounts_are_read_as_iso_20022_writes_them() {
        assert_eq!(xml_amount("1234.56"), Some(Money::from_cents(123_456)));
        assert_eq!(xml_amount("12.5"), Some(Money::from_cents(1250)));
        assert_eq!(xml_amount("7"), Some(Money::from_cents(700)));
        assert_eq!(xml_amount(" 0.01 "), Some(Money::from_cents(1)));
        for bad in [
            "", "-1.00", "1,00", "1.234,56", "1.", ".5", "1.001", "1e3", "12 34",
        ] {
            assert_eq!(xml_amount(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn every_amount_in_cents_reads_back(cents in 0i64..1_000_000_000_000) {
            let text = format!("{}.{:02}", cents / 100, cents % 100);
            prop_assert_eq!(xml_amount(&text), Some(Money::from_cents(cents)));
        }
    }
}
