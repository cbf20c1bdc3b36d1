//! Months for the time slider: the activity date extent of a dataset, stepping month by
//! month, and a month's first and last day. Pure; depends only on the data model's dates.

use crate::domain::model::{Dataset, Date};

/// A calendar month. Field order makes the derived `Ord` chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub y: i32,
    pub m: u8,
}

impl Month {
    pub fn of(date: Date) -> Month {
        Month {
            y: date.y,
            m: date.m,
        }
    }

    /// Parses exactly "YYYY-MM".
    pub fn parse(text: &str) -> Option<Month> {
        crate::domain::model::ActivityDate::parse(text).and_then(|d| match d {
            crate::domain::model::ActivityDate::Month { y, m } => Some(Month { y, m }),
            _ => None,
        })
    }

    pub fn next(self) -> Month {
        if self.m >= 12 {
            Month {
                y: self.y + 1,
                m: 1,
            }
        } else {
            Month {
                y: self.y,
                m: self.m + 1,
            }
        }
    }

    pub fn first_day(self) -> Date {
        Date::first_of(self.y, self.m)
    }

    pub fn last_day(self) -> Date {
        Date::last_of(self.y, self.m)
    }

    /// Every month from `self` to `last`, both included (empty if `last` is earlier).
    /// Capped at 1200 months (a century), so a wild date in the data cannot blow up a slider.
    pub fn through(self, last: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= last && out.len() < 1200 {
            out.push(m);
            m = m.next();
        }
        out
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.y, self.m)
    }
}

/// The first and last day any activity covers (`None` without dated activities).
pub fn activity_extent(dataset: &Dataset) -> Option<(Date, Date)> {
    let bounds = dataset.activities.iter().map(|a| a.date.bounds());
    bounds.fold(None, |acc, (a, b)| match acc {
        None => Some((a, b)),
        Some((lo, hi)) => Some((lo.min(a), hi.max(b))),
    })
}

/// The months of the activity extent, for the slider's steps.
pub fn activity_months(dataset: &Dataset) -> Vec<Month> {
    activity_extent(dataset)
        .map(|(a, b)| Month::of(a).through(Month::of(b)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::bundled;

    #[test]
    fn steps_over_the_year_end() {
        let nov = Month { y: 2021, m: 11 };
        let months: Vec<String> = nov
            .through(Month { y: 2022, m: 2 })
            .iter()
            .map(|m| m.to_string())
            .collect();
        assert_eq!(months, ["2021-11", "2021-12", "2022-01", "2022-02"]);
        assert!(nov.through(Month { y: 2021, m: 1 }).is_empty());
        assert_eq!(Month::parse("2021-13"), None);
        assert_eq!(Month::parse("2021-02"), Some(Month { y: 2021, m: 2 }));
    }

    #[test]
    fn bundled_activities_span_2021() {
        let ds = bundled();
        let (a, b) = activity_extent(&ds).expect("dated activities");
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2021-02-01".into(), "2021-12-31".into())
        );
        assert_eq!(activity_months(&ds).len(), 11);
    }
}
