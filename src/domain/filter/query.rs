//! The filter in the URL, defensively: `kind=museum,memorial`, `region=nanhai`,
//! `theme=长征`, `act=lecture`, `has=1`, `date=2021-03/2021-06` (months or days). Each
//! unknown or malformed value is dropped with a message naming the parameter; nothing
//! panics. Values within a parameter are separated by commas.

use super::{Filter, Month};
use crate::domain::model::{ActivityType, Dataset, Date, RegionId, SiteKind};
use crate::domain::permalink::{quoted, MAX_VALUE_LEN};

/// The query parameters this module owns (to clear them all when the filter is reset).
pub const KEYS: [&str; 6] = ["kind", "region", "theme", "act", "has", "date"];

/// Longest list accepted in one parameter.
const MAX_ITEMS: usize = 64;

impl Filter {
    /// (key, value) for every parameter; `None` for those to remove from the URL.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, Option<String>)> {
        let list = |items: Vec<&str>| (!items.is_empty()).then(|| items.join(","));
        vec![
            (
                "kind",
                list(self.kinds.iter().map(|k| k.as_str()).collect()),
            ),
            (
                "region",
                list(self.regions.iter().map(|r| r.as_str()).collect()),
            ),
            (
                "theme",
                list(self.themes.iter().map(String::as_str).collect()),
            ),
            (
                "act",
                list(self.activity_types.iter().map(|t| t.as_str()).collect()),
            ),
            ("has", self.has_activities.then(|| "1".to_string())),
            ("date", self.date_range.map(format_range)),
        ]
    }

    /// Reads the filter's parameters from decoded query pairs; other keys are ignored.
    pub fn from_query_pairs(pairs: &[(String, String)]) -> (Filter, Vec<String>) {
        let mut f = Filter::default();
        let mut problems = Vec::new();
        for (key, value) in pairs {
            if value.len() > MAX_VALUE_LEN {
                continue; // `permalink::parse` says so, once for every parameter
            }
            let items = || {
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .take(MAX_ITEMS)
            };
            match key.as_str() {
                "kind" => f.kinds = vocab(key, items(), SiteKind::parse, &mut problems),
                "act" => f.activity_types = vocab(key, items(), ActivityType::parse, &mut problems),
                "region" => f.regions = items().map(RegionId::from).collect(),
                "theme" => f.themes = items().map(str::to_string).collect(),
                "has" => match value.as_str() {
                    "1" | "true" => f.has_activities = true,
                    "0" | "false" => {}
                    _ => problems.push(format!("has: {} is not 1 or 0", quoted(value))),
                },
                "date" => match parse_range(value) {
                    Some(range) => f.date_range = Some(range),
                    None => problems.push(format!(
                        "date: {} is not a range like 2021-03/2021-06; showing all dates",
                        quoted(value)
                    )),
                },
                _ => {}
            }
        }
        (f, problems)
    }

    /// Drops region ids and themes this dataset does not have, one message each.
    pub fn check_against(&mut self, dataset: &Dataset) -> Vec<String> {
        let mut problems = Vec::new();
        self.regions.retain(|id| {
            let known = dataset.region(id).is_some();
            if !known {
                problems.push(format!(
                    "region: no region with id {} in this data",
                    quoted(id.as_str())
                ));
            }
            known
        });
        let themes = super::themes(dataset);
        self.themes.retain(|t| {
            let known = themes.contains(t);
            if !known {
                problems.push(format!("theme: no site has the theme {}", quoted(t)));
            }
            known
        });
        problems
    }
}

fn vocab<'a, T>(
    key: &str,
    items: impl Iterator<Item = &'a str>,
    parse: fn(&str) -> Option<T>,
    problems: &mut Vec<String>,
) -> Vec<T> {
    items
        .filter_map(|s| {
            let v = parse(s);
            if v.is_none() {
                problems.push(format!("{key}: unknown value {}, ignored", quoted(s)));
            }
            v
        })
        .collect()
}

/// "2021-03/2021-06" for whole months, else "2021-03-05/2021-06-20".
fn format_range((from, to): (Date, Date)) -> String {
    let whole_months = from.d == 1 && to == Month::of(to).last_day();
    if whole_months {
        format!("{}/{}", Month::of(from), Month::of(to))
    } else {
        format!("{from}/{to}")
    }
}

/// "A/B" where each side is a day or a month (a month means its first / last day).
fn parse_range(text: &str) -> Option<(Date, Date)> {
    let (a, b) = text.split_once('/')?;
    let from = Date::parse(a).or_else(|| Month::parse(a).map(Month::first_day))?;
    let to = Date::parse(b).or_else(|| Month::parse(b).map(Month::last_day))?;
    (from <= to).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::bundled;
    use crate::domain::test_data::pairs;

    #[test]
    fn round_trips_through_the_url() {
        let d = |s| Date::parse(s).expect("date");
        let f = Filter {
            kinds: vec![SiteKind::Museum, SiteKind::Memorial],
            regions: vec![RegionId::from("nanhai")],
            themes: vec!["长征".into()],
            activity_types: vec![ActivityType::Lecture],
            has_activities: true,
            date_range: Some((d("2021-03-01"), d("2021-06-30"))),
        };
        let out: Vec<(String, String)> = f
            .to_query_pairs()
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_string(), v?)))
            .collect();
        assert!(out.contains(&("date".into(), "2021-03/2021-06".into())));
        let (back, problems) = Filter::from_query_pairs(&out);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, f);
    }

    #[test]
    fn bad_values_are_messages_not_panics() {
        let (f, problems) = Filter::from_query_pairs(&pairs(&[
            ("kind", "museum,musem,,"),
            ("act", "dance"),
            ("has", "maybe"),
            ("date", "2021-06/2021-03"),
            ("v", "ignored/by/this"),
        ]));
        assert_eq!(f.kinds, vec![SiteKind::Museum]);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("musem"));
        for bad in [
            "",
            "/",
            "2021/2022",
            "2021-02-30/2021-03",
            "x".repeat(5000).as_str(),
        ] {
            let (f, _) = Filter::from_query_pairs(&pairs(&[("date", bad)]));
            assert_eq!(f.date_range, None, "{bad}");
        }
    }

    #[test]
    fn unknown_regions_and_themes_are_dropped_with_a_message() {
        let ds = bundled();
        let (mut f, _) = Filter::from_query_pairs(&pairs(&[
            ("region", "nanhai,atlantis"),
            ("theme", "长征,不存在"),
        ]));
        let problems = f.check_against(&ds);
        assert_eq!(f.regions, vec![RegionId::from("nanhai")]);
        assert_eq!(f.themes, vec!["长征".to_string()]);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
