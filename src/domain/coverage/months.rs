//! Activities by calendar month, for the chart and the time playback.
//!
//! How a record counts: once, in the month it STARTS. A day or a month is its own month;
//! a range ("2021-03 to 2021-12", often how a source dates a year of visits) counts in its
//! first month. So the months add up to the activity total, no record counts twice, and
//! no record is split into monthly shares the source never gave. Beside that count,
//! `running` says how many records were under way in the month (started then or earlier
//! and not yet ended), which is what a playback of "what was happening" shows.
//!
//! Months run from the first to the last month any record covers, empty months included
//! (a line chart must show the gaps), unless that span exceeds [`MAX_FILLED_MONTHS`]
//! (a mistyped year), when only months with something in them are listed.

use super::figures::ActivityFigures;
use super::index::{CoverageIndex, Scope};
use crate::domain::model::{Dataset, Date};
use std::collections::{BTreeMap, BTreeSet};

/// Longest span (100 years) listed month by month.
pub const MAX_FILLED_MONTHS: i64 = 1200;

/// One calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthRow {
    pub y: i32,
    /// 1-12.
    pub m: u8,
    /// Records that start this month, with their figures.
    pub started: ActivityFigures,
    /// Of those, records that run on past this month.
    pub started_spanning: usize,
    /// Records under way this month (started this month or earlier, ending this month or later).
    pub running: usize,
}

impl MonthRow {
    /// "2021-03".
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.y, self.m)
    }
}

fn ordinal(d: Date) -> i64 {
    i64::from(d.y) * 12 + i64::from(d.m) - 1
}

/// Activities in scope per month, in calendar order.
pub fn by_month(data: &Dataset, index: &CoverageIndex, scope: Scope) -> Vec<MonthRow> {
    let mut started: BTreeMap<i64, (ActivityFigures, usize)> = BTreeMap::new();
    // +1 where a record starts running, -1 the month after it ends.
    let mut delta: BTreeMap<i64, i64> = BTreeMap::new();
    // Months where something starts or ends: listed even when the span is too long to fill.
    let mut marks: BTreeSet<i64> = BTreeSet::new();
    for (i, a) in data.activities.iter().enumerate() {
        if !scope.has_activity(index, i) {
            continue;
        }
        let (first, last) = a.date.bounds();
        let (s, e) = (ordinal(first), ordinal(last).max(ordinal(first)));
        let entry = started.entry(s).or_default();
        entry.0.add(a);
        entry.1 += usize::from(e > s);
        *delta.entry(s).or_default() += 1;
        *delta.entry(e + 1).or_default() -= 1;
        marks.extend([s, e]);
    }
    let (Some(&lo), Some(&hi)) = (marks.first(), marks.last()) else {
        return Vec::new();
    };
    let months: Vec<i64> = if hi - lo < MAX_FILLED_MONTHS {
        (lo..=hi).collect()
    } else {
        marks.into_iter().collect()
    };
    let mut running = 0i64;
    let mut deltas = delta.into_iter().peekable();
    months
        .into_iter()
        .map(|k| {
            while let Some((_, d)) = deltas.next_if(|(at, _)| *at <= k) {
                running += d;
            }
            let (figures, spanning) = started.get(&k).copied().unwrap_or_default();
            MonthRow {
                y: k.div_euclid(12) as i32,
                m: (k.rem_euclid(12) + 1) as u8,
                started: figures,
                started_spanning: spanning,
                running: running.max(0) as usize,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::activity;
    use crate::domain::model::ActivityDate;

    fn months(acts: Vec<crate::domain::model::Activity>) -> Vec<MonthRow> {
        let data = Dataset {
            activities: acts,
            ..Dataset::default()
        };
        by_month(&data, &CoverageIndex::new(&data), Scope::all())
    }

    #[test]
    fn a_range_counts_once_in_its_start_month_and_runs_on() {
        let mut range = activity("range", "2021-03", Some(60), None);
        range.date = ActivityDate::Range {
            start: Date::first_of(2021, 3),
            end: Date::last_of(2021, 5),
        };
        let rows = months(vec![
            range,
            activity("day", "2021-04-13", None, Some(30)),
            activity("month", "2021-06", None, None),
        ]);
        let labels: Vec<String> = rows.iter().map(MonthRow::label).collect();
        assert_eq!(labels, ["2021-03", "2021-04", "2021-05", "2021-06"]);
        let started: Vec<usize> = rows.iter().map(|r| r.started.records).collect();
        assert_eq!(started, [1, 1, 0, 1], "each record once, at its start");
        assert_eq!(
            started.iter().sum::<usize>(),
            3,
            "months add up to the total"
        );
        let running: Vec<usize> = rows.iter().map(|r| r.running).collect();
        assert_eq!(running, [1, 2, 1, 1]);
        assert_eq!(rows[0].started_spanning, 1);
        assert_eq!(rows[0].started.sessions, 60);
        assert_eq!(rows[1].started.participants, 30);
    }

    #[test]
    fn empty_months_between_are_listed_across_years() {
        let rows = months(vec![
            activity("a", "2021-11-02", None, None),
            activity("b", "2022-02", None, None),
        ]);
        let labels: Vec<String> = rows.iter().map(MonthRow::label).collect();
        assert_eq!(labels, ["2021-11", "2021-12", "2022-01", "2022-02"]);
        assert_eq!(rows[1].running, 0);
    }

    #[test]
    fn a_mistyped_year_does_not_list_thousands_of_months() {
        let rows = months(vec![
            activity("a", "2021-03", None, None),
            activity("b", "1021-03", None, None),
        ]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].y, 1021);
        assert!(months(Vec::new()).is_empty());
    }
}
