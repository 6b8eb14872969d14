//! Calendar arithmetic (civil dates from Unix time) and the municipality's local date and
//! time, by its IANA time zone (Europe/Athens unless configured) from jiff's bundled rules.

pub use jiff::tz::TimeZone;
use std::sync::OnceLock;

/// The zone a municipality lives in when the configuration names none.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Athens";

static LOCAL_ZONE: OnceLock<TimeZone> = OnceLock::new();

/// A zone name the bundled database does not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}: use an IANA name such as Europe/Athens")]
pub struct UnknownTimeZone(pub String);

/// Looks a zone up by its IANA name (`Europe/Athens`).
pub fn time_zone(name: &str) -> Result<TimeZone, UnknownTimeZone> {
    TimeZone::get(name).map_err(|_| UnknownTimeZone(name.to_owned()))
}

/// Sets the municipality's zone, once, at start (before any date is computed); setting
/// the zone already in use again is harmless.
pub fn set_local_time_zone(zone: TimeZone) -> Result<(), UnknownTimeZone> {
    let name = zone.iana_name().unwrap_or_default().to_owned();
    let current = LOCAL_ZONE.get_or_init(|| zone);
    if current.iana_name() == Some(name.as_str()) {
        Ok(())
    } else {
        Err(UnknownTimeZone(format!(
            "{name} (the zone is already {})",
            current.iana_name().unwrap_or("set")
        )))
    }
}

fn local_zone() -> &'static TimeZone {
    LOCAL_ZONE.get_or_init(|| time_zone(DEFAULT_TIME_ZONE).unwrap_or(TimeZone::UTC))
}

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

/// The municipality's local date at a Unix time.
pub fn local_date(unix_ms: i64) -> Date {
    civil_from_days((unix_ms + local_offset_ms(unix_ms)).div_euclid(DAY_MS))
}

/// How far the municipality's clocks are ahead of UTC at a Unix time (in Greece two hours,
/// three under summer time).
fn local_offset_ms(unix_ms: i64) -> i64 {
    // Past jiff's range (±9999 years) no clock matters: UTC.
    jiff::Timestamp::from_millisecond(unix_ms)
        .map(|at| i64::from(local_zone().to_offset(at).seconds()) * 1000)
        .unwrap_or(0)
}

/// A moment as people in the municipality read it: local time, `22/11/2026 14:20` in Greek,
/// `22 Nov 2026, 14:20` in English.
pub fn format_local(unix_ms: i64, lang: crate::domain::Lang) -> String {
    let local = unix_ms + local_offset_ms(unix_ms);
    let date = civil_from_days(local.div_euclid(DAY_MS));
    let minutes = local.rem_euclid(DAY_MS) / 60_000;
    let (hour, minute) = (minutes / 60, minutes % 60);
    match lang {
        crate::domain::Lang::El => format!("{} {hour:02}:{minute:02}", format_date(date, lang)),
        crate::domain::Lang::En => format!("{}, {hour:02}:{minute:02}", format_date(date, lang)),
    }
}

/// A date as people read it: `23/10/2026` in Greek, `23 Oct 2026` in English.
pub fn format_date(date: Date, lang: crate::domain::Lang) -> String {
    let mut out = String::with_capacity(11);
    write_date(&mut out, date, lang);
    out
}

/// Appends what `format_date` returns, without allocating (tables of hundreds of dates).
pub fn write_date(out: &mut String, date: Date, lang: crate::domain::Lang) {
    use std::fmt::Write;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // A day or a month: one or two digits, padded to two where `pad`.
    let push_small = |out: &mut String, n: u32, pad: bool| {
        if n >= 10 || pad {
            out.push(char::from(b'0' + (n / 10 % 10) as u8));
        }
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    match lang {
        crate::domain::Lang::El => {
            push_small(out, date.day, true);
            out.push('/');
            push_small(out, date.month, true);
            out.push('/');
        }
        crate::domain::Lang::En => {
            push_small(out, date.day, false);
            out.push(' ');
            out.push_str(MONTHS[(date.month as usize).saturating_sub(1).min(11)]);
            out.push(' ');
        }
    }
    // Writing into a String cannot fail.
    let _ = write!(out, "{}", date.year);
}

/// A stored ISO date (`2026-10-23`) as people read it; text that is not one stays as it is.
pub fn format_iso_date(iso: &str, lang: crate::domain::Lang) -> String {
    parse_iso_date(iso)
        .map(|date| format_date(date, lang))
        .unwrap_or_else(|| iso.to_owned())
}

/// A date as `<input type="date">` sends it: `2026-11-22`.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    // Stored dates have exactly this shape; a table of hundreds reads them without splitting.
    if let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *text.as_bytes() {
        let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
        if digits.iter().all(u8::is_ascii_digit) {
            let number = |ds: &[u8]| ds.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            let date = Date {
                year: i64::from(number(&digits[..4])),
                month: number(&digits[4..6]),
                day: number(&digits[6..]),
            };
            return is_calendar_date(date).then_some(date);
        }
    }
    parse_iso_date_loosely(text)
}

/// `parse_iso_date` for any other shape: spaces around, digits not padded.
fn parse_iso_date_loosely(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let date = Date { year, month, day };
    is_calendar_date(date).then_some(date)
}

/// A day of years 1 to 9999 that the calendar has (not 31/02 and the like).
fn is_calendar_date(date: Date) -> bool {
    (1..=9999).contains(&date.year)
        && (1..=12).contains(&date.month)
        && (1..=days_in_month(date.year, date.month)).contains(&date.day)
}

/// A date as a person or a form sends it: `2026-10-23` (what `<input type="date">` sends)
/// or day first, as Greeks write it, `23/10/2026`, `23-10-2026` or `23.10.2026`.
pub fn parse_date_input(text: &str) -> Option<Date> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    match parts.as_slice() {
        [year, _, _] if year.len() == 4 && text.contains('-') => parse_iso_date(text),
        [day, month, year] if day.len() <= 2 && month.len() <= 2 && year.len() == 4 => {
            parse_iso_date(&format!("{year}-{month:0>2}-{day:0>2}"))
        }
        _ => None,
    }
}

/// The Unix time at which a local date begins (midnight, or the first moment after it where
/// a clock change skips midnight).
pub fn local_midnight_ms(date: Date) -> i64 {
    let start = i8::try_from(date.month)
        .ok()
        .zip(i8::try_from(date.day).ok())
        .zip(i16::try_from(date.year).ok())
        .and_then(|((month, day), year)| jiff::civil::Date::new(year, month, day).ok())
        .and_then(|day| day.to_zoned_datetime(local_zone().clone()).ok())
        .map(|zoned| zoned.timestamp().as_millisecond());
    start.unwrap_or_else(|| days_from_civil(date) * DAY_MS)
}

pub fn last_day_of_month(year: i64, month: u32) -> Date {
    Date {
        year,
        month,
        day: days_in_month(year, month),
    }
}

/// How many days a month (1 to 12) has in the Gregorian calendar.
fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `months` calendar months after `date`. A month's last day stays a last day (31 Jan →
/// 28 Feb → 31 Mar); another day is kept, or cut to the month's end (15 Jan → 15 Feb).
pub fn add_months(date: Date, months: u32) -> Date {
    let index = date.year * 12 + i64::from(date.month) - 1 + i64::from(months);
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let end = last_day_of_month(year, month);
    if date == last_day_of_month(date.year, date.month) {
        end
    } else {
        Date {
            day: date.day.min(end.day),
            ..end
        }
    }
}

/// Months started after `due` by the day `on`: 0 up to the due date, 1 from the next day
/// until a month has passed, and so on. The one place this rounding rule lives.
pub fn started_months_after(due: Date, on: Date) -> u32 {
    if on <= due {
        return 0;
    }
    // A first guess from the calendar, then step to the exact count.
    let guess = ((on.year - due.year) * 12 + i64::from(on.month) - i64::from(due.month)).max(1);
    let mut months = u32::try_from(guess - 1).unwrap_or(0).max(1);
    while add_months(due, months) < on {
        months += 1;
    }
    while months > 1 && add_months(due, months - 1) >= on {
        months -= 1;
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR_MS: i64 = 3_600_000;
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
    fn local_dates_follow_summer_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let ms = |d: Date, h: i64| days_from_civil(d) * DAY_MS + h * HOUR_MS;
        let d = |month, day| Date {
            year: 2026,
            month,
            day,
        };
        assert_eq!(
            local_date(ms(d(11, 21), 21)),
            d(11, 21),
            "21:59 UTC in winter is 23:xx local"
        );
        assert_eq!(
            local_date(ms(d(11, 21), 22)),
            d(11, 22),
            "22:00 UTC in winter is midnight local"
        );
        assert_eq!(local_date(ms(d(7, 1), 20)), d(7, 1));
        assert_eq!(
            local_date(ms(d(7, 1), 21)),
            d(7, 2),
            "21:00 UTC in summer is midnight local"
        );
        assert_eq!(
            local_midnight_ms(d(11, 1)),
            ms(d(10, 31), 22),
            "winter: UTC+2"
        );
        assert_eq!(
            local_midnight_ms(d(7, 1)),
            ms(d(6, 30), 21),
            "summer: UTC+3"
        );
    }

    #[test]
    fn both_clock_changes_of_a_year() {
        let at = |year, month, day, hour: i64, minute: i64| {
            days_from_civil(Date { year, month, day }) * DAY_MS + hour * HOUR_MS + minute * 60_000
        };
        let el = |ms| format_local(ms, crate::domain::Lang::El);
        // Spring forward, last Sunday of March at 01:00 UTC: 02:59 is followed by 04:00.
        assert_eq!(el(at(2026, 3, 29, 0, 59)), "29/03/2026 02:59");
        assert_eq!(el(at(2026, 3, 29, 1, 0)), "29/03/2026 04:00");
        // Fall back, last Sunday of October at 01:00 UTC: 03:59 is followed by 03:00.
        assert_eq!(el(at(2026, 10, 25, 0, 59)), "25/10/2026 03:59");
        assert_eq!(el(at(2026, 10, 25, 1, 0)), "25/10/2026 03:00");
        // The days around them begin at their own local midnight.
        assert_eq!(
            local_midnight_ms(Date {
                year: 2026,
                month: 3,
                day: 29
            }),
            at(2026, 3, 28, 22, 0)
        );
        assert_eq!(
            local_midnight_ms(Date {
                year: 2026,
                month: 3,
                day: 30
            }),
            at(2026, 3, 29, 21, 0)
        );
        assert_eq!(
            local_midnight_ms(Date {
                year: 2026,
                month: 10,
                day: 25
            }),
            at(2026, 10, 24, 21, 0)
        );
        assert_eq!(
            local_midnight_ms(Date {
                year: 2026,
                month: 10,
                day: 26
            }),
            at(2026, 10, 25, 22, 0)
        );
        // Another year's rule: 2000 changed on 26 March and 29 October.
        assert_eq!(el(at(2000, 3, 26, 1, 0)), "26/03/2000 04:00");
        assert_eq!(el(at(2000, 10, 29, 1, 0)), "29/10/2000 03:00");
    }

    #[test]
    fn dates_are_read_as_greeks_write_them_and_as_forms_send_them() {
        let day = Date {
            year: 2026,
            month: 10,
            day: 3,
        };
        for text in [
            "2026-10-03",
            "3/10/2026",
            "03/10/2026",
            "3.10.2026",
            "03-10-2026",
            " 3/10/2026 ",
        ] {
            assert_eq!(parse_date_input(text), Some(day), "{text}");
        }
        for text in ["31/02/2026", "10/2026", "2026/10/03", "3/10/26", "", "x"] {
            assert_eq!(parse_date_input(text), None, "{text}");
        }
        assert_eq!(format_date(day, crate::domain::Lang::El), "03/10/2026");
        assert_eq!(format_date(day, crate::domain::Lang::En), "3 Oct 2026");
        assert_eq!(
            format_iso_date("2026-10-03", crate::domain::Lang::El),
            "03/10/2026"
        );
    }

    #[test]
    fn zones_are_named_as_iana_names_them() {
        assert!(time_zone("Europe/Athens").is_ok());
        assert!(time_zone("Europe/Lisbon").is_ok());
        let unknown = time_zone("Europe/Atlantis").unwrap_err();
        assert!(unknown.to_string().contains("Europe/Athens"), "{unknown}");
    }

    proptest! {
        #[test]
        fn days_and_dates_round_trip(days in -1_000_000i64..1_000_000) {
            prop_assert_eq!(days_from_civil(civil_from_days(days)), days);
        }

        #[test]
        fn calendar_dates_are_those_days_round_trip_to(
            year in -10i64..=10_010, month in 0u32..=13, day in 0u32..=32
        ) {
            let date = Date { year, month, day };
            let round_trips = civil_from_days(days_from_civil(date)) == date;
            prop_assert_eq!(is_calendar_date(date), round_trips && (1..=9999).contains(&year));
            if (1..=12).contains(&month) {
                let next = if month == 12 { Date { year: year + 1, month: 1, day: 1 } }
                    else { Date { year, month: month + 1, day: 1 } };
                prop_assert_eq!(
                    last_day_of_month(year, month),
                    civil_from_days(days_from_civil(next) - 1)
                );
            }
        }

        #[test]
        fn stored_dates_read_as_any_other_shape_does(
            year in 0i64..=9999, month in 0u32..=13, day in 0u32..=32
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            prop_assert_eq!(parse_iso_date(&text), parse_iso_date_loosely(&text));
        }

        #[test]
        fn dates_are_written_as_formatting_writes_them(days in 0i64..3_000_000) {
            let date = civil_from_days(days);
            prop_assert_eq!(
                format_date(date, crate::domain::Lang::El),
                format!("{:02}/{:02}/{}", date.day, date.month, date.year)
            );
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                "Nov", "Dec"][date.month as usize - 1];
            prop_assert_eq!(
                format_date(date, crate::domain::Lang::En),
                format!("{} {month} {}", date.day, date.year)
            );
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
