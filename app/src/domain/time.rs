//! Calendar arithmetic without a time-zone database: civil dates from Unix time, and the
//! municipality's local date (Greece: UTC+2, UTC+3 under the EU summer-time rule).

/// A calendar date.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `21-11-2026`, the form protocol numbers use.
    pub fn dd_mm_yyyy(self) -> String {
        format!("{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }

    /// `2026-11-22`, the form the database and `<input type="date">` use.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
pub fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Date {
        year: yoe + era * 400 + i64::from(month <= 2),
        month,
        day,
    }
}

/// Days from 1970-01-01 to a date (the inverse of [`civil_from_days`]).
pub fn days_from_civil(date: Date) -> i64 {
    let year = date.year - i64::from(date.month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(date.month);
    let doy =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(date.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// Unix milliseconds of 01:00 UTC on the last Sunday of a month: when EU summer time
/// starts (March) and ends (October).
fn last_sunday_0100_utc(year: i64, month: u32) -> i64 {
    let next_month = if month == 12 {
        Date {
            year: year + 1,
            month: 1,
            day: 1,
        }
    } else {
        Date {
            year,
            month: month + 1,
            day: 1,
        }
    };
    let last_day = days_from_civil(next_month) - 1;
    // 1970-01-01 was a Thursday: weekday 0 = Sunday when (days + 4) % 7 == 0.
    let sunday = last_day - (last_day + 4).rem_euclid(7);
    sunday * DAY_MS + HOUR_MS
}

/// The local date in Greece at a Unix time.
pub fn athens_date(unix_ms: i64) -> Date {
    civil_from_days((unix_ms + athens_offset_ms(unix_ms)).div_euclid(DAY_MS))
}

/// Minutes east of UTC in Greece at a Unix time (120, or 180 under summer time).
fn athens_offset_ms(unix_ms: i64) -> i64 {
    let utc_year = civil_from_days(unix_ms.div_euclid(DAY_MS)).year;
    let summer = unix_ms >= last_sunday_0100_utc(utc_year, 3)
        && unix_ms < last_sunday_0100_utc(utc_year, 10);
    if summer {
        3 * HOUR_MS
    } else {
        2 * HOUR_MS
    }
}

/// A moment as people in the municipality read it: local time, `22/11/2026 14:20` in Greek,
/// `22 Nov 2026, 14:20` in English.
pub fn format_local(unix_ms: i64, lang: crate::domain::Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let local = unix_ms + athens_offset_ms(unix_ms);
    let date = civil_from_days(local.div_euclid(DAY_MS));
    let minutes = local.rem_euclid(DAY_MS) / 60_000;
    let (hour, minute) = (minutes / 60, minutes % 60);
    match lang {
        crate::domain::Lang::El => format!(
            "{:02}/{:02}/{} {hour:02}:{minute:02}",
            date.day, date.month, date.year
        ),
        crate::domain::Lang::En => {
            let month = MONTHS[(date.month as usize).saturating_sub(1).min(11)];
            format!("{} {month} {}, {hour:02}:{minute:02}", date.day, date.year)
        }
    }
}

/// A date as `<input type="date">` sends it: `2026-11-22`.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let date = Date { year, month, day };
    // Round-tripping refuses 31/02 and the like.
    (civil_from_days(days_from_civil(date)) == date && (1..=9999).contains(&year)).then_some(date)
}

/// The Unix time of local midnight (Greece) starting a date.
pub fn athens_midnight_ms(date: Date) -> i64 {
    let utc_midnight = days_from_civil(date) * DAY_MS;
    [3 * HOUR_MS, 2 * HOUR_MS]
        .into_iter()
        .map(|offset| utc_midnight - offset)
        .find(|&t| athens_date(t) == date && athens_date(t - 1) != date)
        .unwrap_or(utc_midnight - 2 * HOUR_MS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        assert_eq!(
            civil_from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            civil_from_days(20_779),
            Date {
                year: 2026,
                month: 11,
                day: 22
            }
        );
        assert_eq!(
            Date {
                year: 2026,
                month: 11,
                day: 21
            }
            .dd_mm_yyyy(),
            "21-11-2026"
        );
        assert_eq!(
            format_local(1_795_350_000_000, crate::domain::Lang::El),
            "22/11/2026 14:20"
        );
        assert_eq!(
            format_local(1_795_350_000_000, crate::domain::Lang::En),
            "22 Nov 2026, 14:20"
        );
    }

    #[test]
    fn athens_dates_follow_summer_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let ms = |d: Date, h: i64| days_from_civil(d) * DAY_MS + h * HOUR_MS;
        let d = |month, day| Date {
            year: 2026,
            month,
            day,
        };
        assert_eq!(
            athens_date(ms(d(11, 21), 21)),
            d(11, 21),
            "21:59 UTC in winter is 23:xx local"
        );
        assert_eq!(
            athens_date(ms(d(11, 21), 22)),
            d(11, 22),
            "22:00 UTC in winter is midnight local"
        );
        assert_eq!(athens_date(ms(d(7, 1), 20)), d(7, 1));
        assert_eq!(
            athens_date(ms(d(7, 1), 21)),
            d(7, 2),
            "21:00 UTC in summer is midnight local"
        );
        assert_eq!(last_sunday_0100_utc(2026, 3), ms(d(3, 29), 1));
        assert_eq!(
            athens_midnight_ms(d(11, 1)),
            ms(d(10, 31), 22),
            "winter: UTC+2"
        );
        assert_eq!(
            athens_midnight_ms(d(7, 1)),
            ms(d(6, 30), 21),
            "summer: UTC+3"
        );
        assert_eq!(last_sunday_0100_utc(2026, 10), ms(d(10, 25), 1));
    }

    proptest! {
        #[test]
        fn days_and_dates_round_trip(days in -1_000_000i64..1_000_000) {
            prop_assert_eq!(days_from_civil(civil_from_days(days)), days);
        }
    }

    #[test]
    fn iso_dates_parse_and_impossible_ones_are_refused() {
        assert_eq!(
            parse_iso_date("2026-11-22"),
            Some(Date {
                year: 2026,
                month: 11,
                day: 22
            })
        );
        assert_eq!(parse_iso_date("2026-02-31"), None);
        assert_eq!(parse_iso_date("22/11/2026"), None);
        assert_eq!(parse_iso_date(""), None);
    }
}
