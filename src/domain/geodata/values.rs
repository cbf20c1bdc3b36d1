//! Checked values that need more than presence: counts (non-negative integers), dates and
//! date ranges (ISO 8601, in order), and positions (finite, in range, in China).

use super::fields::{At, Issues};
use crate::domain::model::{ActivityDate, LonLat};
use crate::domain::validate::{position_problem, Severity};
use serde_json::Number;

/// An optional count: a non-negative integer.
pub(crate) fn count(
    value: Option<&Number>,
    at: At,
    field: &str,
    issues: &mut Issues,
) -> Option<u64> {
    let n = value?;
    if let Some(v) = n.as_u64() {
        return Some(v);
    }
    let message = if n.as_i64().is_some() || n.as_f64().is_some_and(|f| f < 0.0) {
        format!("negative count {n}: counts are non-negative integers")
    } else {
        format!("count {n} is not an integer")
    };
    issues.error(at.field(field), message);
    None
}

/// A `date` ("YYYY-MM-DD" or "YYYY-MM") or a `start`/`end` range in order.
pub(crate) fn activity_date(
    date: Option<&str>,
    start: Option<&str>,
    end: Option<&str>,
    at: At,
    issues: &mut Issues,
) -> Option<ActivityDate> {
    let parse = |field: &str, value: &str, issues: &mut Issues| {
        let parsed = ActivityDate::parse(value);
        if parsed.is_none() {
            let message =
                format!("bad date \"{value}\": expected ISO 8601 \"YYYY-MM-DD\" or \"YYYY-MM\"");
            issues.error(at.field(field), message);
        }
        parsed
    };
    match (date, start, end) {
        (Some(d), None, None) => parse("date", d, issues),
        (None, Some(s), Some(e)) => {
            let (start, end) = (
                parse("start", s, issues)?.bounds().0,
                parse("end", e, issues)?.bounds().1,
            );
            if end < start {
                issues.error(
                    at.field("end"),
                    format!("date range ends ({e}) before it starts ({s})"),
                );
                return None;
            }
            Some(ActivityDate::Range { start, end })
        }
        (None, None, None) => {
            issues.error(
                at.field("date"),
                "missing date (give \"date\", or \"start\" and \"end\")",
            );
            None
        }
        _ => {
            issues.error(
                at.field("date"),
                "give either \"date\" or both \"start\" and \"end\"",
            );
            None
        }
    }
}

/// Records a problem with a position at `rest` (e.g. "geometry.coordinates") of the record; `strict` keeps "outside China" an error
/// (bundled data), otherwise it is a warning (foreign data may lie anywhere).
pub(crate) fn check_position(
    p: LonLat,
    at: At,
    rest: &str,
    strict: bool,
    issues: &mut Issues,
) -> bool {
    match position_problem(p) {
        None => true,
        Some((severity, message)) => {
            let outside_only = message.contains("outside China");
            let severity = if outside_only && !strict {
                Severity::Warning
            } else {
                severity
            };
            issues.push(severity, at.raw(rest), message);
            outside_only
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: At = At {
        list: "activities",
        index: 0,
        props: false,
    };

    fn number(text: &str) -> Number {
        serde_json::from_str(text).expect("number")
    }

    #[test]
    fn counts_must_be_non_negative_integers() {
        let mut issues = Issues::new("f");
        assert_eq!(
            count(Some(&number("60")), AT, "sessions", &mut issues),
            Some(60)
        );
        assert_eq!(count(None, AT, "sessions", &mut issues), None);
        assert!(issues.list.is_empty());
        assert_eq!(
            count(Some(&number("-3")), AT, "sessions", &mut issues),
            None
        );
        assert_eq!(
            count(Some(&number("1.5")), AT, "sessions", &mut issues),
            None
        );
        assert_eq!(
            count(Some(&number("-0.5")), AT, "sessions", &mut issues),
            None
        );
        let messages: Vec<&str> = issues.list.iter().map(|i| i.message.as_str()).collect();
        assert!(messages[0].starts_with("negative count -3"));
        assert!(messages[1].starts_with("count 1.5 is not an integer"));
        assert!(messages[2].starts_with("negative count -0.5"));
    }

    #[test]
    fn ranges_expand_months_and_must_be_ordered() {
        let mut issues = Issues::new("f");
        let r = activity_date(None, Some("2021-02"), Some("2021-02"), AT, &mut issues);
        assert_eq!(
            r.map(|d| d.to_string()),
            Some("2021-02-01/2021-02-28".into())
        );
        assert!(activity_date(None, Some("2021-12"), Some("2021-03"), AT, &mut issues).is_none());
        assert!(activity_date(Some("2021-7-1"), None, None, AT, &mut issues).is_none());
        let paths: Vec<&str> = issues.list.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["activities[0].end", "activities[0].date"]);
    }

    #[test]
    fn outside_china_is_an_error_only_when_strict() {
        let paris = LonLat {
            lon: 2.35,
            lat: 48.85,
        };
        let mut issues = Issues::new("f");
        assert!(check_position(
            paris,
            AT,
            "geometry.coordinates",
            false,
            &mut issues
        ));
        assert_eq!(issues.list[0].severity, Severity::Warning);
        assert!(check_position(
            paris,
            AT,
            "geometry.coordinates",
            true,
            &mut issues
        ));
        assert_eq!(issues.list[1].severity, Severity::Error);
        let nowhere = LonLat {
            lon: 200.0,
            lat: 0.0,
        };
        assert!(!check_position(
            nowhere,
            AT,
            "geometry.coordinates",
            false,
            &mut issues
        ));
    }
}
