//! Clock and calendar arithmetic for a day's schedule: "HH:MM" text, minutes since the trip
//! day's midnight (values past 1440 are the next day, shown with "+1"), the weekday of a
//! date and adding days to one. Proleptic Gregorian calendar; no time zones (a trip's times
//! are local times at its sites). Depends only on `model::Date`.

use crate::domain::model::Date;

/// Minutes in a day.
pub const MIN_PER_DAY: u32 = 1440;

/// Parses "HH:MM" (also "H:MM"): 00:00 to 23:59, or 24:00 when `allow_24` (a closing time).
pub fn parse_hhmm_with(text: &str, allow_24: bool) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let digits = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if m.len() != 2 {
        return None;
    }
    let (h, m) = (digits(h, 2)?, digits(m, 2)?);
    if m >= 60 {
        return None;
    }
    match h {
        0..=23 => Some(h * 60 + m),
        24 if allow_24 && m == 0 => Some(MIN_PER_DAY),
        _ => None,
    }
}

/// Parses a time of day "HH:MM" (00:00-23:59).
pub fn parse_hhmm(text: &str) -> Option<u32> {
    parse_hhmm_with(text, false)
}

/// "HH:MM" of a time, with " +N" when it falls N days after the trip's day.
pub fn format_hhmm(min: u32) -> String {
    let day = min / MIN_PER_DAY;
    let m = min % MIN_PER_DAY;
    let clock = format!("{:02}:{:02}", m / 60, m % 60);
    if day == 0 {
        clock
    } else {
        format!("{clock} +{day}")
    }
}

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`, exact for any year).
pub fn days_from_civil(date: Date) -> i64 {
    let (m, d) = (i64::from(date.m), i64::from(date.d));
    let y = i64::from(date.y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` days after 1970-01-01 (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date { y, m, d }
}

/// Day of the week, 0 = Monday ... 6 = Sunday (ISO order; 1970-01-01 was a Thursday).
pub fn weekday(date: Date) -> u8 {
    (days_from_civil(date) + 3).rem_euclid(7) as u8
}

/// The date `days` days later (or earlier, if negative).
pub fn add_days(date: Date, days: i64) -> Date {
    civil_from_days(days_from_civil(date) + days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).expect("test date")
    }

    #[test]
    fn parses_and_formats_clock_times() {
        assert_eq!(parse_hhmm("09:05"), Some(545));
        assert_eq!(parse_hhmm("9:05"), Some(545));
        assert_eq!(parse_hhmm("23:59"), Some(1439));
        for bad in [
            "24:00", "12:60", "1200", "", "ab:cd", "-1:00", "12:5x", "123:00",
        ] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
        assert_eq!(parse_hhmm_with("24:00", true), Some(1440));
        assert_eq!(format_hhmm(545), "09:05");
        assert_eq!(format_hhmm(1440 + 30), "00:30 +1");
        assert_eq!(format_hhmm(2 * 1440 + 61), "01:01 +2");
    }

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(weekday(date("1970-01-01")), 3); // Thursday
        assert_eq!(weekday(date("2026-11-22")), 6); // Sunday
        assert_eq!(weekday(date("2000-02-29")), 1); // Tuesday
        assert_eq!(weekday(date("2024-01-01")), 0); // Monday
    }

    #[test]
    fn adding_days_crosses_months_years_and_leap_days() {
        assert_eq!(add_days(date("2026-12-31"), 1), date("2027-01-01"));
        assert_eq!(add_days(date("2024-02-28"), 1), date("2024-02-29"));
        assert_eq!(add_days(date("2023-02-28"), 1), date("2023-03-01"));
        assert_eq!(add_days(date("2026-03-01"), -1), date("2026-02-28"));
        for s in ["1600-03-01", "1999-12-31", "2400-02-29"] {
            assert_eq!(civil_from_days(days_from_civil(date(s))), date(s));
        }
    }
}
