//! Travel modes and leg estimates. A leg's distance is the great-circle distance times a
//! detour factor, its time that distance at an average door-to-door speed. These are
//! PLANNING ASSUMPTIONS, shown in the UI as estimates, not routing:
//!
//! | mode        | speed   | detour | why |
//! |-------------|---------|--------|-----|
//! | walk        | 4.5 km/h | 1.3 | a group's pace; the design walking speed of the US Highway Capacity Manual is 1.2 m/s (4.3 km/h) |
//! | bike        | 14 km/h | 1.3 | typical urban cycling with stops |
//! | bus / coach | 30 km/h | 1.4 | mixed urban and suburban roads, door to door |
//! | car         | 40 km/h | 1.4 | the same roads, less boarding |
//!
//! Detour (circuity) factors: Ballou, Rahardja & Sakai (2002), "Selected country circuity
//! factors for road travel distance estimation" (Transportation Research A 36) report road
//! distance / straight-line distance of roughly 1.2-1.4 by country; Boscoe, Henry & Zdeb
//! (2012) measured 1.417 on average for driving in the USA. Footpaths are more direct.
//!
//! Also the default time spent at a stop by kind of site. Depends on `geo` and `model`.

use super::certainty::{allowance_straight_m, Certainty, Span, ALLOWANCE_STEP_MIN};
use crate::domain::geo::{distance_m, LonLat};
use crate::domain::model::{SiteKind, TravelMode};

/// How the group travels between stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    #[default]
    Walk,
    Bike,
    /// Bus or coach.
    Coach,
    Car,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Walk, Mode::Bike, Mode::Coach, Mode::Car];

    /// One letter, as in the share code.
    pub fn code(self) -> char {
        match self {
            Mode::Walk => 'w',
            Mode::Bike => 'b',
            Mode::Coach => 'c',
            Mode::Car => 'd',
        }
    }

    pub fn from_code(c: char) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == c)
    }

    /// Average door-to-door speed, km/h.
    pub fn speed_kmh(self) -> f64 {
        match self {
            Mode::Walk => 4.5,
            Mode::Bike => 14.0,
            Mode::Coach => 30.0,
            Mode::Car => 40.0,
        }
    }

    /// Travelled distance / great-circle distance.
    pub fn detour_factor(self) -> f64 {
        match self {
            Mode::Walk | Mode::Bike => 1.3,
            Mode::Coach | Mode::Car => 1.4,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Mode::Walk => "步行",
            Mode::Bike => "骑行",
            Mode::Coach => "公交/大巴",
            Mode::Car => "自驾",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Mode::Walk => "Walk",
            Mode::Bike => "Bike",
            Mode::Coach => "Bus / coach",
            Mode::Car => "Car",
        }
    }

    /// The mode a data route states; where it does not, walking for a route whose stops are
    /// at most `reach_m` (5 km) along, and a coach otherwise (the second value says the mode
    /// was assumed).
    pub fn for_route(mode: TravelMode, reach_m: f64) -> (Mode, bool) {
        match mode {
            TravelMode::Walk => (Mode::Walk, false),
            TravelMode::Bike => (Mode::Bike, false),
            TravelMode::Bus | TravelMode::Coach => (Mode::Coach, false),
            TravelMode::Car => (Mode::Car, false),
            TravelMode::Unknown if reach_m <= 5_000.0 => (Mode::Walk, true),
            TravelMode::Unknown => (Mode::Coach, true),
        }
    }
}

/// One leg between two stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leg {
    /// Great-circle distance between the two positions as drawn.
    pub straight_m: f64,
    /// The straight-line distance with how certain it is (from the stops' precision).
    pub span: Span,
    /// Estimated travelled distance (straight × detour factor); for a leg of unknown
    /// length, the distance its time allowance is for.
    pub distance_m: f64,
    /// Estimated travel time, whole minutes rounded up; for a leg of unknown length, the
    /// allowance (`certainty` module), never 0.
    pub minutes: u32,
}

impl Leg {
    /// The leg's length is unknown and `minutes` is an allowance, not an estimate.
    pub fn is_allowance(&self) -> bool {
        self.span.certainty() == Certainty::Unknown
    }
}

/// Estimates the leg from `a` (placed to within `radius_a_m`) to `b` (within `radius_b_m`).
/// Where the positions cannot tell the distance (both at one town point, or the radii
/// larger than the distance) the time is a stated allowance; non-finite positions give an
/// unknown leg, not NaN.
pub fn leg(a: LonLat, radius_a_m: f64, b: LonLat, radius_b_m: f64, mode: Mode) -> Leg {
    // geo::distance_m of a NaN position is not NaN (its asin is clamped), so check first.
    let straight_m = if a.is_finite() && b.is_finite() {
        distance_m(a, b)
    } else {
        f64::NAN
    };
    let span = Span::leg(straight_m, radius_a_m, radius_b_m);
    let m_per_min = mode.speed_kmh() * 1000.0 / 60.0;
    let unknown = span.certainty() == Certainty::Unknown;
    let straight_for_time = if unknown {
        allowance_straight_m(straight_m, radius_a_m, radius_b_m)
    } else {
        straight_m
    };
    let distance_m = straight_for_time * mode.detour_factor();
    // A small epsilon keeps 15.000000001 minutes from becoming 16.
    let mut minutes = ((distance_m / m_per_min) - 1e-9).ceil().max(0.0) as u32;
    if unknown {
        minutes = minutes.max(1).div_ceil(ALLOWANCE_STEP_MIN) * ALLOWANCE_STEP_MIN;
    }
    Leg {
        straight_m: if straight_m.is_finite() {
            straight_m
        } else {
            0.0
        },
        span,
        distance_m,
        minutes,
    }
}

/// Default time at a stop, minutes, by the site's main kind (editable per stop).
pub fn default_dwell_min(kind: SiteKind) -> u32 {
    match kind {
        SiteKind::StudyBase => 90,
        SiteKind::Museum | SiteKind::LectureBase => 60,
        SiteKind::RevolutionarySite | SiteKind::TeachingPoint => 45,
        SiteKind::Enterprise | SiteKind::Community => 45,
        SiteKind::Memorial | SiteKind::VisitPoint | SiteKind::PublicSpace => 30,
        SiteKind::Other => 30,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_a_kilometre_east_at_the_equator() {
        // 1 km great-circle × 1.3 = 1.3 km at 4.5 km/h = 17.33 min → 18 min.
        let a = LonLat::new(0.0, 0.0);
        let b = LonLat::new(1000.0 / 111_195.08, 0.0);
        let l = leg(a, 50.0, b, 50.0, Mode::Walk);
        assert!((l.straight_m - 1000.0).abs() < 1.0, "{}", l.straight_m);
        assert_eq!(l.span.certainty(), Certainty::Exact);
        assert!((l.distance_m - 1300.0).abs() < 1.5);
        assert_eq!(l.minutes, 18);
    }

    #[test]
    fn guangzhou_to_foshan_by_coach() {
        // 广州农讲所 → 南海县委旧址: about 12 km straight, 17 km by road at 30 km/h.
        let a = LonLat::new(113.271333, 23.1303389);
        let b = LonLat::new(113.1856, 23.03625);
        let l = leg(a, 100.0, b, 100.0, Mode::Coach);
        assert!(
            (l.straight_m / 1000.0 - 13.6).abs() < 0.5,
            "{}",
            l.straight_m
        );
        assert_eq!(l.minutes, (l.distance_m / 500.0).ceil() as u32);
    }

    #[test]
    fn same_exact_place_is_a_zero_leg_and_bad_positions_are_unknown() {
        let p = LonLat::new(113.0, 23.0);
        let same = leg(p, 20.0, p, 20.0, Mode::Car);
        assert_eq!((same.minutes, same.is_allowance()), (0, false));
        let bad = leg(p, 20.0, LonLat::new(f64::NAN, 0.0), 20.0, Mode::Walk);
        assert!(bad.is_allowance());
        assert!(bad.straight_m == 0.0 && bad.minutes > 0, "{bad:?}");
    }

    #[test]
    fn stops_at_one_town_point_get_a_time_allowance_not_zero_minutes() {
        // Two Xiqiao stops, both drawn at the 西樵镇 town point (±5 km): the allowance is
        // for 5 km straight: walking 5 × 1.3 km at 4.5 km/h = 86.7 min → 90; coach
        // 5 × 1.4 km at 30 km/h = 14 min → 15.
        let p = LonLat::new(112.96738, 22.94614);
        let walk = leg(p, 5_000.0, p, 5_000.0, Mode::Walk);
        assert!(walk.is_allowance());
        assert_eq!(walk.minutes, 90);
        assert_eq!(walk.span.known_m, 0.0);
        assert_eq!(leg(p, 5_000.0, p, 5_000.0, Mode::Coach).minutes, 15);
        // An approximate leg keeps its computed time.
        let far = LonLat::new(113.271333, 23.1303389);
        let l = leg(p, 5_000.0, far, 100.0, Mode::Coach);
        assert_eq!(l.span.certainty(), Certainty::Approximate);
        assert_eq!(l.minutes, (l.distance_m / 500.0 - 1e-9).ceil() as u32);
    }

    #[test]
    fn modes_round_trip_their_codes_and_unknown_route_modes_are_assumed() {
        for m in Mode::ALL {
            assert_eq!(Mode::from_code(m.code()), Some(m));
        }
        assert_eq!(
            Mode::for_route(TravelMode::Unknown, 3_000.0),
            (Mode::Walk, true)
        );
        assert_eq!(
            Mode::for_route(TravelMode::Unknown, 30_000.0),
            (Mode::Coach, true)
        );
        assert_eq!(Mode::for_route(TravelMode::Bus, 1.0), (Mode::Coach, false));
    }
}
