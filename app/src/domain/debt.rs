//! Debts owed to the municipality as its financial systems list them: their kinds and
//! states, and the late-payment interest that holds on a given day, from dated rates.

use crate::domain::time::{
    add_months, civil_from_days, days_from_civil, started_months_after, Date,
};
use crate::domain::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

text_enum! {
    /// How the municipality holds a debt (facts.md, "Debts as municipal systems list them").
    pub enum DebtKind {
        /// Certified (βεβαιωμένη): owed since its due date, bears late-payment interest.
        Certified = "certified",
        /// In a settlement or instalment plan (σε ρύθμιση): the plan sets what is due.
        InSettlement = "settlement",
        /// Not yet certified (αβεβαίωτη).
        Uncertified = "uncertified",
        /// An assessment note (βεβαιωτικό σημείωμα).
        AssessmentNote = "assessment_note",
        /// A fee issued on request (παράβολο), for a certificate or a permit.
        Fee = "fee",
    }
}

impl DebtKind {
    /// Whether late-payment interest runs on it: only on certified debts (art. 6
    /// ν.4336/2015 — the tax procedure code's interest); a plan sets its own amounts.
    pub fn bears_interest(self) -> bool {
        self == DebtKind::Certified
    }
}

text_enum! {
    /// Where a debt stands.
    pub enum DebtState {
        Open = "open",
        PartlyPaid = "partly_paid",
        Paid = "paid",
        InSettlement = "in_settlement",
        Cancelled = "cancelled",
    }
}

impl DebtState {
    /// Whether the debtor can pay it online now.
    pub fn is_payable(self) -> bool {
        matches!(self, DebtState::Open | DebtState::PartlyPaid)
    }

    /// Whether it is done with: paid or cancelled (shown apart, with its receipt or reason).
    pub fn is_closed(self) -> bool {
        matches!(self, DebtState::Paid | DebtState::Cancelled)
    }
}

/// A late-payment interest rate per month, in force from a day on (configurable: 0.73 % a
/// month since 21.3.2015, facts.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestRate {
    pub valid_from: Date,
    pub percent_per_month: Decimal,
}

/// What a debt owes on a day: principal, started months late, interest and total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountDue {
    pub principal: Money,
    pub months: u32,
    pub interest: Money,
    pub total: Money,
}

/// The day after `date`.
fn next_day(date: Date) -> Date {
    civil_from_days(days_from_civil(date) + 1)
}

/// The rate in force on `day`: the newest version from that day or before (none: 0).
fn rate_on(rates: &[InterestRate], day: Date) -> Decimal {
    rates
        .iter()
        .filter(|r| r.valid_from <= day)
        .max_by_key(|r| r.valid_from)
        .map(|r| r.percent_per_month)
        .unwrap_or(Decimal::ZERO)
}

/// The rates of the `months` months started after `due` (by `on`), each the rate in force
/// on its first day, summed. With no new rate since the first month began (nearly always),
/// that is `months` times one rate; otherwise month by month.
fn summed_rates(due: Date, months: u32, on: Date, rates: &[InterestRate]) -> Decimal {
    if months == 0 {
        return Decimal::ZERO;
    }
    let first_day = next_day(due);
    if rates
        .iter()
        .all(|r| r.valid_from <= first_day || r.valid_from > on)
    {
        return rate_on(rates, first_day) * Decimal::from(months);
    }
    (0..months)
        .map(|k| rate_on(rates, next_day(add_months(due, k))))
        .sum()
}

/// What a debt of `kind` with `principal`, due on `due`, owes on `on`: for every month
/// started after the due date (the rule in `started_months_after`), the rate in force on
/// the first day of that month, on the principal (not compounded); summed, then rounded
/// half-up to the cent once. Debts that bear no interest owe their principal.
pub fn amount_due(
    kind: DebtKind,
    principal: Money,
    due: Date,
    on: Date,
    rates: &[InterestRate],
) -> AmountDue {
    let months = if kind.bears_interest() {
        started_months_after(due, on)
    } else {
        0
    };
    let percent = summed_rates(due, months, on, rates);
    let interest = principal.percent(percent).unwrap_or(Money::ZERO);
    AmountDue {
        principal,
        months,
        interest,
        total: principal.checked_add(interest).unwrap_or(principal),
    }
}

/// How a part payment divides between a debt's principal and its interest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartPayment {
    pub principal: Money,
    pub interest: Money,
}

/// Divides `paid`, less than what the debt owes (`due`), between principal and interest in
/// proportion to them that day (rounded half-up to the cent on the principal), so the
/// principal left goes on bearing interest from the due date as if the paid share had
/// never been owed. `None` when `paid` is not more than zero and less than the total (then
/// it is no part payment). At least a cent of principal is always left.
pub fn split_part_payment(paid: Money, due: &AmountDue) -> Option<PartPayment> {
    if paid.cents() <= 0 || paid >= due.total || due.principal.cents() <= 0 {
        return None;
    }
    let share = paid.as_decimal() * due.principal.as_decimal() / due.total.as_decimal();
    let principal_cents = Money::round_from(share)
        .cents()
        .clamp(0, due.principal.cents() - 1)
        .min(paid.cents());
    let principal = Money::from_cents(principal_cents);
    Some(PartPayment {
        principal,
        interest: Money::from_cents(paid.cents() - principal_cents),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn date(y: i64, m: u32, d: u32) -> Date {
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    fn euros(text: &str) -> Money {
        Money::round_from(Decimal::from_str(text).unwrap())
    }

    fn rate(y: i64, m: u32, d: u32, percent: &str) -> InterestRate {
        InterestRate {
            valid_from: date(y, m, d),
            percent_per_month: Decimal::from_str(percent).unwrap(),
        }
    }

    fn standard() -> Vec<InterestRate> {
        vec![rate(2015, 3, 21, "0.73")]
    }

    #[test]
    fn nothing_until_the_due_date_then_a_month_from_the_next_day() {
        let due = date(2026, 1, 31);
        let owed = |on| amount_due(DebtKind::Certified, euros("100"), due, on, &standard());
        assert_eq!(owed(date(2026, 1, 31)).months, 0);
        assert_eq!(owed(date(2026, 1, 31)).total, euros("100"));
        // The day after: one month started.
        assert_eq!(owed(date(2026, 2, 1)).months, 1);
        assert_eq!(owed(date(2026, 2, 1)).interest, euros("0.73"));
        // 31 January + one month is the end of February: still the first month there…
        assert_eq!(owed(date(2026, 2, 28)).months, 1);
        // …and the second from 1 March.
        assert_eq!(owed(date(2026, 3, 1)).months, 2);
        assert_eq!(owed(date(2026, 3, 1)).interest, euros("1.46"));
        // A year and a day late: thirteen months started.
        let late = owed(date(2027, 2, 1));
        assert_eq!((late.months, late.interest), (13, euros("9.49")));
        assert_eq!(late.total, euros("109.49"));
    }

    #[test]
    fn month_boundaries_mid_month_and_in_a_leap_year() {
        let due = date(2024, 1, 15);
        let owed = |on| amount_due(DebtKind::Certified, euros("1000"), due, on, &standard());
        assert_eq!(owed(date(2024, 2, 15)).months, 1);
        assert_eq!(owed(date(2024, 2, 16)).months, 2);
        // 29 February 2024 exists; a debt due then counts its months from the month ends.
        let leap = date(2024, 2, 29);
        let owed_leap = |on| amount_due(DebtKind::Certified, euros("1000"), leap, on, &standard());
        assert_eq!(owed_leap(date(2024, 3, 31)).months, 1);
        assert_eq!(owed_leap(date(2024, 4, 1)).months, 2);
        assert_eq!(owed_leap(date(2025, 2, 28)).months, 12);
        assert_eq!(owed_leap(date(2025, 3, 1)).months, 13);
    }

    #[test]
    fn each_month_bears_the_rate_in_force_when_it_starts() {
        // 1 % a month until the end of March, 0.5 % from 1 April.
        let rates = vec![rate(2020, 1, 1, "1"), rate(2026, 4, 1, "0.5")];
        let due = date(2026, 1, 31);
        // Months starting 1 Feb, 1 Mar (1 % each), 1 Apr, 1 May (0.5 % each): 3 %.
        let owed = amount_due(
            DebtKind::Certified,
            euros("200"),
            due,
            date(2026, 5, 20),
            &rates,
        );
        assert_eq!(owed.months, 4);
        assert_eq!(owed.interest, euros("6.00"));
        // Before any rate was in force: nothing.
        let early = amount_due(
            DebtKind::Certified,
            euros("200"),
            date(2019, 1, 1),
            date(2019, 3, 1),
            &rates,
        );
        assert_eq!((early.months, early.interest), (2, Money::ZERO));
    }

    #[test]
    fn rounded_once_half_up_after_summing() {
        // 3 months × 0.73 % of 0.70 € = 0.01533 → 0.02; rounding each month would give 0.03.
        let owed = amount_due(
            DebtKind::Certified,
            euros("0.70"),
            date(2026, 1, 10),
            date(2026, 4, 5),
            &standard(),
        );
        assert_eq!(owed.months, 3);
        assert_eq!(owed.interest, euros("0.02"));
    }

    #[test]
    fn only_certified_debts_bear_interest() {
        for kind in DebtKind::ALL {
            let owed = amount_due(
                *kind,
                euros("50"),
                date(2025, 1, 1),
                date(2026, 1, 1),
                &standard(),
            );
            assert_eq!(
                owed.interest == Money::ZERO,
                *kind != DebtKind::Certified,
                "{kind}"
            );
        }
        assert!(DebtState::Open.is_payable() && DebtState::PartlyPaid.is_payable());
        assert!(!DebtState::Paid.is_payable() && !DebtState::Cancelled.is_payable());
        assert!(!DebtState::InSettlement.is_payable());
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (2016i64..2040, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| date(y, m, d))
    }

    proptest! {
        #[test]
        fn the_total_adds_up_and_never_falls_as_days_pass(
            cents in 1i64..100_000_000,
            due in any_date(),
            after in 0i64..4000,
            step in 1i64..400,
        ) {
            let principal = Money::from_cents(cents);
            let on = civil_from_days(days_from_civil(due) + after);
            let later = civil_from_days(days_from_civil(on) + step);
            let now = amount_due(DebtKind::Certified, principal, due, on, &standard());
            let then = amount_due(DebtKind::Certified, principal, due, later, &standard());
            prop_assert_eq!(now.principal.checked_add(now.interest), Some(now.total));
            prop_assert!(then.total >= now.total);
            prop_assert!(then.months >= now.months);
        }

        #[test]
        fn one_rate_is_the_rate_times_the_months(
            cents in 1i64..100_000_000,
            due in any_date(),
            after in 0i64..4000,
        ) {
            let principal = Money::from_cents(cents);
            let on = civil_from_days(days_from_civil(due) + after);
            let owed = amount_due(DebtKind::Certified, principal, due, on, &standard());
            let exact = principal.as_decimal() * Decimal::from_str("0.0073").unwrap()
                * Decimal::from(owed.months);
            // Within half a cent of the exact product: rounded once.
            prop_assert!((owed.interest.as_decimal() - exact).abs() <= Decimal::from_str("0.005").unwrap());
        }

        #[test]
        fn the_shortcut_for_one_rate_agrees_with_month_by_month(
            due in any_date(),
            after in 0i64..4000,
            changes in proptest::collection::vec((-2000i64..4000, 1u32..200), 0..4),
        ) {
            let on = civil_from_days(days_from_civil(due) + after);
            let mut rates = standard();
            for (offset, hundredths) in changes {
                rates.push(InterestRate {
                    valid_from: civil_from_days(days_from_civil(due) + offset),
                    percent_per_month: Decimal::new(i64::from(hundredths), 2),
                });
            }
            let months = started_months_after(due, on);
            let month_by_month: Decimal = (0..months)
                .map(|k| rate_on(&rates, next_day(add_months(due, k))))
                .sum();
            prop_assert_eq!(summed_rates(due, months, on, &rates), month_by_month);
        }
    }

    #[test]
    fn a_part_payment_divides_in_proportion_and_leaves_principal() {
        let due = amount_due(
            DebtKind::Certified,
            euros("100"),
            date(2026, 1, 31),
            date(2027, 2, 1),
            &standard(),
        );
        assert_eq!(due.total, euros("109.49"));
        let part = split_part_payment(euros("50"), &due).unwrap();
        // 50 × 100 / 109.49 = 45.666… → 45.67 of principal, the rest interest.
        assert_eq!(part.principal, euros("45.67"));
        assert_eq!(part.interest, euros("4.33"));
        assert!(split_part_payment(euros("109.49"), &due).is_none());
        assert!(split_part_payment(Money::ZERO, &due).is_none());
        // A debt without interest: the part payment is all principal.
        let fee = amount_due(
            DebtKind::Fee,
            euros("30"),
            date(2026, 1, 1),
            date(2027, 1, 1),
            &[],
        );
        let part = split_part_payment(euros("10"), &fee).unwrap();
        assert_eq!((part.principal, part.interest), (euros("10"), Money::ZERO));
    }

    proptest! {
        #[test]
        fn a_part_payment_adds_up_and_leaves_something_owed(
            principal in 1i64..10_000_000,
            paid_per_mille in 1i64..1000,
            late_days in 0i64..4000,
        ) {
            let due_date = date(2020, 1, 15);
            let on = civil_from_days(days_from_civil(due_date) + late_days);
            let due = amount_due(DebtKind::Certified, Money::from_cents(principal), due_date, on, &standard());
            let paid = Money::from_cents((due.total.cents() * paid_per_mille / 1000).max(1));
            if let Some(part) = split_part_payment(paid, &due) {
                prop_assert_eq!(part.principal.cents() + part.interest.cents(), paid.cents());
                prop_assert!(part.principal.cents() < principal);
                prop_assert!(part.interest.cents() >= 0);
                prop_assert!(part.interest <= due.interest.checked_add(Money::from_cents(1)).unwrap());
            } else {
                prop_assert!(paid >= due.total);
            }
        }
    }
}
