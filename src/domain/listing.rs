//! The order of the site list (the map's accessible alternative): by name, by distance
//! from a point (the map centre or the user's position), or by number of activities.
//! Stable: equal keys keep data order. Pure: data model and `geo` only.

use super::geo::{distance_m, LonLat};
use super::model::Dataset;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Distance,
    Activities,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Name, SortKey::Distance, SortKey::Activities];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Distance => "distance",
            SortKey::Activities => "activities",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Sorts site indices in place. `names` are the display names (in the UI language) by
/// site index; `from` is the point distances are measured from (without one, by name).
/// Most activities first; nearest first; names in code-point order.
pub fn sort_sites(
    sites: &mut [usize],
    key: SortKey,
    dataset: &Dataset,
    activity_counts: &[usize],
    from: Option<LonLat>,
) {
    let name = |i: usize| dataset.sites.get(i).map_or("", |s| s.name.as_str());
    match (key, from) {
        (SortKey::Distance, Some(p)) => {
            let d = |i: usize| {
                dataset.sites.get(i).map_or(f64::INFINITY, |s| {
                    let d = distance_m(p, s.position);
                    if d.is_finite() {
                        d
                    } else {
                        f64::INFINITY
                    }
                })
            };
            sites.sort_by(|&a, &b| d(a).total_cmp(&d(b)));
        }
        (SortKey::Activities, _) => {
            let n = |i: usize| activity_counts.get(i).copied().unwrap_or(0);
            sites.sort_by(|&a, &b| n(b).cmp(&n(a)).then_with(|| name(a).cmp(name(b))));
        }
        _ => sites.sort_by(|&a, &b| name(a).cmp(name(b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::bundled;

    #[test]
    fn sorts_by_activities_distance_and_name() {
        let ds = bundled();
        let counts = crate::domain::filter::ActivitySites::new(&ds).counts(ds.sites.len());
        let mut all: Vec<usize> = (0..ds.sites.len()).collect();
        sort_sites(&mut all, SortKey::Activities, &ds, &counts, None);
        assert_eq!(
            ds.sites[all[0]].id.as_str(),
            "ye-ting-independent-regiment-hq"
        );
        assert!(all.windows(2).all(|w| counts[w[0]] >= counts[w[1]]));

        let qianxi = LonLat::new(106.3, 26.9);
        sort_sites(&mut all, SortKey::Distance, &ds, &counts, Some(qianxi));
        assert_eq!(ds.sites[all[0]].admin.county.as_deref(), Some("黔西县"));

        sort_sites(&mut all, SortKey::Name, &ds, &counts, None);
        assert!(all
            .windows(2)
            .all(|w| ds.sites[w[0]].name <= ds.sites[w[1]].name));
        assert_eq!(SortKey::parse("distance"), Some(SortKey::Distance));
    }
}
