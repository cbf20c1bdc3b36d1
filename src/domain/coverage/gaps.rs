//! Gaps: towns and seats with no site in scope within a distance (default 10 km), each
//! with its nearest site, farthest first.
//!
//! A place to check is a region of a chosen level (towns and counties by default: the
//! schema records a county's point as its seat) that has a position: its point, or the
//! centre of its outline's box when only an outline is given. Regions of those levels
//! with no position are listed apart, not silently skipped.
//!
//! Nearest sites come from an R-tree over unit vectors on the sphere: the straight
//! (chord) distance between two unit vectors grows with the great-circle distance, so the
//! nearest by chord is exactly the nearest on the globe, with no projection error
//! (Web Mercator distances, as the map's hit index uses, would be off by cos(lat)).

use super::index::Scope;
use crate::domain::geo::{distance_m, LonLat};
use crate::domain::model::{Dataset, RegionLevel};
use rstar::primitives::GeomWithData;
use rstar::RTree;

/// The default distance.
pub const DEFAULT_GAP_RADIUS_KM: f64 = 10.0;

/// What to check.
#[derive(Debug, Clone, PartialEq)]
pub struct GapOptions {
    /// Greater than this distance from every site is a gap. Non-finite or negative: the default.
    pub radius_km: f64,
    /// Region levels whose places are checked.
    pub levels: Vec<RegionLevel>,
}

impl Default for GapOptions {
    fn default() -> Self {
        GapOptions {
            radius_km: DEFAULT_GAP_RADIUS_KM,
            levels: vec![RegionLevel::County, RegionLevel::Town],
        }
    }
}

/// The site nearest a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nearest {
    /// Index into `dataset.sites`.
    pub site: usize,
    pub distance_m: f64,
}

/// A place with no site within the distance.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Index into `dataset.regions`.
    pub region: usize,
    pub position: LonLat,
    /// `None` when no site in scope has a position at all.
    pub nearest: Option<Nearest>,
}

/// The result of a gap search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GapReport {
    /// The distance used, km.
    pub radius_km: f64,
    /// Places checked.
    pub checked: usize,
    /// Farthest from any site first.
    pub gaps: Vec<Gap>,
    /// Regions of the checked levels with no position (indices into `dataset.regions`).
    pub unlocated: Vec<usize>,
}

type Entry = GeomWithData<[f64; 3], usize>;

fn unit_vector(p: LonLat) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The sites in scope as points on the unit sphere: built once per data load and filter
/// change, so that trying another distance is only a query.
#[derive(Debug, Clone)]
pub struct SiteSphere {
    tree: RTree<Entry>,
}

impl SiteSphere {
    pub fn new(data: &Dataset, scope: Scope) -> Self {
        let entries: Vec<Entry> = data
            .sites
            .iter()
            .enumerate()
            .filter(|(i, s)| scope.has_site(*i) && s.position.is_finite())
            .map(|(i, s)| Entry::new(unit_vector(s.position), i))
            .collect();
        SiteSphere {
            tree: RTree::bulk_load(entries),
        }
    }

    /// The site nearest `p` (great-circle), with its distance; `data` is the dataset the
    /// sphere was built from.
    pub fn nearest(&self, data: &Dataset, p: LonLat) -> Option<Nearest> {
        let e = self.tree.nearest_neighbor(unit_vector(p))?;
        let site = data.sites.get(e.data)?;
        Some(Nearest {
            site: e.data,
            distance_m: distance_m(p, site.position),
        })
    }
}

/// Finds the places of `options.levels` with no site in `scope` within the distance.
pub fn find_gaps(data: &Dataset, scope: Scope, options: &GapOptions) -> GapReport {
    find_gaps_in(data, &SiteSphere::new(data, scope), options)
}

/// [`find_gaps`] over a sphere built beforehand (from the same `data`).
pub fn find_gaps_in(data: &Dataset, sphere: &SiteSphere, options: &GapOptions) -> GapReport {
    let radius_km = if options.radius_km.is_finite() && options.radius_km >= 0.0 {
        options.radius_km
    } else {
        DEFAULT_GAP_RADIUS_KM
    };
    let mut report = GapReport {
        radius_km,
        ..GapReport::default()
    };
    for (r, region) in data.regions.iter().enumerate() {
        if !options.levels.contains(&region.level) {
            continue;
        }
        let position = region.geometry.as_ref().and_then(|g| g.centre());
        let Some(position) = position.filter(|p| p.is_finite()) else {
            report.unlocated.push(r);
            continue;
        };
        report.checked += 1;
        let nearest = sphere.nearest(data, position);
        if nearest.is_none_or(|n| n.distance_m > radius_km * 1000.0) {
            report.gaps.push(Gap {
                region: r,
                position,
                nearest,
            });
        }
    }
    let far = |g: &Gap| g.nearest.map_or(f64::INFINITY, |n| n.distance_m);
    report
        .gaps
        .sort_by(|a, b| far(b).total_cmp(&far(a)).then(a.region.cmp(&b.region)));
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::{at, city, region, site};
    use crate::domain::model::SiteKind;

    #[test]
    fn lists_towns_and_seats_farther_than_the_radius_farthest_first() {
        let data = city();
        let report = find_gaps(&data, Scope::all(), &GapOptions::default());
        // Checked: 端州区, 德庆县 and three towns. 德庆县 and 德城街道 hold "tp" at their
        // point; 高良镇 holds "admin-only"; 城区 is ~1.5 km from hq.
        assert_eq!(report.checked, 5);
        assert!(report.gaps.is_empty(), "{:?}", report.gaps);
        let near = find_gaps(
            &data,
            Scope::all(),
            &GapOptions {
                radius_km: 1.0,
                ..GapOptions::default()
            },
        );
        assert_eq!(near.gaps.len(), 1);
        let gap = &near.gaps[0];
        assert_eq!(data.regions[gap.region].name, "城区");
        let n = gap.nearest.expect("nearest");
        assert_eq!(data.sites[n.site].id.as_str(), "hq");
        assert!(
            (1_400.0..1_600.0).contains(&n.distance_m),
            "{}",
            n.distance_m
        );
    }

    #[test]
    fn the_scope_decides_which_sites_count() {
        let data = city();
        let only_nowhere = [false, false, false, true];
        let report = find_gaps(
            &data,
            Scope::sites(Some(&only_nowhere)),
            &GapOptions::default(),
        );
        assert_eq!(report.gaps.len(), 5);
        // 德城街道 and 德庆县 share a point; the farthest from 黔西 (106°E) comes first.
        assert!(
            report.gaps[0].nearest.expect("n").distance_m
                > report.gaps[4].nearest.expect("n").distance_m
        );
        let none = [false; 4];
        let report = find_gaps(&data, Scope::sites(Some(&none)), &GapOptions::default());
        assert!(report.gaps.iter().all(|g| g.nearest.is_none()));
    }

    #[test]
    fn nearest_is_great_circle_not_mercator() {
        // At 60°N a site 0.98° north (109.0 km) is nearer than one 1° south (111.2 km),
        // but Web Mercator stretches the north more and would pick the south one.
        let data = Dataset {
            regions: vec![at(region("t", "镇", RegionLevel::Town, None), 10.0, 60.0)],
            sites: vec![
                site("south", SiteKind::Other, 10.0, 59.0),
                site("north", SiteKind::Other, 10.0, 60.98),
            ],
            ..Dataset::default()
        };
        let report = find_gaps(&data, Scope::all(), &GapOptions::default());
        let n = report.gaps[0].nearest.expect("nearest");
        assert_eq!(n.site, 1);
        assert!(
            (108_900.0..109_100.0).contains(&n.distance_m),
            "{}",
            n.distance_m
        );
    }

    #[test]
    fn unlocated_regions_are_listed_and_bad_radius_falls_back() {
        let mut data = city();
        data.regions
            .push(region("x", "无坐标镇", RegionLevel::Town, Some("deqing")));
        let opts = GapOptions {
            radius_km: f64::NAN,
            ..GapOptions::default()
        };
        let report = find_gaps(&data, Scope::all(), &opts);
        assert_eq!(report.unlocated, vec![6]);
        assert_eq!(report.radius_km, DEFAULT_GAP_RADIUS_KM);
        let cities = GapOptions {
            levels: vec![RegionLevel::City],
            ..GapOptions::default()
        };
        assert_eq!(find_gaps(&data, Scope::all(), &cities).checked, 1);
    }
}
