//! Activities by calendar month, for the chart and the time playback: never more
//! certain about a date than the record is.
//!
//! A record dated to a day or a month (or a range inside one month) counts in that month.
//! A record dated only by a range over several months ("2021-03 to 2021-12", how a source
//! dates something it only says happened during a campaign) is NOT put in any month, nor
//! in its first: it is counted in its own row, "date known only as 2021-03 – 2021-12".
//! So the months plus the ranged rows add up to the activity total, and no record is
//! split into monthly shares the source never gave.
//!
//! `running` is what a playback of "what was happening" shows: the month's own records
//! plus the records that the data says recur through a range (`recurrence`: weekly, often),
//! which really are under way in every month of it. A range without a recurrence may be a
//! single event at an unknown date, so it is under way in no particular month. (The
//! figures of a recurring record stay in its ranged row: the source gives no monthly share.)
//!
//! Months run from the first to the last month any record covers, empty months included
//! (a line chart must show the gaps), unless that span exceeds [`MAX_FILLED_MONTHS`]
//! (a mistyped year), when only months with something in them are listed.

use super::figures::ActivityFigures;
use super::index::{CoverageIndex, Scope};
use crate::domain::model::{Activity, Dataset, Date};
use std::collections::{BTreeMap, BTreeSet};

/// Longest span (100 years) listed month by month.
pub const MAX_FILLED_MONTHS: i64 = 1200;

/// One calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthRow {
    pub y: i32,
    /// 1-12.
    pub m: u8,
    /// Records dated within this month, with their figures.
    pub started: ActivityFigures,
    /// Records the data says recur through a range that covers this month.
    pub recurring: usize,
    /// Records under way this month: `started.records + recurring`.
    pub running: usize,
}

impl MonthRow {
    /// "2021-03".
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.y, self.m)
    }
}

/// Records whose date is known only as a range of months, with their figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangedRow {
    /// First month (y, 1-12).
    pub from: (i32, u8),
    /// Last month (y, 1-12).
    pub to: (i32, u8),
    /// The records recur through the range (under way every month of it); otherwise each
    /// happened at some unknown date within it.
    pub recurring: bool,
    pub figures: ActivityFigures,
}

impl RangedRow {
    /// "2021-03 – 2021-12".
    pub fn label(&self) -> String {
        format!(
            "{:04}-{:02} – {:04}-{:02}",
            self.from.0, self.from.1, self.to.0, self.to.1
        )
    }

    /// "2021-03–12" (or "2021-11–2022-02" across a year): short, for a chart axis.
    pub fn short_label(&self) -> String {
        if self.from.0 == self.to.0 {
            format!("{:04}-{:02}–{:02}", self.from.0, self.from.1, self.to.1)
        } else {
            format!(
                "{:04}-{:02}–{:04}-{:02}",
                self.from.0, self.from.1, self.to.0, self.to.1
            )
        }
    }
}

/// Activities by month, and those dated only by a range of months.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Months {
    /// In calendar order.
    pub rows: Vec<MonthRow>,
    /// By first month, then last month; single events before recurring ones.
    pub ranged: Vec<RangedRow>,
}

impl Months {
    /// No record in scope.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.ranged.is_empty()
    }

    /// Records in the months plus records in the ranged rows: the activity total.
    pub fn records(&self) -> usize {
        self.rows.iter().map(|r| r.started.records).sum::<usize>()
            + self.ranged.iter().map(|r| r.figures.records).sum::<usize>()
    }
}

fn ordinal(d: Date) -> i64 {
    i64::from(d.y) * 12 + i64::from(d.m) - 1
}

fn month_of(k: i64) -> (i32, u8) {
    (k.div_euclid(12) as i32, (k.rem_euclid(12) + 1) as u8)
}

/// The months a record's date covers, first and last.
fn span(a: &Activity) -> (i64, i64) {
    let (first, last) = a.date.bounds();
    let s = ordinal(first);
    (s, ordinal(last).max(s))
}

/// Activities in scope per month, in calendar order, and the ranged ones apart.
pub fn by_month(data: &Dataset, index: &CoverageIndex, scope: Scope) -> Months {
    let mut dated: BTreeMap<i64, ActivityFigures> = BTreeMap::new();
    let mut ranged: BTreeMap<(i64, i64, bool), ActivityFigures> = BTreeMap::new();
    // Recurring records: +1 where one starts, -1 the month after it ends.
    let mut delta: BTreeMap<i64, i64> = BTreeMap::new();
    // Months where something is dated, starts or ends: listed even when the span is too
    // long to fill.
    let mut marks: BTreeSet<i64> = BTreeSet::new();
    for (i, a) in data.activities.iter().enumerate() {
        if !scope.has_activity(index, i) {
            continue;
        }
        let (s, e) = span(a);
        marks.extend([s, e]);
        if s == e {
            dated.entry(s).or_default().add(a);
            continue;
        }
        let recurring = a.recurrence.is_some();
        ranged.entry((s, e, recurring)).or_default().add(a);
        if recurring {
            *delta.entry(s).or_default() += 1;
            *delta.entry(e + 1).or_default() -= 1;
        }
    }
    let ranged: Vec<RangedRow> = ranged
        .into_iter()
        .map(|((s, e, recurring), figures)| RangedRow {
            from: month_of(s),
            to: month_of(e),
            recurring,
            figures,
        })
        .collect();
    let (Some(&lo), Some(&hi)) = (marks.first(), marks.last()) else {
        return Months::default();
    };
    let months: Vec<i64> = if hi - lo < MAX_FILLED_MONTHS {
        (lo..=hi).collect()
    } else {
        marks.into_iter().collect()
    };
    let mut recurring = 0i64;
    let mut deltas = delta.into_iter().peekable();
    let rows = months
        .into_iter()
        .map(|k| {
            while let Some((_, d)) = deltas.next_if(|(at, _)| *at <= k) {
                recurring += d;
            }
            let figures = dated.get(&k).copied().unwrap_or_default();
            let recurring = recurring.max(0) as usize;
            let (y, m) = month_of(k);
            MonthRow {
                y,
                m,
                started: figures,
                recurring,
                running: figures.records + recurring,
            }
        })
        .collect();
    Months { rows, ranged }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::activity;
    use crate::domain::model::{ActivityDate, Recurrence};

    fn months(acts: Vec<crate::domain::model::Activity>) -> Months {
        let data = Dataset {
            activities: acts,
            ..Dataset::default()
        };
        by_month(&data, &CoverageIndex::new(&data), Scope::all())
    }

    fn ranged(id: &str, from: (i32, u8), to: (i32, u8), sessions: Option<u64>) -> Activity {
        let mut a = activity(id, "2021-03", sessions, None);
        a.date = ActivityDate::Range {
            start: Date::first_of(from.0, from.1),
            end: Date::last_of(to.0, to.1),
        };
        a
    }

    /// The review: 60 sessions dated only "2021-03 – 2021-11" were all put in 2021-03, and
    /// single visits dated only "2021-03 – 2021-12" were drawn under way in every month.
    #[test]
    fn a_range_is_in_no_month_but_in_its_own_row() {
        let rows = months(vec![
            ranged("sessions", (2021, 3), (2021, 11), Some(60)),
            ranged("visit", (2021, 3), (2021, 12), None),
            ranged("visit2", (2021, 3), (2021, 12), None),
            activity("day", "2021-04-13", None, Some(30)),
            activity("month", "2021-06", None, None),
        ]);
        let labels: Vec<String> = rows.rows.iter().map(MonthRow::label).collect();
        assert_eq!(labels.first().map(String::as_str), Some("2021-03"));
        assert_eq!(labels.last().map(String::as_str), Some("2021-12"));
        let started: Vec<usize> = rows.rows.iter().map(|r| r.started.records).collect();
        assert_eq!(started, [0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(rows.rows[0].started.sessions, 0, "not in its first month");
        let running: Vec<usize> = rows.rows.iter().map(|r| r.running).collect();
        assert_eq!(
            running,
            [0, 1, 0, 1, 0, 0, 0, 0, 0, 0],
            "not under way each month"
        );
        let r: Vec<(String, usize, u64)> = rows
            .ranged
            .iter()
            .map(|r| (r.label(), r.figures.records, r.figures.sessions))
            .collect();
        assert_eq!(
            r,
            [
                ("2021-03 – 2021-11".to_owned(), 1, 60),
                ("2021-03 – 2021-12".to_owned(), 2, 0)
            ]
        );
        assert_eq!(
            rows.records(),
            5,
            "months plus ranged rows add up to the total"
        );
    }

    #[test]
    fn a_recurring_range_is_under_way_each_month_with_its_figures_apart() {
        let mut weekly = ranged("weekly", (2021, 2), (2021, 4), Some(12));
        weekly.recurrence = Some(Recurrence::Weekly);
        let rows = months(vec![weekly, activity("day", "2021-03-02", None, None)]);
        let running: Vec<usize> = rows.rows.iter().map(|r| r.running).collect();
        assert_eq!(running, [1, 2, 1]);
        let recurring: Vec<usize> = rows.rows.iter().map(|r| r.recurring).collect();
        assert_eq!(recurring, [1, 1, 1]);
        assert!(rows.rows.iter().all(|r| r.started.sessions == 0));
        assert_eq!(rows.ranged.len(), 1);
        assert!(rows.ranged[0].recurring);
        assert_eq!(rows.ranged[0].figures.sessions, 12);
        assert_eq!(rows.ranged[0].short_label(), "2021-02–04");
    }

    #[test]
    fn a_range_within_one_month_is_that_month() {
        let mut a = activity("a", "2021-03", Some(2), None);
        a.date = ActivityDate::Range {
            start: Date::first_of(2021, 3),
            end: Date::last_of(2021, 3),
        };
        let rows = months(vec![a]);
        assert_eq!(rows.rows.len(), 1);
        assert_eq!(rows.rows[0].started.sessions, 2);
        assert!(rows.ranged.is_empty());
    }

    #[test]
    fn empty_months_between_are_listed_across_years() {
        let rows = months(vec![
            activity("a", "2021-11-02", None, None),
            activity("b", "2022-02", None, None),
        ]);
        let labels: Vec<String> = rows.rows.iter().map(MonthRow::label).collect();
        assert_eq!(labels, ["2021-11", "2021-12", "2022-01", "2022-02"]);
        assert_eq!(rows.rows[1].running, 0);
    }

    #[test]
    fn a_mistyped_year_does_not_list_thousands_of_months() {
        let rows = months(vec![
            activity("a", "2021-03", None, None),
            activity("b", "1021-03", None, None),
        ]);
        assert_eq!(rows.rows.len(), 2);
        assert_eq!(rows.rows[0].y, 1021);
        assert!(months(Vec::new()).is_empty());
    }
}
