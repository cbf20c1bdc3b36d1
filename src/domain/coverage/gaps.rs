//! Gaps: towns and seats with no site in scope within a distance (default 10 km), judged
//! with each site's position uncertainty, never more certain than the data.
//!
//! A site placed only to its district (±25 km) may be anywhere in that ring, so a place is
//! sorted into one of three groups by the distance `d` to a site's mapped point and the
//! site's precision radius `r` (stated, else its level's typical radius):
//! - **served**: some site is within the distance even at its farthest possible point
//!   (`d + r ≤ D`);
//! - **a gap** (certainly unserved): every site is farther even at its nearest possible
//!   point (`d − r > D`);
//! - **can't tell**: otherwise; the sites placed approximately that could be within the
//!   distance are named.
//!
//! A place to check is a region of a chosen level (towns and counties by default: the
//! schema records a county's point as its seat) that has a position: its point, or the
//! centre of its outline's box when only an outline is given. Regions of those levels
//! with no position are listed apart, not silently skipped.
//!
//! Sites come from an R-tree over unit vectors on the sphere: the straight (chord)
//! distance between two unit vectors grows with the great-circle distance, so the nearest
//! by chord is exactly the nearest on the globe, with no projection error (Web Mercator
//! distances, as the map's hit index uses, would be off by cos(lat)).

use super::index::Scope;
use crate::domain::geo::{distance_m, LonLat, EARTH_MEAN_RADIUS_M};
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

/// A site near a place: how far its mapped point is, and how far off that point may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nearest {
    /// Index into `dataset.sites`.
    pub site: usize,
    /// From the place to the site's mapped point.
    pub distance_m: f64,
    /// The site's precision radius: the real place lies within this of its mapped point.
    pub radius_m: f64,
}

impl Nearest {
    /// The nearest the site can really be (0 when the place may lie inside its ring).
    pub fn nearest_possible_m(&self) -> f64 {
        (self.distance_m - self.radius_m).max(0.0)
    }

    /// The farthest the site can really be.
    pub fn farthest_possible_m(&self) -> f64 {
        self.distance_m + self.radius_m
    }
}

/// A place that is not served for certain.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Index into `dataset.regions`.
    pub region: usize,
    pub position: LonLat,
    /// The site whose mapped point is nearest; `None` when no site in scope has a position.
    pub nearest: Option<Nearest>,
    /// For a place that can't be told: the sites that could be within the distance (their
    /// nearest possible point is), nearest mapped point first. Empty for a certain gap.
    pub possible: Vec<Nearest>,
}

/// A place with a site within the distance for certain.
#[derive(Debug, Clone, PartialEq)]
pub struct Served {
    /// Index into `dataset.regions`.
    pub region: usize,
    pub position: LonLat,
    /// The nearest site that is within the distance even at its farthest possible point.
    pub by: Nearest,
}

/// The result of a gap search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GapReport {
    /// The distance used, km.
    pub radius_km: f64,
    /// Places checked: `served.len() + gaps.len() + uncertain.len()`.
    pub checked: usize,
    /// Places with a site within the distance for certain, in the data's order.
    pub served: Vec<Served>,
    /// Certain gaps: every site is farther even at its nearest possible point; farthest
    /// from any site first.
    pub gaps: Vec<Gap>,
    /// Can't tell: no site is certainly within the distance, but some placed
    /// approximately could be. Least likely served (farthest nearest mapped point) first.
    pub uncertain: Vec<Gap>,
    /// Regions of the checked levels with no position (indices into `dataset.regions`).
    pub unlocated: Vec<usize>,
}

type Entry = GeomWithData<[f64; 3], (usize, f64)>;

fn unit_vector(p: LonLat) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The chord between two unit vectors `m` metres apart on the globe.
fn chord(m: f64) -> f64 {
    let half = (m / (2.0 * EARTH_MEAN_RADIUS_M)).min(std::f64::consts::FRAC_PI_2);
    2.0 * half.sin()
}

/// The sites in scope as points on the unit sphere, with their precision radii: built
/// once per data load and filter change, so that trying another distance is only a query.
#[derive(Debug, Clone)]
pub struct SiteSphere {
    tree: RTree<Entry>,
    /// The largest precision radius of the sites in the tree, metres.
    max_radius_m: f64,
}

impl SiteSphere {
    pub fn new(data: &Dataset, scope: Scope) -> Self {
        let entries: Vec<Entry> = data
            .sites
            .iter()
            .enumerate()
            .filter(|(i, s)| scope.has_site(*i) && s.position.is_finite())
            .map(|(i, s)| {
                let r = s.precision.ring_radius_m();
                let r = if r.is_finite() && r >= 0.0 { r } else { 0.0 };
                Entry::new(unit_vector(s.position), (i, r))
            })
            .collect();
        let max_radius_m = entries.iter().map(|e| e.data.1).fold(0.0, f64::max);
        SiteSphere {
            tree: RTree::bulk_load(entries),
            max_radius_m,
        }
    }

    fn near(&self, data: &Dataset, p: LonLat, e: &Entry) -> Option<Nearest> {
        let site = data.sites.get(e.data.0)?;
        Some(Nearest {
            site: e.data.0,
            distance_m: distance_m(p, site.position),
            radius_m: e.data.1,
        })
    }

    /// The site whose mapped point is nearest `p` (great-circle), with its distance;
    /// `data` is the dataset the sphere was built from.
    pub fn nearest(&self, data: &Dataset, p: LonLat) -> Option<Nearest> {
        let e = self.tree.nearest_neighbor(unit_vector(p))?;
        self.near(data, p, e)
    }

    /// The sites that could lie within `within_m` of `p` (mapped point within that plus
    /// their radius), nearest mapped point first.
    pub fn possibly_within(&self, data: &Dataset, p: LonLat, within_m: f64) -> Vec<Nearest> {
        // A little slack on the chord: the exact test is on the haversine distance below.
        let reach = chord(within_m + self.max_radius_m) * (1.0 + 1e-9) + 1e-12;
        let mut out: Vec<Nearest> = self
            .tree
            .locate_within_distance(unit_vector(p), reach * reach)
            .filter_map(|e| self.near(data, p, e))
            .filter(|n| n.distance_m - n.radius_m <= within_m)
            .collect();
        out.sort_by(|a, b| {
            a.distance_m
                .total_cmp(&b.distance_m)
                .then(a.site.cmp(&b.site))
        });
        out
    }
}

/// The zoom that shows a place with its distance ring filling about 80 % of the smaller
/// side of a view `view_min_px` wide (zoom 13 for a 0 km ring), within zoom 3 to 15.
pub fn show_zoom(lat: f64, ring_m: f64, view_min_px: f64) -> f64 {
    let px = if view_min_px.is_finite() && view_min_px > 100.0 {
        view_min_px
    } else {
        400.0
    };
    if !(ring_m.is_finite() && ring_m > 0.0) {
        return 13.0;
    }
    let target_m_per_px = ring_m / (0.4 * px);
    let z = (crate::domain::projection::metres_per_px(lat, 0.0) / target_m_per_px).log2();
    z.clamp(3.0, 15.0)
}

/// Sorts the places of `options.levels` into served, gaps and can't-tell by the sites in `scope`.
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
    let within_m = radius_km * 1000.0;
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
        let possible = sphere.possibly_within(data, position, within_m);
        if let Some(by) = possible
            .iter()
            .find(|n| n.farthest_possible_m() <= within_m)
        {
            report.served.push(Served {
                region: r,
                position,
                by: *by,
            });
            continue;
        }
        let gap = Gap {
            region: r,
            position,
            nearest: sphere.nearest(data, position),
            possible,
        };
        if gap.possible.is_empty() {
            report.gaps.push(gap);
        } else {
            report.uncertain.push(gap);
        }
    }
    let far = |g: &Gap| g.nearest.map_or(f64::INFINITY, |n| n.distance_m);
    for list in [&mut report.gaps, &mut report.uncertain] {
        list.sort_by(|a, b| far(b).total_cmp(&far(a)).then(a.region.cmp(&b.region)));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::{at, city, region, site};
    use crate::domain::model::SiteKind;

    use crate::domain::model::{Precision, PrecisionLevel, Site};

    fn placed(mut s: Site, level: PrecisionLevel, radius_m: f64) -> Site {
        s.precision = Precision {
            level,
            radius_m: Some(radius_m),
            note: String::new(),
            note_zh: String::new(),
        };
        s
    }

    /// The test city with every site surveyed to ±50 m.
    fn exact_city() -> Dataset {
        let mut data = city();
        for s in &mut data.sites {
            *s = placed(s.clone(), PrecisionLevel::Building, 50.0);
        }
        data
    }

    #[test]
    fn lists_towns_and_seats_farther_than_the_radius_farthest_first() {
        let data = exact_city();
        let report = find_gaps(&data, Scope::all(), &GapOptions::default());
        // Checked: 端州区, 德庆县 and three towns. 德庆县 and 德城街道 hold "tp" at their
        // point; 高良镇 holds "admin-only"; 城区 is ~1.5 km from hq.
        assert_eq!(report.checked, 5);
        assert_eq!(report.served.len(), 5);
        assert!(report.gaps.is_empty(), "{:?}", report.gaps);
        let near = find_gaps(
            &data,
            Scope::all(),
            &GapOptions {
                radius_km: 1.0,
                ..GapOptions::default()
            },
        );
        assert_eq!(
            (near.served.len(), near.gaps.len(), near.uncertain.len()),
            (4, 1, 0)
        );
        let gap = &near.gaps[0];
        assert_eq!(data.regions[gap.region].name, "城区");
        let n = gap.nearest.expect("nearest");
        assert_eq!(data.sites[n.site].id.as_str(), "hq");
        assert_eq!(n.radius_m, 50.0);
        assert!(
            (1_400.0..1_600.0).contains(&n.distance_m),
            "{}",
            n.distance_m
        );
    }

    /// The review's case: 丹灶镇 is ~28 km from three sites placed only at the district
    /// seat (±25 km), so at 10 km it can't be told, not "no site within 10 km".
    #[test]
    fn a_site_placed_only_to_its_district_makes_a_place_uncertain_not_a_gap() {
        let seat = (113.1856, 23.03625);
        let data = Dataset {
            regions: vec![
                at(
                    region("danzao", "丹灶镇", RegionLevel::Town, None),
                    112.91389,
                    23.0425,
                ),
                at(
                    region("guicheng", "桂城街道", RegionLevel::Town, None),
                    seat.0,
                    seat.1,
                ),
                at(
                    region("far", "远镇", RegionLevel::Town, None),
                    112.17629,
                    23.91952,
                ),
            ],
            sites: vec![
                placed(
                    site("committee", SiteKind::RevolutionarySite, seat.0, seat.1),
                    PrecisionLevel::County,
                    25_000.0,
                ),
                placed(
                    site("park", SiteKind::PublicSpace, seat.0, seat.1),
                    PrecisionLevel::Town,
                    3_000.0,
                ),
            ],
            ..Dataset::default()
        };
        let report = find_gaps(&data, Scope::all(), &GapOptions::default());
        // 桂城: the park is within 10 km even at its farthest (0 + 3 km).
        assert_eq!(report.served.len(), 1);
        assert_eq!(report.uncertain.len(), 1);
        let danzao = &report.uncertain[0];
        assert_eq!(data.regions[danzao.region].name, "丹灶镇");
        let names: Vec<&str> = danzao
            .possible
            .iter()
            .map(|n| data.sites[n.site].id.as_str())
            .collect();
        assert_eq!(
            names,
            ["committee"],
            "the park (±3 km) is certainly farther"
        );
        let d = danzao.possible[0].distance_m;
        assert!((27_000.0..30_000.0).contains(&d), "{d}");
        // 怀集 is ~100 km away: farther than 10 km even from the ring's near edge.
        assert_eq!(report.gaps.len(), 1);
        assert_eq!(data.regions[report.gaps[0].region].name, "远镇");
        assert!(report.gaps[0].possible.is_empty());
        assert_eq!(
            report.checked,
            report.served.len() + report.gaps.len() + report.uncertain.len()
        );
        // At 40 km 丹灶 is served for certain (28 + 3 ≤ 40 by the park).
        let wide = GapOptions {
            radius_km: 40.0,
            ..GapOptions::default()
        };
        let report = find_gaps(&data, Scope::all(), &wide);
        assert_eq!(
            (
                report.served.len(),
                report.uncertain.len(),
                report.gaps.len()
            ),
            (2, 0, 1)
        );
    }

    /// At 0 km a site at a seat's own point is not "at the seat" unless its position is exact.
    #[test]
    fn at_zero_km_a_site_at_the_centroid_only_could_be_there() {
        let data = Dataset {
            regions: vec![at(region("t", "镇", RegionLevel::Town, None), 113.0, 23.0)],
            sites: vec![placed(
                site("s", SiteKind::Other, 113.0, 23.0),
                PrecisionLevel::Town,
                3_000.0,
            )],
            ..Dataset::default()
        };
        let zero = GapOptions {
            radius_km: 0.0,
            ..GapOptions::default()
        };
        let report = find_gaps(&data, Scope::all(), &zero);
        assert_eq!(
            (
                report.served.len(),
                report.uncertain.len(),
                report.gaps.len()
            ),
            (0, 1, 0)
        );
        let mut exact = data.clone();
        exact.sites[0].precision.radius_m = Some(0.0);
        assert_eq!(find_gaps(&exact, Scope::all(), &zero).served.len(), 1);
    }

    #[test]
    fn show_zoom_fits_the_ring_in_the_view() {
        use crate::domain::projection::metres_per_px;
        for (lat, km, px) in [(23.9, 10.0, 800.0), (23.9, 50.0, 390.0), (60.0, 1.0, 600.0)] {
            let z = show_zoom(lat, km * 1000.0, px);
            let r_px = km * 1000.0 / metres_per_px(lat, z);
            assert!(
                (0.3 * px..0.45 * px).contains(&r_px),
                "{lat} {km} {px}: {r_px}"
            );
        }
        assert_eq!(show_zoom(23.9, 0.0, 800.0), 13.0);
        assert_eq!(show_zoom(23.9, 50_000_000.0, 800.0), 3.0);
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
