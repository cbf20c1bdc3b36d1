//! Which sites the filters let through: kind, region (with its child regions and the
//! sites' administrative towns/counties), theme, activity type, "has activities" and a
//! date range over the activities. Values within one facet are alternatives (OR); facets
//! combine with AND. The activity conditions hold together: a site passes if ONE of its
//! activities has a chosen type AND overlaps the date range.
//!
//! Pure: plain data in, a mask (one bool per site) and counts out. The URL form is in
//! `query.rs`, months for the time slider in `months.rs`.

mod months;
mod query;

pub use months::{activity_extent, activity_months, Month};
pub use query::KEYS as QUERY_KEYS;

use super::model::{ActivityType, Dataset, Date, RegionId, RegionLevel, Site, SiteKind};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub kinds: Vec<SiteKind>,
    pub regions: Vec<RegionId>,
    pub themes: Vec<String>,
    pub activity_types: Vec<ActivityType>,
    pub has_activities: bool,
    /// Inclusive first and last day.
    pub date_range: Option<(Date, Date)>,
}

impl Filter {
    /// Nothing chosen: every site passes.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn needs_activity(&self) -> bool {
        self.has_activities || !self.activity_types.is_empty() || self.date_range.is_some()
    }
}

/// What a filter needs from the dataset, computed once per `apply`.
struct Prepared<'a> {
    filter: &'a Filter,
    /// Chosen regions and all their descendants.
    region_ids: HashSet<&'a str>,
    /// Names of those regions per level, for sites that give only an admin name.
    region_names: HashSet<(RegionLevel, &'a str)>,
    /// Sites (by index) with an activity meeting the activity conditions.
    active: Vec<bool>,
}

impl<'a> Prepared<'a> {
    fn new(dataset: &'a Dataset, links: &ActivitySites, filter: &'a Filter) -> Self {
        let region_ids = with_descendants(dataset, &filter.regions);
        let region_names = dataset
            .regions
            .iter()
            .filter(|r| region_ids.contains(r.id.as_str()))
            .map(|r| (r.level, r.name.as_str()))
            .collect();
        Prepared {
            filter,
            region_ids,
            region_names,
            active: active_sites(dataset, links, filter),
        }
    }

    fn passes(&self, i: usize, site: &Site, skip_kinds: bool) -> bool {
        let f = self.filter;
        (skip_kinds || f.kinds.is_empty() || f.kinds.iter().any(|&k| site.is_kind(k)))
            && (f.regions.is_empty() || self.in_regions(site))
            && (f.themes.is_empty() || site.themes.iter().any(|t| f.themes.contains(t)))
            && (!f.needs_activity() || self.active.get(i).copied().unwrap_or(false))
    }

    fn in_regions(&self, site: &Site) -> bool {
        if let Some(r) = &site.region {
            if self.region_ids.contains(r.as_str()) {
                return true;
            }
        }
        let a = &site.admin;
        [
            (RegionLevel::Town, &a.town),
            (RegionLevel::County, &a.county),
            (RegionLevel::City, &a.city),
            (RegionLevel::Province, &a.province),
        ]
        .iter()
        .any(|(level, name)| {
            name.as_deref()
                .is_some_and(|n| self.region_names.contains(&(*level, n)))
        })
    }
}

/// The ids and every region below them (through `parent`), cycles tolerated.
fn with_descendants<'a>(dataset: &'a Dataset, chosen: &'a [RegionId]) -> HashSet<&'a str> {
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &dataset.regions {
        if let Some(p) = &r.parent {
            children.entry(p.as_str()).or_default().push(r.id.as_str());
        }
    }
    let mut out = HashSet::new();
    let mut todo: Vec<&str> = chosen.iter().map(RegionId::as_str).collect();
    while let Some(id) = todo.pop() {
        if out.insert(id) {
            todo.extend(children.get(id).into_iter().flatten());
        }
    }
    out
}

/// The site index of each activity (`None`: tied to a region, or to an unknown id).
/// Build once per data load: resolving 100k ids by hash costs more than filtering.
/// Held as index + 1, so that `None` takes no room (4 bytes an activity, not 8).
pub struct ActivitySites(Vec<Option<std::num::NonZeroU32>>);

impl ActivitySites {
    /// The sites the activities name (the first site of each id), found in one pass over
    /// the sites that stops once all are found: not an index of every site's id (after a
    /// 270k-row import, `Dataset::site_lookup` took ~50 ms of the task that shows it, for
    /// the bundled activities' few sites, which come first).
    pub fn new(dataset: &Dataset) -> Self {
        if dataset.activities.is_empty() {
            return ActivitySites(Vec::new());
        }
        let mut found: HashMap<&str, Option<usize>> = dataset
            .activities
            .iter()
            .filter_map(|a| Some((a.site()?.as_str(), None)))
            .collect();
        let mut left = found.len();
        for (i, site) in dataset.sites.iter().enumerate() {
            if left == 0 {
                break;
            }
            if let Some(slot @ None) = found.get_mut(site.id.as_str()) {
                *slot = Some(i);
                left -= 1;
            }
        }
        ActivitySites(
            dataset
                .activities
                .iter()
                .map(|a| {
                    a.site()
                        .and_then(|id| found.get(id.as_str()).copied().flatten())
                        .and_then(|i| std::num::NonZeroU32::new(i as u32 + 1))
                })
                .collect(),
        )
    }

    /// Number of activities at each site, by site index.
    pub fn counts(&self, n_sites: usize) -> Vec<usize> {
        let mut counts = vec![0; n_sites];
        for i in self.0.iter().flatten() {
            if let Some(c) = counts.get_mut(i.get() as usize - 1) {
                *c += 1;
            }
        }
        counts
    }
}

/// Per site: does it have an activity of a chosen type (any, if none chosen) overlapping
/// the date range (any date, if none)?
fn active_sites(dataset: &Dataset, links: &ActivitySites, filter: &Filter) -> Vec<bool> {
    let mut active = vec![false; dataset.sites.len()];
    if !filter.needs_activity() {
        return active;
    }
    for (a, site) in dataset.activities.iter().zip(&links.0) {
        let type_ok = filter.activity_types.is_empty() || filter.activity_types.contains(&a.kind);
        let (start, end) = a.date.bounds();
        // A record dated only by a range of months (no recurrence) happened at some unknown
        // date in it: it is in a chosen period (a playback month) only if all of the range
        // is; a recurring one is under way through all of it (as the dashboard counts).
        let uncertain = a.recurrence.is_none() && (start.y, start.m) != (end.y, end.m);
        let date_ok = filter.date_range.is_none_or(|(from, to)| {
            if uncertain {
                start >= from && end <= to
            } else {
                start <= to && end >= from
            }
        });
        if let (true, true, Some(i)) = (type_ok, date_ok, site) {
            if let Some(a) = active.get_mut(i.get() as usize - 1) {
                *a = true;
            }
        }
    }
    active
}

/// One bool per site: does it pass the filter?
pub fn apply(dataset: &Dataset, filter: &Filter) -> Vec<bool> {
    apply_with(dataset, &ActivitySites::new(dataset), filter)
}

/// [`apply`] with the activity links built once per load.
pub fn apply_with(dataset: &Dataset, links: &ActivitySites, filter: &Filter) -> Vec<bool> {
    if filter.is_empty() {
        return vec![true; dataset.sites.len()];
    }
    let p = Prepared::new(dataset, links, filter);
    dataset
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| p.passes(i, s, false))
        .collect()
}

/// For the kind checkboxes: per kind (legend order, all kinds), how many sites would pass
/// with that kind chosen and every OTHER facet as it is (what ticking it would show).
pub fn kind_counts(
    dataset: &Dataset,
    links: &ActivitySites,
    filter: &Filter,
) -> Vec<(SiteKind, usize)> {
    let p = Prepared::new(dataset, links, filter);
    let mut counts: Vec<(SiteKind, usize)> = SiteKind::ALL.iter().map(|&k| (k, 0)).collect();
    for (i, site) in dataset.sites.iter().enumerate() {
        if p.passes(i, site, true) {
            for (k, n) in counts.iter_mut() {
                *n += usize::from(site.is_kind(*k));
            }
        }
    }
    counts
}

/// For the legend: sites the mask lets through, by main kind (legend order, empty kinds
/// left out), so the counts match the symbols on the map.
pub fn shown_by_kind(dataset: &Dataset, mask: Option<&[bool]>) -> Vec<(SiteKind, usize)> {
    let mut counts: Vec<(SiteKind, usize)> = SiteKind::ALL.iter().map(|&k| (k, 0)).collect();
    for (i, site) in dataset.sites.iter().enumerate() {
        if mask.is_none_or(|m| m.get(i).copied().unwrap_or(true)) {
            if let Some(c) = counts.iter_mut().find(|(k, _)| *k == site.kind) {
                c.1 += 1;
            }
        }
    }
    counts.retain(|&(_, n)| n > 0);
    counts
}

/// Regions for a picker: each parent followed by its children (data order within a level),
/// as (index into `dataset.regions`, depth). Orphans (unknown parent) are roots; a cycle
/// cannot hide a region (any left over are appended as roots).
pub fn regions_in_tree_order(dataset: &Dataset) -> Vec<(usize, usize)> {
    let ids: HashSet<&str> = dataset.regions.iter().map(|r| r.id.as_str()).collect();
    let mut out = Vec::new();
    let mut done = vec![false; dataset.regions.len()];
    let is_root =
        |r: &super::model::Region| r.parent.as_ref().is_none_or(|p| !ids.contains(p.as_str()));
    let mut todo: Vec<(usize, usize)> = dataset
        .regions
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, r)| is_root(r))
        .map(|(i, _)| (i, 0))
        .collect();
    loop {
        while let Some((i, depth)) = todo.pop() {
            if std::mem::replace(&mut done[i], true) {
                continue;
            }
            out.push((i, depth));
            let id = dataset.regions[i].id.as_str();
            let children = dataset
                .regions
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, r)| r.parent.as_ref().is_some_and(|p| p.as_str() == id));
            todo.extend(children.map(|(c, _)| (c, depth + 1)));
        }
        match done.iter().position(|d| !d) {
            Some(i) => todo.push((i, 0)),
            None => return out,
        }
    }
}

/// Every theme the sites use, sorted, each once.
pub fn themes(dataset: &Dataset) -> Vec<String> {
    // Distinct first, then copied: cloning and sorting every site's themes cost ~140 ms
    // of the first frame at 100k sites (a handful of distinct themes).
    let distinct: std::collections::BTreeSet<&str> = dataset
        .sites
        .iter()
        .flat_map(|s| s.themes.iter().map(String::as_str))
        .collect();
    distinct.into_iter().map(str::to_owned).collect()
}

/// A theme as the filter offers it: the value the sites use (the key kept in the URL) and
/// its English name, from the first site that gives one (`themes_en`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeName {
    pub key: String,
    pub en: Option<String>,
}

/// Every theme the sites use with its English name, sorted by the key, each once.
pub fn theme_names(dataset: &Dataset) -> Vec<ThemeName> {
    let mut names: std::collections::BTreeMap<&str, Option<&str>> = Default::default();
    for site in &dataset.sites {
        for theme in &site.themes {
            let en = names.entry(theme.as_str()).or_default();
            if en.is_none() {
                *en = site.theme_en(theme);
            }
        }
    }
    names
        .into_iter()
        .map(|(key, en)| ThemeName {
            key: key.to_owned(),
            en: en.map(str::to_owned),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::bundled;

    #[test]
    fn every_bundled_theme_has_an_english_name() {
        let names = theme_names(&bundled());
        assert_eq!(names.len(), themes(&bundled()).len());
        let long_march = names.iter().find(|n| n.key == "长征").expect("长征");
        assert_eq!(long_march.en.as_deref(), Some("Long March"));
        assert!(names.iter().all(|n| n.en.is_some()), "{names:?}");
    }

    #[test]
    fn a_theme_without_english_is_kept_with_none() {
        let mut ds = bundled();
        ds.sites[0].themes = vec!["自编主题".into()];
        ds.sites[0].themes_en = vec![];
        let names = theme_names(&ds);
        let own = names.iter().find(|n| n.key == "自编主题").expect("kept");
        assert_eq!(own.en, None);
    }

    #[test]
    fn activity_sites_are_the_first_site_with_the_id() {
        let mut ds = bundled();
        let mut twin = ds.sites[1].clone();
        twin.name = "twin".into();
        ds.sites.push(twin); // a repeated id: the first one counts
        let mut unknown = ds.activities[0].clone();
        unknown.target = crate::domain::model::ActivityTarget::Site(crate::domain::model::SiteId(
            "nowhere".into(),
        ));
        ds.activities.push(unknown);
        let index = ds.site_index();
        let want: Vec<Option<u32>> = ds
            .activities
            .iter()
            .map(|a| {
                a.site()
                    .and_then(|id| index.get(id.as_str()))
                    .map(|&i| i as u32)
            })
            .collect();
        assert!(want.iter().any(Option::is_none) && want.iter().any(Option::is_some));
        let got: Vec<Option<u32>> = ActivitySites::new(&ds)
            .0
            .iter()
            .map(|i| i.map(|i| i.get() - 1))
            .collect();
        assert_eq!(got, want);
    }

    fn passing(ds: &Dataset, f: &Filter) -> Vec<String> {
        let mask = apply(ds, f);
        ds.sites
            .iter()
            .zip(mask)
            .filter(|(_, m)| *m)
            .map(|(s, _)| s.id.to_string())
            .collect()
    }

    #[test]
    fn empty_filter_passes_everything() {
        let ds = bundled();
        assert!(apply(&ds, &Filter::default()).iter().all(|&m| m));
    }

    #[test]
    fn kinds_are_alternatives_and_counts_follow_other_facets() {
        let ds = bundled();
        let f = Filter {
            kinds: vec![SiteKind::Museum, SiteKind::Memorial],
            ..Filter::default()
        };
        assert_eq!(passing(&ds, &f).len(), 5);
        let f = Filter {
            regions: vec![RegionId::from("qianxi")],
            ..Filter::default()
        };
        let counts = kind_counts(&ds, &ActivitySites::new(&ds), &f);
        let of = |k| counts.iter().find(|c| c.0 == k).map(|c| c.1);
        assert_eq!(of(SiteKind::RevolutionarySite), Some(2));
        assert_eq!(of(SiteKind::Museum), Some(0));
    }

    #[test]
    fn region_includes_children_and_admin_names() {
        let ds = bundled();
        let zhaoqing = Filter {
            regions: vec![RegionId::from("zhaoqing")],
            ..Filter::default()
        };
        assert_eq!(
            passing(&ds, &zhaoqing).len(),
            3,
            "duanzhou, deqing, gaoyao sites"
        );
        let xiqiao = Filter {
            regions: vec![RegionId::from("nanhai-xiqiao")],
            ..Filter::default()
        };
        assert_eq!(
            passing(&ds, &xiqiao).len(),
            5,
            "sites whose admin town is 西樵镇"
        );
    }

    #[test]
    fn activity_conditions_hold_on_one_activity() {
        let ds = bundled();
        let d = |s| Date::parse(s).expect("date");
        let march = Filter {
            date_range: Some((d("2021-03-01"), d("2021-03-31"))),
            ..Filter::default()
        };
        let ids = passing(&ds, &march);
        assert!(ids.contains(&"daguan-salt-store".to_string()), "{ids:?}");
        assert!(
            ids.contains(&"ye-ting-independent-regiment-hq".to_string()),
            "weekly, Feb-Dec"
        );
        assert!(!ids.contains(&"qiandenghu-park".to_string()), "July only");
        // A visit dated only "2021-03 – 2021-12" is not in March (nor any one month)...
        assert!(
            !ids.contains(&"xiqiaoshan-anti-japanese-memorial".to_string()),
            "{ids:?}"
        );
        // ...but is in a period that holds all of its range.
        let year = Filter {
            date_range: Some((d("2021-02-01"), d("2021-12-31"))),
            ..Filter::default()
        };
        assert!(passing(&ds, &year).contains(&"xiqiaoshan-anti-japanese-memorial".to_string()));
        let watch_in_march = Filter {
            activity_types: vec![ActivityType::Watch],
            ..march
        };
        assert!(passing(&ds, &watch_in_march).is_empty());
        let has = Filter {
            has_activities: true,
            ..Filter::default()
        };
        assert_eq!(passing(&ds, &has).len(), 14);
    }

    #[test]
    fn legend_counts_follow_the_mask() {
        let ds = bundled();
        let f = Filter {
            themes: vec!["丝绸".into()],
            ..Filter::default()
        };
        let mask = apply(&ds, &f);
        let total: usize = shown_by_kind(&ds, Some(&mask)).iter().map(|c| c.1).sum();
        assert_eq!(total, 3);
        assert!(themes(&ds).contains(&"长征".to_string()));
    }

    #[test]
    fn regions_list_parents_before_children() {
        let ds = bundled();
        let order = regions_in_tree_order(&ds);
        assert_eq!(order.len(), ds.regions.len());
        let name = |k: usize| ds.regions[order[k].0].name.as_str();
        assert_eq!((name(0), order[0].1), ("佛山市", 0));
        assert_eq!((name(1), order[1].1), ("南海区", 1));
        assert_eq!((name(2), order[2].1), ("桂城街道", 2));
    }
}
