//! Municipal tax of catering businesses: VAT periods and their due dates, the tax and the
//! late fine of a declaration, and the late-payment interest of certified debts. One
//! computation, compiled for the browser (live preview) and the server (the figure paid).

use crate::domain::account::VatPeriodType;
pub use crate::domain::debt::AmountDue as DebtDue;
use crate::domain::debt::{amount_due, DebtKind, InterestRate};
use crate::domain::time::Date;
pub use crate::domain::time::{add_months, last_day_of_month, started_months_after};
use crate::domain::{Lang, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The first year the portal takes declarations for.
pub const FIRST_YEAR: i64 = 2000;

/// One VAT period of a business: a month (1–12) or a quarter (1–4) of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TaxPeriod {
    pub kind: VatPeriodType,
    pub number: u32,
    pub year: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TaxPeriodError {
    #[error("choose the period")]
    Period,
    #[error("enter the year with four digits")]
    Year,
    #[error("the period has not ended yet")]
    NotEnded,
}

impl TaxPeriod {
    /// Parses the period and year as typed; the period must have ended by `today`.
    pub fn parse(
        kind: VatPeriodType,
        number: &str,
        year: &str,
        today: Date,
    ) -> Result<TaxPeriod, TaxPeriodError> {
        let number: u32 = number.trim().parse().map_err(|_| TaxPeriodError::Period)?;
        let year: i64 = year.trim().parse().map_err(|_| TaxPeriodError::Year)?;
        if !(FIRST_YEAR..=today.year).contains(&year) {
            return Err(TaxPeriodError::Year);
        }
        let period = TaxPeriod::new(kind, number, year).ok_or(TaxPeriodError::Period)?;
        if period.last_day() >= today {
            return Err(TaxPeriodError::NotEnded);
        }
        Ok(period)
    }

    /// The period after this one.
    pub fn next(self) -> TaxPeriod {
        if self.number >= self.kind.periods_in_year() {
            TaxPeriod {
                number: 1,
                year: self.year + 1,
                ..self
            }
        } else {
            TaxPeriod {
                number: self.number + 1,
                ..self
            }
        }
    }

    /// The period a date falls in.
    pub fn containing(kind: VatPeriodType, date: Date) -> TaxPeriod {
        let number = match kind {
            VatPeriodType::Monthly => date.month,
            VatPeriodType::Quarterly => date.month.div_ceil(3),
        };
        TaxPeriod {
            kind,
            number,
            year: date.year,
        }
    }

    pub fn new(kind: VatPeriodType, number: u32, year: i64) -> Option<TaxPeriod> {
        (1..=kind.periods_in_year())
            .contains(&number)
            .then_some(TaxPeriod { kind, number, year })
    }

    fn months(self) -> (u32, u32) {
        match self.kind {
            VatPeriodType::Monthly => (self.number, self.number),
            VatPeriodType::Quarterly => (self.number * 3 - 2, self.number * 3),
        }
    }

    pub fn first_day(self) -> Date {
        Date {
            year: self.year,
            month: self.months().0,
            day: 1,
        }
    }

    pub fn last_day(self) -> Date {
        last_day_of_month(self.year, self.months().1)
    }

    /// Due with the VAT return: the last day of the month after the period ends.
    pub fn due_date(self) -> Date {
        add_months(self.last_day(), 1)
    }

    /// `03/2026` for a month; `Q2 2026` / `2ο τρίμηνο 2026` for a quarter.
    pub fn label(self, lang: Lang) -> String {
        match (self.kind, lang) {
            (VatPeriodType::Monthly, _) => format!("{:02}/{}", self.number, self.year),
            (VatPeriodType::Quarterly, Lang::El) => {
                format!("{}ο τρίμηνο {}", self.number, self.year)
            }
            (VatPeriodType::Quarterly, Lang::En) => format!("Q{} {}", self.number, self.year),
        }
    }
}

impl VatPeriodType {
    pub fn periods_in_year(self) -> u32 {
        match self {
            VatPeriodType::Monthly => 12,
            VatPeriodType::Quarterly => 4,
        }
    }
}

/// The rates in force for a business category on a date (configurable, versioned).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRules {
    /// Of gross revenue, in percent: 0.5 for catering, 5 for night clubs.
    pub rate_percent: Decimal,
    /// Late fine, in percent of the tax per started month after the due date.
    pub fine_percent_per_month: Decimal,
    /// The late fine never exceeds this percent of the tax.
    pub fine_cap_percent: Decimal,
}

impl TaxRules {
    pub fn default_for(rate_percent: Decimal) -> TaxRules {
        TaxRules {
            rate_percent,
            fine_percent_per_month: Decimal::new(2, 0),
            fine_cap_percent: Decimal::new(100, 0),
        }
    }
}

/// How a declaration's amount is made up; shown in the preview and stored as declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxComputation {
    pub revenue: Money,
    pub rate_percent: Decimal,
    /// The tax on the whole revenue.
    pub tax: Money,
    /// Tax already assessed for the period by an accepted declaration (amendments only).
    pub already_assessed: Money,
    /// The tax this declaration adds: `tax - already_assessed`.
    pub tax_due: Money,
    pub due_date: Date,
    pub late_months: u32,
    pub fine_percent: Decimal,
    pub fine: Money,
    /// What is paid now: `tax_due + fine`.
    pub total: Money,
}

/// The tax of a declaration made on `declared_on`: `rate × revenue` to the cent, less what
/// an accepted declaration of the period already assessed, and the late fine on that: per
/// started month after the due date, capped. Amounts are rounded half-up once each, the
/// fine from the rounded tax it is a percentage of.
pub fn compute_tax(
    revenue: Money,
    already_assessed: Money,
    rules: &TaxRules,
    period: TaxPeriod,
    declared_on: Date,
) -> TaxComputation {
    let tax = revenue.percent(rules.rate_percent).unwrap_or(Money::ZERO);
    let tax_due = tax
        .checked_sub(already_assessed)
        .filter(|m| !m.is_negative())
        .unwrap_or(Money::ZERO);
    let due_date = period.due_date();
    let late_months = started_months_after(due_date, declared_on);
    let fine_percent = (rules.fine_percent_per_month * Decimal::from(late_months))
        .min(rules.fine_cap_percent)
        .max(Decimal::ZERO);
    let fine = tax_due.percent(fine_percent).unwrap_or(Money::ZERO);
    let total = tax_due.checked_add(fine).unwrap_or(tax_due);
    TaxComputation {
        revenue,
        rate_percent: rules.rate_percent,
        tax,
        already_assessed,
        tax_due,
        due_date,
        late_months,
        fine_percent,
        fine,
        total,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum VatFiledError {
    #[error("enter the date as day, month and year")]
    Format,
    #[error("a VAT return is filed after its period ends")]
    BeforePeriodEnd,
    #[error("the date is in the future")]
    InFuture,
}

/// The day the VAT return was filed: after the period's end and not after today.
pub fn check_vat_filed_on(
    filed_on: Option<Date>,
    period: Option<TaxPeriod>,
    today: Date,
) -> Result<Date, VatFiledError> {
    let filed_on = filed_on.ok_or(VatFiledError::Format)?;
    if filed_on > today {
        return Err(VatFiledError::InFuture);
    }
    if period.is_some_and(|p| filed_on <= p.last_day()) {
        return Err(VatFiledError::BeforePeriodEnd);
    }
    Ok(filed_on)
}

/// What a certified tax debt owes on a day at one rate of `percent_per_month` per started
/// month after its due date: the register's rule ([`amount_due`]) with that one rate.
pub fn debt_due(principal: Money, percent_per_month: Decimal, due: Date, on: Date) -> DebtDue {
    let rate = InterestRate {
        valid_from: Date {
            year: 1,
            month: 1,
            day: 1,
        },
        percent_per_month,
    };
    amount_due(DebtKind::Certified, principal, due, on, &[rate])
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PercentError {
    #[error("enter a percentage like 0,5 or 0.5")]
    Malformed,
    #[error("a percentage is between 0 and 100")]
    OutOfRange,
}

/// A percentage typed by staff (`0,5`, `0.5`, `5 %`): 0 to 100, at most four decimals.
pub fn parse_percent(input: &str) -> Result<Decimal, PercentError> {
    let text: String = input.trim().trim_end_matches('%').trim().replace(',', ".");
    if text.is_empty()
        || !text.chars().all(|c| c.is_ascii_digit() || c == '.')
        || text.matches('.').count() > 1
        || text.split('.').nth(1).is_some_and(|f| f.len() > 4)
    {
        return Err(PercentError::Malformed);
    }
    let value: Decimal = text.parse().map_err(|_| PercentError::Malformed)?;
    if value > Decimal::ONE_HUNDRED {
        return Err(PercentError::OutOfRange);
    }
    Ok(value.normalize())
}

/// A percentage for people: `0,5 %` (el), `0.5%` (en).
pub fn format_percent(value: Decimal, lang: Lang) -> String {
    let text = value.normalize().to_string();
    match lang {
        Lang::El => format!("{} %", text.replace('.', ",")),
        Lang::En => format!("{text}%"),
    }
}

text_enum! {
    /// A declaration lives only with its payment: saved awaiting payment, then accepted when
    /// the payment succeeds or rejected when it fails.
    pub enum DeclarationState {
        AwaitingPayment = "awaiting_payment",
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

text_enum! {
    /// A payment the municipality owes a supplier: warranted, then paid.
    pub enum WarrantState {
        Warranted = "warranted",
        Paid = "paid",
    }
}

/// The periods that have ended since `from` (the business's first period, at most two years
/// back) and still have no accepted declaration, oldest first.
pub fn periods_to_declare(
    kind: VatPeriodType,
    from: Date,
    today: Date,
    declared: &[TaxPeriod],
) -> Vec<TaxPeriod> {
    let earliest = Date {
        year: today.year - 2,
        month: 1,
        day: 1,
    };
    let mut period = TaxPeriod::containing(kind, from.max(earliest));
    let mut open = Vec::new();
    while period.last_day() < today {
        if !declared.contains(&period) {
            open.push(period);
        }
        period = period.next();
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{civil_from_days, days_from_civil};

    #[test]
    fn periods_still_to_declare() {
        let day = |year, month, day| Date { year, month, day };
        let month = |number, year| TaxPeriod::new(VatPeriodType::Monthly, number, year).unwrap();
        let quarter =
            |number, year| TaxPeriod::new(VatPeriodType::Quarterly, number, year).unwrap();
        // Registered in September, today 1 December: September and October have ended,
        // November ended yesterday; September is declared.
        let open = periods_to_declare(
            VatPeriodType::Monthly,
            day(2026, 9, 14),
            day(2026, 12, 1),
            &[month(9, 2026)],
        );
        assert_eq!(open, vec![month(10, 2026), month(11, 2026)]);
        // Quarterly: Q3 ended, Q4 has not.
        let open = periods_to_declare(
            VatPeriodType::Quarterly,
            day(2026, 7, 1),
            day(2026, 12, 1),
            &[],
        );
        assert_eq!(open, vec![quarter(3, 2026)]);
        // On the last day of a period it has not ended yet.
        let open = periods_to_declare(
            VatPeriodType::Monthly,
            day(2026, 11, 1),
            day(2026, 11, 30),
            &[],
        );
        assert!(open.is_empty());
        // An old business: at most two years back, across the year's turn.
        let open = periods_to_declare(
            VatPeriodType::Quarterly,
            day(2001, 1, 1),
            day(2026, 2, 1),
            &[],
        );
        assert_eq!(open.first(), Some(&quarter(1, 2024)));
        assert_eq!(open.last(), Some(&quarter(4, 2025)));
        assert_eq!(open.len(), 8);
    }
    use proptest::prelude::*;
    use VatPeriodType::*;

    fn d(year: i64, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    fn euros(text: &str) -> Money {
        Money::parse(text).expect("test amount")
    }

    fn catering() -> TaxRules {
        TaxRules::default_for(Decimal::new(5, 1))
    }

    #[test]
    fn periods_and_due_dates() {
        let march = TaxPeriod::new(Monthly, 3, 2026).expect("march");
        assert_eq!(
            (march.first_day(), march.last_day()),
            (d(2026, 3, 1), d(2026, 3, 31))
        );
        assert_eq!(march.due_date(), d(2026, 4, 30));
        let january = TaxPeriod::new(Monthly, 1, 2024).expect("january");
        assert_eq!(january.due_date(), d(2024, 2, 29), "leap year");
        let december = TaxPeriod::new(Monthly, 12, 2025).expect("december");
        assert_eq!(december.due_date(), d(2026, 1, 31), "into the next year");
        let q2 = TaxPeriod::new(Quarterly, 2, 2026).expect("q2");
        assert_eq!(
            (q2.first_day(), q2.last_day()),
            (d(2026, 4, 1), d(2026, 6, 30))
        );
        assert_eq!(q2.due_date(), d(2026, 7, 31));
        let q4 = TaxPeriod::new(Quarterly, 4, 2025).expect("q4");
        assert_eq!(q4.due_date(), d(2026, 1, 31));
        assert_eq!(TaxPeriod::new(Quarterly, 5, 2026), None);
        assert_eq!(TaxPeriod::new(Monthly, 0, 2026), None);
        assert_eq!(TaxPeriod::new(Monthly, 13, 2026), None);
        assert_eq!(q2.label(Lang::En), "Q2 2026");
        assert_eq!(q2.label(Lang::El), "2ο τρίμηνο 2026");
        assert_eq!(march.label(Lang::El), "03/2026");
    }

    #[test]
    fn periods_are_parsed_and_must_have_ended() {
        let today = d(2026, 11, 22);
        assert_eq!(
            TaxPeriod::parse(Monthly, "10", "2026", today),
            Ok(TaxPeriod {
                kind: Monthly,
                number: 10,
                year: 2026
            })
        );
        assert_eq!(
            TaxPeriod::parse(Monthly, "11", "2026", today),
            Err(TaxPeriodError::NotEnded)
        );
        assert_eq!(
            TaxPeriod::parse(Quarterly, "4", "2026", today),
            Err(TaxPeriodError::NotEnded)
        );
        assert_eq!(
            TaxPeriod::parse(Quarterly, "3", " 2026 ", today).map(|p| p.number),
            Ok(3)
        );
        assert_eq!(
            TaxPeriod::parse(Quarterly, "5", "2026", today),
            Err(TaxPeriodError::Period)
        );
        assert_eq!(
            TaxPeriod::parse(Monthly, "", "2026", today),
            Err(TaxPeriodError::Period)
        );
        assert_eq!(
            TaxPeriod::parse(Monthly, "1", "26", today),
            Err(TaxPeriodError::Year)
        );
        assert_eq!(
            TaxPeriod::parse(Monthly, "1", "2027", today),
            Err(TaxPeriodError::Year)
        );
        // The last day of the period is still inside it.
        assert_eq!(
            TaxPeriod::parse(Monthly, "10", "2026", d(2026, 10, 31)),
            Err(TaxPeriodError::NotEnded)
        );
    }

    #[test]
    fn months_are_added_keeping_month_ends() {
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2026, 1, 31), 2), d(2026, 3, 31));
        assert_eq!(add_months(d(2026, 4, 30), 1), d(2026, 5, 31));
        assert_eq!(add_months(d(2026, 1, 15), 1), d(2026, 2, 15));
        assert_eq!(add_months(d(2026, 1, 30), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2026, 11, 15), 3), d(2027, 2, 15));
        assert_eq!(add_months(d(2026, 5, 5), 0), d(2026, 5, 5));
    }

    #[test]
    fn started_months_around_the_due_date() {
        let due = d(2026, 4, 30);
        assert_eq!(started_months_after(due, d(2026, 4, 1)), 0);
        assert_eq!(
            started_months_after(due, d(2026, 4, 30)),
            0,
            "on the due day"
        );
        assert_eq!(started_months_after(due, d(2026, 5, 1)), 1, "the next day");
        assert_eq!(started_months_after(due, d(2026, 5, 31)), 1);
        assert_eq!(started_months_after(due, d(2026, 6, 1)), 2);
        assert_eq!(started_months_after(due, d(2027, 4, 30)), 12);
        assert_eq!(started_months_after(due, d(2027, 5, 1)), 13);
        let mid = d(2026, 3, 15);
        assert_eq!(started_months_after(mid, d(2026, 4, 15)), 1);
        assert_eq!(started_months_after(mid, d(2026, 4, 16)), 2);
    }

    #[test]
    fn tax_and_fine_for_each_period_type_around_the_due_date() {
        let revenue = euros("12.345,67");
        for period in [
            TaxPeriod::new(Monthly, 3, 2026).expect("month"),
            TaxPeriod::new(Quarterly, 1, 2026).expect("quarter"),
        ] {
            let due = period.due_date();
            let on_time = compute_tax(revenue, Money::ZERO, &catering(), period, due);
            // 0.5 % of 12,345.67 = 61.72835 → 61.73.
            assert_eq!(on_time.tax, euros("61.73"), "{period:?}");
            assert_eq!(
                (on_time.late_months, on_time.fine, on_time.total),
                (0, Money::ZERO, euros("61.73"))
            );
            let next_day = civil_from_days(days_from_civil(due) + 1);
            let late = compute_tax(revenue, Money::ZERO, &catering(), period, next_day);
            // 2 % of 61.73 = 1.2346 → 1.23.
            assert_eq!(
                (late.late_months, late.fine, late.total),
                (1, euros("1.23"), euros("62.96"))
            );
            let a_month_on = add_months(due, 1);
            assert_eq!(
                compute_tax(revenue, Money::ZERO, &catering(), period, a_month_on).late_months,
                1
            );
            let then_one_more = civil_from_days(days_from_civil(a_month_on) + 1);
            let two = compute_tax(revenue, Money::ZERO, &catering(), period, then_one_more);
            assert_eq!(
                (two.late_months, two.fine_percent, two.fine),
                (2, Decimal::new(4, 0), euros("2.47"))
            );
        }
    }

    #[test]
    fn the_fine_is_capped_at_the_tax() {
        let period = TaxPeriod::new(Monthly, 1, 2020).expect("period");
        let years_later = d(2026, 11, 22);
        let c = compute_tax(euros("1000"), Money::ZERO, &catering(), period, years_later);
        assert!(c.late_months > 50);
        assert_eq!(
            (c.tax, c.fine_percent, c.fine, c.total),
            (euros("5"), Decimal::ONE_HUNDRED, euros("5"), euros("10"))
        );
        let night_club = TaxRules::default_for(Decimal::new(5, 0));
        let n = compute_tax(
            euros("1000"),
            Money::ZERO,
            &night_club,
            period,
            period.due_date(),
        );
        assert_eq!(n.tax, euros("50"));
    }

    #[test]
    fn rounding_is_half_up_to_the_cent() {
        let period = TaxPeriod::new(Monthly, 3, 2026).expect("period");
        // 0.5 % of 1.01 = 0.00505 → 0.01; of 0.99 = 0.00495 → 0.00.
        assert_eq!(
            compute_tax(
                euros("1.01"),
                Money::ZERO,
                &catering(),
                period,
                period.due_date()
            )
            .tax,
            euros("0.01")
        );
        assert_eq!(
            compute_tax(
                euros("0.99"),
                Money::ZERO,
                &catering(),
                period,
                period.due_date()
            )
            .tax,
            euros("0.00")
        );
        // 0.5 % of 2,500.00 = 12.50 exactly; 2 % of 12.50 = 0.25.
        let late = compute_tax(
            euros("2500"),
            Money::ZERO,
            &catering(),
            period,
            d(2026, 5, 2),
        );
        assert_eq!((late.tax, late.fine), (euros("12.50"), euros("0.25")));
        // 2 % of 0.25 = 0.005 → 0.01 (half-up).
        let tiny = compute_tax(euros("50"), Money::ZERO, &catering(), period, d(2026, 5, 2));
        assert_eq!((tiny.tax, tiny.fine), (euros("0.25"), euros("0.01")));
    }

    #[test]
    fn an_amendment_pays_only_the_difference() {
        let period = TaxPeriod::new(Monthly, 3, 2026).expect("period");
        let first = compute_tax(
            euros("10000"),
            Money::ZERO,
            &catering(),
            period,
            d(2026, 4, 20),
        );
        assert_eq!(first.total, euros("50"));
        let amended = compute_tax(
            euros("14000"),
            first.tax,
            &catering(),
            period,
            d(2026, 6, 10),
        );
        assert_eq!((amended.tax, amended.tax_due), (euros("70"), euros("20")));
        // Two started months late on the difference: 4 % of 20 = 0.80.
        assert_eq!(
            (amended.late_months, amended.fine, amended.total),
            (2, euros("0.80"), euros("20.80"))
        );
        let lower = compute_tax(
            euros("5000"),
            first.tax,
            &catering(),
            period,
            d(2026, 4, 20),
        );
        assert_eq!((lower.tax_due, lower.total), (Money::ZERO, Money::ZERO));
    }

    #[test]
    fn vat_filing_dates() {
        let period = TaxPeriod::new(Monthly, 3, 2026);
        let today = d(2026, 11, 22);
        assert_eq!(
            check_vat_filed_on(Some(d(2026, 4, 10)), period, today),
            Ok(d(2026, 4, 10))
        );
        assert_eq!(
            check_vat_filed_on(Some(d(2026, 3, 31)), period, today),
            Err(VatFiledError::BeforePeriodEnd)
        );
        assert_eq!(
            check_vat_filed_on(Some(d(2026, 11, 23)), period, today),
            Err(VatFiledError::InFuture)
        );
        assert_eq!(
            check_vat_filed_on(None, period, today),
            Err(VatFiledError::Format)
        );
    }

    #[test]
    fn debt_interest_by_started_month() {
        let due = d(2026, 1, 31);
        let on_time = debt_due(euros("1000"), Decimal::new(73, 2), due, due);
        assert_eq!(
            (on_time.months, on_time.interest, on_time.total),
            (0, Money::ZERO, euros("1000"))
        );
        let later = debt_due(euros("1000"), Decimal::new(73, 2), due, d(2026, 3, 1));
        // Two started months: 1.46 % of 1,000 = 14.60.
        assert_eq!(
            (later.months, later.interest, later.total),
            (2, euros("14.60"), euros("1014.60"))
        );
        let odd = debt_due(euros("123.45"), Decimal::new(73, 2), due, d(2026, 2, 1));
        // 0.73 % of 123.45 = 0.901185 → 0.90.
        assert_eq!(odd.interest, euros("0.90"));
    }

    #[test]
    fn percentages_are_parsed() {
        assert_eq!(parse_percent("0,5"), Ok(Decimal::new(5, 1)));
        assert_eq!(parse_percent(" 5 % "), Ok(Decimal::new(5, 0)));
        assert_eq!(parse_percent("0.73"), Ok(Decimal::new(73, 2)));
        assert_eq!(parse_percent("100"), Ok(Decimal::ONE_HUNDRED));
        assert_eq!(parse_percent("100.5"), Err(PercentError::OutOfRange));
        for bad in ["", "-1", "abc", "1.2.3", "0.12345"] {
            assert_eq!(parse_percent(bad), Err(PercentError::Malformed), "{bad}");
        }
        assert_eq!(format_percent(Decimal::new(50, 2), Lang::El), "0,5 %");
        assert_eq!(format_percent(Decimal::new(73, 2), Lang::En), "0.73%");
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (2000i64..2040, 1u32..=12, 1u32..=31).prop_map(|(y, m, day)| {
            let end = last_day_of_month(y, m);
            Date {
                year: y,
                month: m,
                day: day.min(end.day),
            }
        })
    }

    proptest! {
        #[test]
        fn started_months_is_the_least_count_that_covers(due in any_date(), later in 0i64..3000) {
            let on = civil_from_days(days_from_civil(due) + later);
            let months = started_months_after(due, on);
            if later == 0 {
                prop_assert_eq!(months, 0);
            } else {
                prop_assert!(months >= 1);
                prop_assert!(add_months(due, months) >= on);
                prop_assert!(add_months(due, months - 1) < on);
            }
        }

        #[test]
        fn tax_totals_add_up_and_the_fine_is_capped(
            cents in 0i64..10_000_000_000,
            rate_bp in 0i64..1000,
            number in 1u32..=12,
            quarterly in any::<bool>(),
            delay in -40i64..4000,
        ) {
            let kind = if quarterly { Quarterly } else { Monthly };
            let number = if quarterly { (number - 1) % 4 + 1 } else { number };
            let period = TaxPeriod::new(kind, number, 2025).expect("period");
            let on = civil_from_days(days_from_civil(period.due_date()) + delay);
            let rules = TaxRules::default_for(Decimal::new(rate_bp, 2));
            let c = compute_tax(Money::from_cents(cents), Money::ZERO, &rules, period, on);
            prop_assert_eq!(c.tax_due.checked_add(c.fine), Some(c.total));
            prop_assert!(c.fine <= c.tax, "fine {} over tax {}", c.fine, c.tax);
            prop_assert!(!c.fine.is_negative());
            // The tax is the exact product rounded half-up: never more than half a cent off.
            let exact = Decimal::new(cents, 2) * Decimal::new(rate_bp, 2) / Decimal::ONE_HUNDRED;
            prop_assert!((c.tax.as_decimal() - exact).abs() <= Decimal::new(5, 3));
            prop_assert_eq!(c.late_months == 0, delay <= 0);
        }
    }
}
