//! Summaries of the data's themed routes for the routes panel: number of stops, length of
//! the drawn path and an estimated duration (travel at the route's mode, or an assumed one
//! where the data does not say, plus the default visit time of each stop's kind).
//! The bundled routes' paths are straight stop-to-stop lines: where a path only joins its
//! stops' positions, its length is the sum of the legs between the stops, as certain as the
//! stops are placed (`certainty`), and the same figure the trip of those stops shows; a path
//! drawn along the way (a track) is measured as drawn. Travel time adds the mode's detour
//! factor. Pure.

use super::certainty::Span;
use super::travel::{default_dwell_min, leg, Mode};
use crate::domain::geo::{distance_m, LonLat};
use crate::domain::model::{Dataset, Route, Site};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RouteSummary {
    pub stops: usize,
    /// Stops whose site is in the data (the duration counts only these).
    pub known_stops: usize,
    /// Length of the drawn path (every part), metres.
    pub length_m: f64,
    /// The length shown, with how certain it is: from the stops' positions where the path
    /// only joins them, else the drawn path's.
    pub span: Span,
    pub mode: Mode,
    /// The data does not state the mode; `mode` is our assumption.
    pub mode_assumed: bool,
    pub travel_min: u32,
    /// Minutes of `travel_min` allowed for legs of unknown length.
    pub allowance_min: u32,
    pub dwell_min: u32,
}

impl RouteSummary {
    pub fn total_min(&self) -> u32 {
        self.travel_min.saturating_add(self.dwell_min)
    }

    /// Whether the length says anything: stops that all sit at one approximate position
    /// (a town's centre) draw a path of no length, and "0 m" would be a wrong number.
    pub fn length_known(&self) -> bool {
        self.stops < 2 || self.span.certainty() != super::certainty::Certainty::Unknown
    }
}

/// The route's summary on the loaded data.
pub fn summarise_route(route: &Route, dataset: &Dataset) -> RouteSummary {
    summarise(route, dataset.route_stops(route))
}

/// Every route's summary, from the stops resolved once per load
/// (`Dataset::route_stop_indices`): resolving them per route searched all sites per route,
/// ~870 ms of the first frame at 100k sites.
pub fn summarise_routes(dataset: &Dataset, stops: &[Vec<Option<usize>>]) -> Vec<RouteSummary> {
    dataset
        .routes
        .iter()
        .enumerate()
        .map(|(i, route)| {
            let sites = stops
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|s| dataset.sites.get((*s)?))
                .collect();
            summarise(route, sites)
        })
        .collect()
}

/// A path vertex this close to a stop is that stop's position.
const AT_STOP_M: f64 = 1.0;

fn summarise(route: &Route, sites: Vec<&Site>) -> RouteSummary {
    let length_m: f64 = route
        .path
        .iter()
        .flat_map(|part| part.windows(2))
        .map(|w| distance_m(w[0], w[1]))
        .filter(|d| d.is_finite())
        .sum();
    let joins_stops = sites.len() >= 2
        && route.path.iter().flatten().all(|p: &LonLat| {
            sites
                .iter()
                .any(|s| distance_m(*p, s.position) <= AT_STOP_M)
        });
    // Where the mode is not stated it is assumed from how far apart the stops may be: the
    // longest the legs can be (each straight line plus both stops' radii). Stops at one
    // town point (a path of no length) may be kilometres apart: not a walk to assume.
    let reach_m = if joins_stops {
        sites
            .windows(2)
            .map(|w| {
                let r = |s: &Site| s.precision.ring_radius_m();
                distance_m(w[0].position, w[1].position) + r(w[0]) + r(w[1])
            })
            .filter(|d| d.is_finite())
            .sum()
    } else {
        length_m
    };
    let (mode, mode_assumed) = Mode::for_route(route.mode, reach_m);
    let (span, travel_min, allowance_min) = if joins_stops {
        let legs: Vec<_> = sites
            .windows(2)
            .map(|w| {
                let r = |s: &Site| s.precision.ring_radius_m();
                leg(w[0].position, r(w[0]), w[1].position, r(w[1]), mode)
            })
            .collect();
        let span = legs.iter().fold(Span::default(), |t, l| t.plus(l.span));
        let minutes = |allowance: bool| {
            legs.iter()
                .filter(|l| !allowance || l.is_allowance())
                .map(|l| l.minutes)
                .fold(0u32, u32::saturating_add)
        };
        (span, minutes(false), minutes(true))
    } else {
        let m_per_min = mode.speed_kmh() * 1000.0 / 60.0;
        let travel_min = (length_m * mode.detour_factor() / m_per_min).ceil() as u32;
        (Span::drawn(length_m), travel_min, 0)
    };
    RouteSummary {
        stops: route.stops.len(),
        known_stops: sites.len(),
        length_m,
        span,
        mode,
        mode_assumed,
        travel_min,
        allowance_min,
        dwell_min: sites.iter().map(|s| default_dwell_min(s.kind)).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{RouteId, SiteId, TravelMode};
    use crate::domain::trip::Certainty;

    fn route(path: Vec<Vec<LonLat>>, stops: &[&str], mode: TravelMode) -> Route {
        Route {
            id: RouteId::from("r"),
            name: "r".into(),
            name_en: "r".into(),
            theme: "t".into(),
            theme_en: String::new(),
            stops: stops.iter().map(|&s| SiteId::from(s)).collect(),
            mode,
            description: String::new(),
            description_en: String::new(),
            date: None,
            path,
            sources: Default::default(),
            extra: Vec::new(),
        }
    }

    #[test]
    fn length_sums_every_part_and_mode_is_assumed_when_unknown() {
        let (a, b, c) = (
            LonLat::new(0.0, 0.0),
            LonLat::new(0.01, 0.0),
            LonLat::new(0.02, 0.0),
        );
        let r = route(
            vec![vec![a, b], vec![b, c]],
            &["x", "y"],
            TravelMode::Unknown,
        );
        let s = summarise_route(&r, &Dataset::default());
        assert!((s.length_m - 2223.9).abs() < 1.0, "{}", s.length_m);
        assert_eq!((s.mode, s.mode_assumed), (Mode::Walk, true));
        // 2.224 km × 1.3 at 4.5 km/h = 38.5 min → 39; no known stops, no visit time.
        assert_eq!(
            (s.travel_min, s.dwell_min, s.known_stops, s.stops),
            (39, 0, 0, 2)
        );
        assert!(s.length_known());
    }

    #[test]
    fn the_bundled_routes_say_how_certain_their_lengths_are() {
        let data = crate::domain::test_data::bundled();
        let by_id = |id: &str| {
            let r = data.routes.iter().find(|r| r.id.as_str() == id).expect(id);
            summarise_route(r, &data)
        };
        // Route 1: 中共南三花工委 (±6 km) → 农讲所 → 西樵山 (±5 km).
        let one = by_id("nanhai-npc-red-heritage-visits");
        assert!((one.length_m - 51_078.0).abs() < 5.0, "{}", one.length_m);
        assert_eq!(one.span.certainty(), Certainty::Approximate);
        assert_eq!(
            one.span.text(true),
            "≈ 51 km (± 11 km: stops placed approximately)"
        );
        // The four Xiqiao stops at one town point, and the two Qianxi stops.
        for id in ["xiqiao-deputies-survey", "qianxi-2021-03-31-party-day"] {
            let s = by_id(id);
            assert!(!s.length_known(), "{id}");
            assert_eq!(s.span.text(false), "距离未知（各站位置为近似）");
            assert_eq!(s.allowance_min, s.travel_min);
            assert!(s.allowance_min > 0, "{id}");
            // Stops somewhere in a ±5 km (±15 km) town may be kilometres apart: a coach is
            // assumed, not a walk.
            assert_eq!((s.mode, s.mode_assumed), (Mode::Coach, true), "{id}");
        }
        assert_eq!((one.mode, one.mode_assumed), (Mode::Coach, true));
    }

    #[test]
    fn a_trip_made_from_a_route_takes_its_mode_and_ends_the_same_day() {
        let data = crate::domain::test_data::bundled();
        let r = data
            .routes
            .iter()
            .find(|r| r.id.as_str() == "nanhai-npc-red-heritage-visits")
            .expect("route 1");
        let summary = summarise_route(r, &data);
        let mut t = crate::domain::trip::Trip::default();
        assert_eq!(t.mode, Mode::Walk);
        assert_eq!(t.add_route(r.stops.iter().cloned(), summary.mode), 3);
        assert_eq!(t.mode, Mode::Coach);
        let plan = crate::domain::trip::plan(&t, &data);
        // The card's figures: travel and visits as the route list says, the day ends the
        // same afternoon (walked, it ended at 01:46 the next day).
        assert_eq!(plan.travel_min, summary.travel_min);
        assert_eq!(plan.dwell_min, summary.dwell_min);
        assert_eq!(plan.finish_min, 9 * 60 + summary.total_min());
        assert!(plan.finish_min < 18 * 60, "{}", plan.finish_min);
        assert!(plan.warnings.iter().all(|w| !matches!(
            w,
            crate::domain::trip::Warning::LongLeg { .. }
                | crate::domain::trip::Warning::PastMidnight { .. }
        )));
        // A trip with stops keeps the mode its teacher chose.
        let mut walking = crate::domain::trip::Trip::default();
        walking.add(crate::domain::model::SiteId::from("somewhere"));
        walking.add_route(r.stops.iter().cloned(), summary.mode);
        assert_eq!((walking.mode, walking.stops.len()), (Mode::Walk, 4));
    }

    #[test]
    fn a_path_drawn_along_the_way_is_measured_as_drawn() {
        // No stop in the data: the path is not the stops', its length is as drawn.
        let p = LonLat::new(113.0, 23.0);
        let at_one = summarise_route(
            &route(vec![vec![p, p, p]], &["x", "y", "z"], TravelMode::Walk),
            &Dataset::default(),
        );
        assert_eq!(at_one.length_m, 0.0);
        assert_eq!(at_one.span.certainty(), Certainty::Exact);
        // One stop has no length to know.
        let single = summarise_route(
            &route(vec![vec![p]], &["x"], TravelMode::Walk),
            &Dataset::default(),
        );
        assert!(single.length_known());
    }

    #[test]
    fn all_routes_at_once_are_each_route_alone() {
        let data = crate::domain::test_data::bundled();
        assert!(!data.routes.is_empty());
        let one_by_one: Vec<RouteSummary> = data
            .routes
            .iter()
            .map(|r| summarise_route(r, &data))
            .collect();
        assert_eq!(
            summarise_routes(&data, &data.route_stop_indices()),
            one_by_one
        );
    }
}
