//! Calendar dates as the data files write them (ISO 8601 "YYYY-MM-DD" and "YYYY-MM"), and
//! the date of an activity: one day, one month, or an inclusive range.

use serde::{Deserialize, Serialize};

/// A calendar day. Field order makes the derived `Ord` chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub y: i32,
    pub m: u8,
    pub d: u8,
}

impl Date {
    /// Parses exactly "YYYY-MM-DD" (a real day; years 1000-9999).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (y, m) = parse_month(&s[..7])?;
        let d: u8 = digits(&s[8..])?.try_into().ok()?;
        (d >= 1 && d <= days_in_month(y, m)).then_some(Date { y, m, d })
    }

    /// The first day of a month.
    pub fn first_of(y: i32, m: u8) -> Date {
        Date { y, m, d: 1 }
    }

    /// The last day of a month.
    pub fn last_of(y: i32, m: u8) -> Date {
        Date {
            y,
            m,
            d: days_in_month(y, m),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// Parses exactly "YYYY-MM" into (year, month).
pub(crate) fn parse_month(s: &str) -> Option<(i32, u8)> {
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    let y: i32 = digits(&s[..4])?.try_into().ok()?;
    let m: u8 = digits(&s[5..])?.try_into().ok()?;
    (y >= 1000 && (1..=12).contains(&m)).then_some((y, m))
}

/// ASCII digits only (no sign, no spaces) as a number.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn days_in_month(y: i32, m: u8) -> u8 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// When an activity happened: one day, one month (when the source gives only the month),
/// or an inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityDate {
    Day(Date),
    Month { y: i32, m: u8 },
    Range { start: Date, end: Date },
}

impl ActivityDate {
    /// Parses a `date` value: "YYYY-MM-DD" or "YYYY-MM".
    pub fn parse(s: &str) -> Option<ActivityDate> {
        if let Some(day) = Date::parse(s) {
            return Some(ActivityDate::Day(day));
        }
        parse_month(s).map(|(y, m)| ActivityDate::Month { y, m })
    }

    /// The first and last day covered, inclusive.
    pub fn bounds(&self) -> (Date, Date) {
        match *self {
            ActivityDate::Day(d) => (d, d),
            ActivityDate::Month { y, m } => (Date::first_of(y, m), Date::last_of(y, m)),
            ActivityDate::Range { start, end } => (start, end),
        }
    }
}

impl std::fmt::Display for ActivityDate {
    /// ISO 8601: a day, a month, or an interval "start/end".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ActivityDate::Day(d) => write!(f, "{d}"),
            ActivityDate::Month { y, m } => write!(f, "{y:04}-{m:02}"),
            ActivityDate::Range { start, end } => write!(f, "{start}/{end}"),
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl ActivityDate {
    /// The date for a reader, at the precision the data has, never more: a day as ISO
    /// ("2021-03-05"), a month as "Mar 2021" / "2021年3月", a range of whole months as
    /// "Feb–Dec 2021" / "2021年2月至12月" (not "2021-02-01/2021-12-31", which reads as
    /// day-exact), a range of days as "2021-03-05 – 2021-04-10" / "2021-03-05至2021-04-10".
    pub fn words(&self, zh: bool) -> String {
        let month = |y: i32, m: u8| {
            if zh {
                format!("{y}年{m}月")
            } else {
                format!("{} {y}", MONTHS_EN[usize::from(m.clamp(1, 12)) - 1])
            }
        };
        match *self {
            ActivityDate::Day(d) => d.to_string(),
            ActivityDate::Month { y, m } => month(y, m),
            ActivityDate::Range { start, end }
                if start.d == 1 && end == Date::last_of(end.y, end.m) =>
            {
                let (y0, m0, y1, m1) = (start.y, start.m, end.y, end.m);
                match (y0 == y1, m0 == m1) {
                    (true, true) => month(y0, m0),
                    (true, false) if zh => format!("{y0}年{m0}月至{m1}月"),
                    (true, false) => format!(
                        "{}–{} {y0}",
                        MONTHS_EN[usize::from(m0) - 1],
                        MONTHS_EN[usize::from(m1) - 1]
                    ),
                    (false, _) if zh => format!("{}至{}", month(y0, m0), month(y1, m1)),
                    (false, _) => format!("{} – {}", month(y0, m0), month(y1, m1)),
                }
            }
            ActivityDate::Range { start, end } if zh => format!("{start}至{end}"),
            ActivityDate::Range { start, end } => format!("{start} – {end}"),
        }
    }
}

/// The period a visit count covers: a year or a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Period {
    Year(i32),
    Month { y: i32, m: u8 },
}

impl Period {
    /// Parses "YYYY" or "YYYY-MM".
    pub fn parse(s: &str) -> Option<Period> {
        if s.len() == 4 {
            let y: i32 = digits(s)?.try_into().ok()?;
            return (y >= 1000).then_some(Period::Year(y));
        }
        parse_month(s).map(|(y, m)| Period::Month { y, m })
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Month { y, m } => write!(f, "{y:04}-{m:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_days_only() {
        assert_eq!(
            Date::parse("2021-03-31"),
            Some(Date {
                y: 2021,
                m: 3,
                d: 31
            })
        );
        assert_eq!(Date::parse("2021-02-29"), None);
        assert_eq!(Date::parse("2020-02-29").map(|d| d.d), Some(29));
        for bad in [
            "2021-3-31",
            "2021/03/31",
            "21-03-31",
            "2021-13-01",
            "2021-00-10",
            "+021-03-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_bounds_are_inclusive() {
        let (a, b) = ActivityDate::parse("2024-02").expect("month").bounds();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert!(a < b);
    }

    #[test]
    fn periods_parse_and_print() {
        assert_eq!(
            Period::parse("2021").map(|p| p.to_string()),
            Some("2021".into())
        );
        assert_eq!(
            Period::parse("2021-07").map(|p| p.to_string()),
            Some("2021-07".into())
        );
        assert_eq!(Period::parse("2021-7"), None);
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;

    fn range(a: &str, b: &str) -> ActivityDate {
        let (start, end) = (
            ActivityDate::parse(a).map(|d| d.bounds().0),
            ActivityDate::parse(b).map(|d| d.bounds().1),
        );
        match (start, end) {
            (Some(start), Some(end)) => ActivityDate::Range { start, end },
            _ => panic!("bad test dates {a} {b}"),
        }
    }

    #[test]
    fn dates_read_at_their_precision() {
        // A range given in months ("2021-02" to "2021-12") is not day-exact.
        let r = range("2021-02", "2021-12");
        assert_eq!(r.words(false), "Feb–Dec 2021");
        assert_eq!(r.words(true), "2021年2月至12月");
        let across = range("2021-11", "2022-02");
        assert_eq!(across.words(false), "Nov 2021 – Feb 2022");
        assert_eq!(across.words(true), "2021年11月至2022年2月");
        let one = range("2021-03", "2021-03");
        assert_eq!(one.words(false), "Mar 2021");
        assert_eq!(one.words(true), "2021年3月");
        let days = range("2021-03-05", "2021-04-10");
        assert_eq!(days.words(false), "2021-03-05 – 2021-04-10");
        assert_eq!(days.words(true), "2021-03-05至2021-04-10");
        let month = ActivityDate::Month { y: 2021, m: 7 };
        assert_eq!(month.words(false), "Jul 2021");
        assert_eq!(month.words(true), "2021年7月");
        let day = ActivityDate::parse("2021-03-05");
        assert_eq!(day.map(|d| d.words(true)).as_deref(), Some("2021-03-05"));
        // Leap February ends a whole-month range too.
        assert_eq!(range("2024-01", "2024-02").words(false), "Jan–Feb 2024");
        assert_eq!(
            range("2024-01-01", "2024-02-28").words(false),
            "2024-01-01 – 2024-02-28"
        );
    }
}
