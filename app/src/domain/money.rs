//! Exact money in euros: two decimals, checked arithmetic, Greek and English formatting.

use super::Lang;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in euros, always held to the cent. Never built from a float.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct Money(Decimal);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum MoneyError {
    #[error("enter an amount")]
    Empty,
    #[error("an amount has only digits and one decimal separator, like 12.345,67 or 12345.67")]
    Malformed,
    #[error("an amount has at most two decimals (cents)")]
    TooManyDecimals,
    #[error("the amount cannot be negative")]
    Negative,
    #[error("the amount is too large")]
    TooLarge,
}

/// The largest amount the portal handles: a trillion euros, well inside i64 cents.
const MAX_WHOLE_EUROS: i64 = 1_000_000_000_000;

/// Longest amount a form field takes (`maxlength`): the largest amount written with
/// thousands separators and cents, `999.999.999.999,99`, with room for spaces and a `€`.
pub const MAX_INPUT_CHARS: usize = 24;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The amount in cents, the form the database stores.
    pub fn cents(self) -> i64 {
        // The scale is always 2 and the size bounded, so the mantissa is the cent count.
        self.0.mantissa() as i64
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// Rounds an exact result to the cent, half away from zero. `percent` rounds the same way
    /// in whole numbers (a property test holds the two equal); nothing else rounds money.
    pub fn round_from(value: Decimal) -> Money {
        let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(2);
        Money(rounded)
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    // Sums and differences in cents (the scale is always 2): a page of hundreds of debts adds
    // up several amounts a debt.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        Money::bounded_cents(self.cents().checked_add(other.cents())?)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        Money::bounded_cents(self.cents().checked_sub(other.cents())?)
    }

    fn bounded_cents(cents: i64) -> Option<Money> {
        (cents.unsigned_abs() < MAX_WHOLE_EUROS.unsigned_abs() * 100)
            .then(|| Money::from_cents(cents))
    }

    /// `percent` per cent of the amount, rounded to the cent once, half away from zero
    /// (interest, tax, surcharges). Reckoned in whole numbers — cents × the percent's digits
    /// ÷ a power of ten — which is exact and several times cheaper than through `Decimal`;
    /// an operand too large for that goes through `Decimal` as before. `None` when the
    /// product overflows.
    pub fn percent(self, percent: Decimal) -> Option<Money> {
        let exact = || {
            self.0
                .checked_mul(percent / Decimal::ONE_HUNDRED)
                .map(Money::round_from)
        };
        let Some(divisor) = 10i128.checked_pow(percent.scale() + 2) else {
            return exact();
        };
        let Some(product) = i128::from(self.cents()).checked_mul(percent.mantissa()) else {
            return exact();
        };
        let (whole, rest) = (product / divisor, product % divisor);
        // Half away from zero: `rest` has the product's sign and is less than the divisor.
        let rounded = if rest.unsigned_abs() * 2 >= divisor.unsigned_abs() {
            whole + product.signum()
        } else {
            whole
        };
        match i64::try_from(rounded) {
            Ok(cents) => Some(Money::from_cents(cents)),
            Err(_) => exact(),
        }
    }

    /// The exact, unrounded product with a rate (e.g. 0.005 for 0.5 %); round the total once.
    pub fn checked_mul(self, rate: Decimal) -> Option<Decimal> {
        self.0.checked_mul(rate)
    }

    fn bounded(value: Decimal) -> Option<Money> {
        let limit = Decimal::from(MAX_WHOLE_EUROS);
        (value.abs() < limit).then(|| Money::round_from(value))
    }

    /// Parses an amount typed by a person. Accepts Greek (`12.345,67`) and plain (`12345.67`)
    /// forms: when both separators appear the last one is the decimal one; a separator that
    /// appears once is decimal; one that repeats groups thousands.
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        let text: String = input
            .trim()
            .trim_start_matches('€')
            .trim_end_matches('€')
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        if text.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let text = text.strip_prefix('+').unwrap_or(&text);
        if !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(MoneyError::Malformed);
        }
        let (whole, fraction) = split_decimal(text)?;
        if fraction.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let whole = if whole.is_empty() {
            "0".to_owned()
        } else {
            whole
        };
        if whole.len() > 13 {
            return Err(MoneyError::TooLarge);
        }
        let cents_text = format!("{whole}{fraction:0<2}");
        let cents: i64 = cents_text.parse().map_err(|_| MoneyError::Malformed)?;
        if cents >= MAX_WHOLE_EUROS * 100 {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money::from_cents(cents))
    }

    /// `1.234,56 €` in Greek, `€1,234.56` in English (a no-break space keeps `€` with its number).
    pub fn format(self, lang: Lang) -> String {
        let mut out = String::with_capacity(16);
        self.write_to(&mut out, lang);
        out
    }

    /// Appends what `format` returns, without allocating: a table of hundreds of amounts
    /// writes them straight into its HTML (the text needs no escaping: digits, separators, €).
    pub fn write_to(self, out: &mut String, lang: Lang) {
        let cents = self.cents();
        let abs = cents.unsigned_abs();
        let (group, decimal) = match lang {
            Lang::El => ('.', ','),
            Lang::En => (',', '.'),
        };
        if cents < 0 {
            out.push('-');
        }
        if lang == Lang::En {
            out.push('€');
        }
        push_grouped(out, abs / 100, group);
        out.push(decimal);
        let fraction = (abs % 100) as u8;
        out.push(char::from(b'0' + fraction / 10));
        out.push(char::from(b'0' + fraction % 10));
        if lang == Lang::El {
            out.push_str("\u{a0}€");
        }
    }
}

/// Splits digits-with-separators into the whole part (digits only) and the fraction digits.
fn split_decimal(text: &str) -> Result<(String, String), MoneyError> {
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let decimal_at = match (dots, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) if dots + commas > 1 => None,
        (1, 0) => text.rfind('.'),
        (0, 1) => text.rfind(','),
        _ => {
            let last = text.rfind(['.', ',']).ok_or(MoneyError::Malformed)?;
            let sep = text[last..].chars().next().ok_or(MoneyError::Malformed)?;
            if text.matches(sep).count() > 1 {
                return Err(MoneyError::Malformed);
            }
            Some(last)
        }
    };
    let (whole_part, fraction) = match decimal_at {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    if decimal_at.is_some() && fraction.is_empty() {
        return Err(MoneyError::Malformed);
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(MoneyError::Malformed);
    }
    Ok((ungroup(whole_part)?, fraction.to_owned()))
}

/// Removes thousands separators, checking they sit every three digits.
fn ungroup(whole: &str) -> Result<String, MoneyError> {
    let groups: Vec<&str> = whole.split(['.', ',']).collect();
    if groups.len() == 1 {
        return Ok(whole.to_owned());
    }
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok {
        return Err(MoneyError::Malformed);
    }
    Ok(groups.concat())
}

fn push_grouped(out: &mut String, mut value: u64, separator: char) {
    // The digits, last first (u64 has at most 20).
    let mut digits = [0u8; 20];
    let mut count = 0;
    loop {
        digits[count] = b'0' + (value % 10) as u8;
        count += 1;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for at in (0..count).rev() {
        out.push(char::from(digits[at]));
        if at > 0 && at % 3 == 0 {
            out.push(separator);
        }
    }
}

impl TryFrom<Decimal> for Money {
    type Error = MoneyError;
    fn try_from(value: Decimal) -> Result<Self, Self::Error> {
        if value.scale() > 2 && value.normalize().scale() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        Money::bounded(value).ok_or(MoneyError::TooLarge)
    }
}

impl From<Money> for Decimal {
    fn from(value: Money) -> Decimal {
        value.0
    }
}

impl fmt::Display for Money {
    /// The neutral form used in logs and files: `1234.56`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    #[test]
    fn parses_greek_and_plain_forms() {
        let expected = Ok(Money::from_cents(1_234_567));
        assert_eq!(Money::parse("12.345,67"), expected);
        assert_eq!(Money::parse("12345.67"), expected);
        assert_eq!(Money::parse("12345,67"), expected);
        assert_eq!(Money::parse("12,345.67"), expected);
        assert_eq!(Money::parse(" 12.345,67 € "), expected);
        assert_eq!(
            Money::parse("1.234.567"),
            Ok(Money::from_cents(123_456_700))
        );
        assert_eq!(Money::parse("30"), Ok(Money::from_cents(3000)));
        assert_eq!(Money::parse("0,5"), Ok(Money::from_cents(50)));
    }

    #[test]
    fn refuses_what_it_cannot_read_exactly() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("12.345"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("1,2,3"), Err(MoneyError::Malformed));
        assert_eq!(Money::parse("12a"), Err(MoneyError::Malformed));
        assert_eq!(Money::parse("12."), Err(MoneyError::Malformed));
        assert_eq!(Money::parse("1.234,56.7"), Err(MoneyError::Malformed));
        assert_eq!(Money::parse("99999999999999"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn formats_per_locale() {
        let m = Money::from_cents(123_456);
        assert_eq!(m.format(Lang::El), "1.234,56\u{a0}€");
        assert_eq!(m.format(Lang::En), "€1,234.56");
        assert_eq!(Money::from_cents(5).format(Lang::El), "0,05\u{a0}€");
        assert_eq!(
            Money::from_cents(-100_000_000).format(Lang::En),
            "-€1,000,000.00"
        );
    }

    #[test]
    fn groups_at_every_thousand_and_appends_without_clearing() {
        let el = |cents| Money::from_cents(cents).format(Lang::El);
        assert_eq!(el(0), "0,00\u{a0}€");
        assert_eq!(el(99_999), "999,99\u{a0}€");
        assert_eq!(el(100_000), "1.000,00\u{a0}€");
        assert_eq!(el(123_456_789_012), "1.234.567.890,12\u{a0}€");
        assert_eq!(Money::from_cents(-7).format(Lang::El), "-0,07\u{a0}€");
        let mut out = "Σύνολο: ".to_owned();
        Money::from_cents(100_000_000).write_to(&mut out, Lang::En);
        assert_eq!(out, "Σύνολο: €1,000,000.00");
    }

    #[test]
    fn rounds_half_up_once() {
        let tax = Money::from_cents(1_234_567)
            .checked_mul(Decimal::from_str("0.005").unwrap())
            .unwrap();
        assert_eq!(Money::round_from(tax), Money::from_cents(6173)); // 61.72835 → 61.73
        assert_eq!(
            Money::round_from(Decimal::from_str("0.005").unwrap()),
            Money::from_cents(1)
        );
        assert_eq!(
            Money::round_from(Decimal::from_str("0.004999").unwrap()),
            Money::ZERO
        );
    }

    #[test]
    fn a_percent_rounds_half_up_and_away_from_zero() {
        let percent =
            |cents, text| Money::from_cents(cents).percent(Decimal::from_str(text).unwrap());
        assert_eq!(percent(1_234_567, "0.5"), Some(Money::from_cents(6173))); // 61.72835
        assert_eq!(percent(100, "0.5"), Some(Money::from_cents(1))); // 0.005
        assert_eq!(percent(-100, "0.5"), Some(Money::from_cents(-1)));
        assert_eq!(percent(99, "0.5"), Some(Money::ZERO)); // 0.00495
        assert_eq!(percent(2150, "16.06"), Some(Money::from_cents(345))); // 3.4529
        assert_eq!(percent(2150, "0"), Some(Money::ZERO));
        assert_eq!(percent(2150, "-10"), Some(Money::from_cents(-215)));
    }

    #[test]
    fn sums_past_the_largest_amount_are_refused() {
        let largest = Money::from_cents(MAX_WHOLE_EUROS * 100 - 1);
        assert_eq!(largest.checked_add(Money::from_cents(1)), None);
        assert_eq!(
            Money::ZERO.checked_sub(largest),
            Some(Money::from_cents(1 - MAX_WHOLE_EUROS * 100))
        );
        assert_eq!(largest.checked_add(largest), None);
        assert_eq!(Money::from_cents(i64::MIN + 1).checked_sub(largest), None);
    }

    proptest! {
        #[test]
        fn a_percent_in_whole_numbers_is_the_decimal_product_rounded(
            cents in -MAX_WHOLE_EUROS * 100 + 1..MAX_WHOLE_EUROS * 100,
            digits in -10_000_000i64..10_000_000,
            scale in 0u32..9,
        ) {
            let percent = Decimal::new(digits, scale);
            let through_decimal = Money::from_cents(cents)
                .checked_mul(percent / Decimal::ONE_HUNDRED)
                .map(Money::round_from);
            prop_assert_eq!(Money::from_cents(cents).percent(percent), through_decimal);
        }

        #[test]
        fn formatted_amounts_parse_back(cents in 0i64..10_000_000_000_000) {
            let money = Money::from_cents(cents);
            for lang in Lang::ALL {
                prop_assert_eq!(Money::parse(&money.format(lang)), Ok(money));
            }
            prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        }

        #[test]
        fn written_amounts_group_every_three_digits(cents in any::<i64>()) {
            // The same text the plain way: digits, a separator before every three from the
            // right, two decimals, the sign and the euro sign where each language puts them.
            let abs = cents.unsigned_abs();
            let digits = (abs / 100).to_string();
            for (lang, group, decimal) in [(Lang::El, '.', ','), (Lang::En, ',', '.')] {
                let mut whole = String::new();
                for (i, digit) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        whole.push(group);
                    }
                    whole.push(digit);
                }
                let sign = if cents < 0 { "-" } else { "" };
                let expected = match lang {
                    Lang::El => format!("{sign}{whole}{decimal}{:02}\u{a0}€", abs % 100),
                    Lang::En => format!("{sign}€{whole}{decimal}{:02}", abs % 100),
                };
                let mut written = "before ".to_owned();
                Money::from_cents(cents).write_to(&mut written, lang);
                prop_assert_eq!(written, format!("before {expected}"));
            }
        }

        #[test]
        fn addition_is_exact(a in -1_000_000_000i64..1_000_000_000, b in -1_000_000_000i64..1_000_000_000) {
            let sum = Money::from_cents(a).checked_add(Money::from_cents(b)).unwrap();
            prop_assert_eq!(sum.cents(), a + b);
            prop_assert_eq!(sum.checked_sub(Money::from_cents(b)), Some(Money::from_cents(a)));
        }

        #[test]
        fn rounding_lands_within_half_a_cent(mills in -1_000_000_000i64..1_000_000_000) {
            let exact = Decimal::new(mills, 3);
            let rounded = Money::round_from(exact).as_decimal();
            prop_assert!((rounded - exact).abs() <= Decimal::new(5, 3));
            prop_assert_eq!(rounded.scale(), 2);
        }
    }
}
